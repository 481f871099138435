import { SMTPServer } from 'smtp-server';

/** Who a mail came from and went to, as the sending server said in its envelope. */
export interface MailEnvelope {
  from: string;
  to: string[];
}

/**
 * A plain SMTP server that takes any mail (no TLS, no login, up to 50 MiB) and hands each one,
 * whole, to `onMail`; the mail is accepted once that resolves. The demo's mail sink and the
 * tests' SMTP sink are both one.
 */
export function mailReceivingServer(onMail: (raw: Buffer, envelope: MailEnvelope) => Promise<void>): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        onMail(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
}
