import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '@app/common';
import { AppConfig } from '@app/config';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { DemoMail } from '../entities/demo-mail.entity';
import { attachmentFileName, parseMail } from './mime';

export type DemoMailSummary = Pick<DemoMail, 'id' | 'receivedAt' | 'sender' | 'recipients' | 'subject' | 'attachments'>;

/** "Hộp thư thử nghiệm": the mails the demo sink kept, for administrators, in demo mode only. */
@Injectable()
export class DemoMailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Newest first, at most `limit`. */
  async list(actor: Actor, limit = 200): Promise<{ mails: DemoMailSummary[]; total: number }> {
    this.allow(actor);
    const [mails, total] = await this.dataSource.getRepository(DemoMail).findAndCount({
      select: { id: true, receivedAt: true, sender: true, recipients: true, subject: true, attachments: true },
      order: { receivedAt: 'DESC' },
      take: limit,
    });
    return { mails, total };
  }

  async get(actor: Actor, id: string): Promise<DemoMail> {
    this.allow(actor);
    const mail = await this.dataSource.getRepository(DemoMail).findOne({ where: { id } });
    if (!mail) throw new DistributionError(DistributionErrorCode.DemoMailNotFound, 'Không có thư này trong hộp thư thử nghiệm.');
    return mail;
  }

  /** The n-th attachment (from 0) as the mail carried it. */
  async attachment(actor: Actor, id: string, index: number): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    this.allow(actor);
    const row = await this.dataSource.getRepository(DemoMail).createQueryBuilder('m').addSelect('m.raw').where('m.id = :id', { id }).getOne();
    const parts = row ? parseMail(row.raw, row.recipients).parts.filter((p) => /attachment/i.test(p.headers['content-disposition'] ?? '')) : [];
    const part = parts[index];
    if (!part) throw new DistributionError(DistributionErrorCode.DemoMailNotFound, 'Không có tệp đính kèm này.');
    return {
      fileName: attachmentFileName(part.headers) ?? 'tep-dinh-kem',
      contentType: (part.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim(),
      body: part.body,
    };
  }

  /** The page exists only in demo mode, and only administrators read others' mail. */
  private allow(actor: Actor): void {
    if (!this.config.demo || !hasRole(actor, 'admin')) {
      throw new DistributionError(DistributionErrorCode.DemoMailNotFound, 'Không có hộp thư thử nghiệm.');
    }
  }
}
