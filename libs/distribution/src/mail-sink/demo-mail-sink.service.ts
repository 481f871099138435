import { AddressInfo } from 'node:net';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { DemoMail, DemoMailAttachment } from '../entities/demo-mail.entity';
import { mailReceivingServer } from './mail-receiving-server';
import { attachmentFileName, parseMail, ReceivedMail } from './mime';

/** Where e-mail goes: the operator's server, the demo sink, or nowhere (e-mail is not a channel then). */
export function emailEnabled(config: Pick<AppConfig, 'smtpUrl' | 'demo'>): boolean {
  return !!config.smtpUrl || config.demo;
}

/**
 * The demo's own mail server: in demo mode without SMTP_URL, an SMTP server on loopback (a free
 * port) accepts every mail the distribution sends and keeps it in `demo_mail`, where an
 * administrator reads it ("Hộp thư thử nghiệm"). A mail is accepted once it is stored.
 */
@Injectable()
export class DemoMailSinkService implements OnModuleDestroy {
  private readonly logger = new Logger('DemoMail');
  private server: SMTPServer | null = null;
  private starting: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Whether mail goes to this sink rather than to SMTP_URL. */
  get active(): boolean {
    return this.config.demo && !this.config.smtpUrl;
  }

  /** The sink's smtp:// address, started on first use. */
  url(): Promise<string> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.starting = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async start(): Promise<string> {
    const server = mailReceivingServer((raw, envelope) => this.store(parseMail(raw, envelope.to), envelope.from));
    server.on('error', (error) => this.logger.warn(`demo mail sink: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    this.logger.log(`demo mail sink listening on ${url}: mail is kept, not sent`);
    return url;
  }

  private async store(mail: ReceivedMail, envelopeFrom: string): Promise<void> {
    const text = mail.parts.find(
      (p) => /^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain') && !/attachment/i.test(p.headers['content-disposition'] ?? ''),
    );
    const attachments: DemoMailAttachment[] = mail.parts
      .filter((p) => /attachment/i.test(p.headers['content-disposition'] ?? ''))
      .map((p) => ({
        fileName: attachmentFileName(p.headers) ?? 'tệp đính kèm',
        contentType: (p.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim(),
        size: p.body.length,
      }));
    const deliveryId = mail.headers['x-kehoach-delivery'] ?? null;
    await this.dataSource.getRepository(DemoMail).insert({
      sender: mail.from || envelopeFrom,
      recipients: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      deliveryId: deliveryId && /^[0-9a-f-]{36}$/i.test(deliveryId) ? deliveryId : null,
      textBody: text ? text.body.toString('utf8').replace(/\r\n/g, '\n') : '',
      attachments,
      raw: mail.raw,
    });
  }
}
