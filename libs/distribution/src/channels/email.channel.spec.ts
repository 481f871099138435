import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { EmailChannel } from './email.channel';

describe('e-mail channel without a mail server', () => {
  it('tells the clerk in an office\'s words, naming no setting', async () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-mail-')) });
    expect(config.smtpUrl).toBeFalsy();
    const channel = new EmailChannel(config);
    const plan = {
      planId: 'p', documentType: 'KH', documentTypeName: 'Kế hoạch', number: 4, numberSymbol: '04-KH/BCĐ',
      issuedOn: '2024-03-01', summary: 'thực hiện dân chủ ở cơ sở', pdfSha256: 'x',
      issuer: { id: 'o', code: 'bcd', fullName: 'Ban Chỉ đạo' },
    } as Parameters<EmailChannel['send']>[0]['plan'];
    const sent = channel.send({ deliveryId: 'd', to: 'van-thu@example.test', recipientName: 'Văn thư', plan, pdf: Buffer.from('') });
    await expect(sent).rejects.toThrow('Chưa cấu hình máy chủ thư điện tử; liên hệ quản trị hệ thống');
    await expect(sent).rejects.not.toThrow(/[A-Z]+_[A-Z]+/);
  });
});
