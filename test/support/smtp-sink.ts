import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MailPart, mailReceivingServer, parseMail, ReceivedMail } from '@app/distribution';

export type { MailPart, ReceivedMail };
export { parseMail };

/**
 * A real SMTP server on loopback for tests and benchmarks: it keeps every mail it accepts.
 * `stop()` closes the port (clients get "connection refused", as with a server that is down);
 * `start()` opens the same port again. `delayMs` makes each mail take that long to accept.
 */
export class SmtpSink {
  delayMs = 0;
  /** As received; parsed only when asked for, so that a benchmark measures the sender, not this parser. */
  private readonly received: { raw: Buffer; to: string[]; parsed?: ReceivedMail }[] = [];

  get mails(): ReceivedMail[] {
    return this.received.map((r) => (r.parsed ??= parseMail(r.raw, r.to)));
  }

  get count(): number {
    return this.received.length;
  }

  private server: SMTPServer | null = null;
  private portNumber = 0;

  get port(): number {
    return this.portNumber;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.portNumber}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = mailReceivingServer(async (raw, { to }) => {
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      this.received.push({ raw, to });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.portNumber = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    // Connections still open (a pooled client) are cut, as when the server goes down.
    for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Mails by Message-ID: a mail sent twice after a crash counts once here. */
  distinctMessageIds(): Set<string> {
    return new Set(this.received.map((r) => messageIdOf(r.raw)));
  }
}

function messageIdOf(raw: Buffer): string {
  const head = raw
    .subarray(0, Math.max(0, raw.indexOf('\r\n\r\n')))
    .toString('latin1')
    .replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:\s*(.+)$/im.exec(head)?.[1].trim() ?? '';
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback for webhooks: keeps every request; `status` is what it answers. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  status = 200;
  private server: Server | null = null;
  private portNumber = 0;

  get url(): string {
    return `http://127.0.0.1:${this.portNumber}/hooks/kehoach`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: this.status < 300 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.portNumber = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
