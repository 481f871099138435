import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import type { DataSource } from 'typeorm';
import { DemoMailSinkService } from '../mail-sink/demo-mail-sink.service';
import { EmailChannel } from './email.channel';

describe('e-mail channel without a mail server', () => {
  it("tells the clerk in an office's words, naming no setting", async () => {
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-mail-')),
      DATABASE_URL: 'postgres://unused@127.0.0.1/none',
      DEMO: '0',
    });
    expect(config.smtpUrl).toBeFalsy();
    // Outside demo mode the sink is off and never touches its database.
    const channel = new EmailChannel(config, new DemoMailSinkService(null as unknown as DataSource, config));
    const plan = {
      planId: 'p',
      documentType: 'KH',
      documentTypeName: 'Kế hoạch',
      number: 4,
      numberSymbol: '04-KH/BCĐ',
      issuedOn: '2024-03-01',
      summary: 'thực hiện dân chủ ở cơ sở',
      pdfSha256: 'x',
      issuer: { id: 'o', code: 'bcd', fullName: 'Ban Chỉ đạo' },
    } as Parameters<EmailChannel['send']>[0]['plan'];
    const sent = channel.send({ deliveryId: 'd', to: 'van-thu@example.test', recipientName: 'Văn thư', plan, pdf: Buffer.from('') });
    await expect(sent).rejects.toThrow('Chưa cấu hình máy chủ thư điện tử; liên hệ quản trị hệ thống');
    await expect(sent).rejects.not.toThrow(/[A-Z]+_[A-Z]+/);
  });
});
