import { Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '@app/config';
import { DemoMailSinkService } from '../mail-sink/demo-mail-sink.service';
import {
  deliveryMessageId,
  IssuedPlanFacts,
  mailSubject,
  mailText,
  pdfFileName,
  ReplacementFacts,
  replacementMailSubject,
  replacementMailText,
  RevocationFacts,
  revocationMailSubject,
  revocationMailText,
} from '../services/delivery-message';

export interface OutgoingMail {
  deliveryId: string;
  to: string;
  recipientName: string;
  plan: IssuedPlanFacts;
  /** The issued PDF, attached to the plan's own mail (not to a revocation notice). */
  pdf: Buffer | null;
  /** Set for the notice that the plan was revoked. */
  revocation?: RevocationFacts | null;
  /** Set for the notice that the plan was replaced (the mail leads to the replacing plan). */
  replacement?: ReplacementFacts | null;
}

/** Shown to the clerk on the delivery board when no mail server is configured. */
export const NO_MAIL_SERVER = 'Chưa cấu hình máy chủ thư điện tử; liên hệ quản trị hệ thống';

/**
 * E-mail by SMTP (SMTP_URL, or the demo mail sink in demo mode), one pooled connection set per process. Every mail carries the
 * delivery's stable Message-ID, so a mail sent again after a crash is recognizable as the same.
 */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly demoSink: DemoMailSinkService,
  ) {}

  /** Resolves once the SMTP server accepted the mail; throws otherwise. Returns the Message-ID. */
  async send(mail: OutgoingMail): Promise<string> {
    const messageId = deliveryMessageId(mail.deliveryId);
    const { plan, revocation, replacement } = mail;
    const viewUrl = `${this.config.publicUrl}/plans/${replacement?.planId ?? plan.planId}`;
    const event = revocation ? 'plan.revoked' : replacement ? 'plan.replaced' : null;
    await (
      await this.transporter()
    ).sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: revocation ? revocationMailSubject(plan) : replacement ? replacementMailSubject(plan) : mailSubject(plan),
      text: revocation
        ? revocationMailText(plan, revocation, mail.recipientName, viewUrl)
        : replacement
          ? replacementMailText(plan, replacement, mail.recipientName, viewUrl)
          : mailText(plan, mail.recipientName, viewUrl),
      messageId,
      headers: { 'X-Kehoach-Delivery': mail.deliveryId, 'X-Kehoach-Plan': plan.planId, ...(event ? { 'X-Kehoach-Event': event } : {}) },
      attachments: mail.pdf ? [{ filename: pdfFileName(plan), content: mail.pdf, contentType: 'application/pdf' }] : [],
    });
    return messageId;
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }

  private async transporter(): Promise<Transporter> {
    // No e-mail delivery is planned without a mail server (see emailEnabled): this one is left over.
    const url = this.config.smtpUrl || (this.demoSink.active ? await this.demoSink.url() : null);
    if (!url) throw new Error(NO_MAIL_SERVER);
    this.transport ??= nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: Math.min(this.config.deliveryConcurrency, 8),
      // A server that does not answer must fail the attempt, not hold the worker.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }
}
