import { Column, Entity, Index } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';

/** An attachment of a mail the demo sink kept: what a person sees of it. */
export interface DemoMailAttachment {
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * A mail the demo mail sink accepted ("Hộp thư thử nghiệm"): in demo mode e-mail distribution
 * goes to an SMTP server of the application itself, which keeps each mail here instead of
 * sending it anywhere.
 */
@Entity('demo_mail')
export class DemoMail {
  @UuidPrimaryKey() id: string;

  @Index() @CreatedAt() receivedAt: Date;

  @Column({ type: 'text' }) sender: string;

  /** The envelope's recipients (RCPT TO). */
  @Column({ type: 'text', array: true }) recipients: string[];

  @Column({ type: 'text' }) subject: string;

  @Column({ type: 'text' }) messageId: string;

  /** The delivery this mail carries (X-Kehoach-Delivery), when it is one. */
  @UuidColumn({ nullable: true }) deliveryId: string | null;

  @Column({ type: 'text' }) textBody: string;

  @Column({ type: 'jsonb', default: () => `'[]'` }) attachments: DemoMailAttachment[];

  /** The message as received, attachments included. */
  @Column({ type: 'bytea', select: false }) raw: Buffer;
}
