/** One part of a received mail: its headers (lower-case names) and decoded body. */
export interface MailPart {
  headers: Record<string, string>;
  body: Buffer;
}

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  headers: Record<string, string>;
  parts: MailPart[];
  raw: Buffer;
}

/** Minimal MIME reading for what nodemailer writes: folded headers, multipart, base64 / quoted-printable, RFC 2047 words. */
export function parseMail(raw: Buffer, to: string[]): ReceivedMail {
  const { headers, body } = splitPart(raw);
  const parts: MailPart[] = [];
  collectParts(headers, body, parts);
  return {
    messageId: headers['message-id'] ?? '',
    from: headers.from ?? '',
    to,
    subject: decodeWords(headers.subject ?? ''),
    headers,
    parts,
    raw,
  };
}

function splitPart(raw: Buffer): { headers: Record<string, string>; body: Buffer } {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8');
  }
  return { headers, body: end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4) };
}

function collectParts(headers: Record<string, string>, body: Buffer, out: MailPart[]): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.toString('latin1').split(`--${boundary}`);
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      const part = splitPart(Buffer.from(section.replace(/^\r\n/, ''), 'latin1'));
      collectParts(part.headers, part.body, out);
    }
    return;
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  let decoded = body;
  if (encoding === 'base64') decoded = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') decoded = decodeQuotedPrintable(body.toString('latin1'));
  out.push({ headers, body: decoded });
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes = text.replace(/=\r?\n/g, '').replace(/\r?\n$/, '');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === '=' && /^[0-9A-F]{2}$/i.test(bytes.slice(i + 1, i + 3))) {
      out.push(parseInt(bytes.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(bytes.charCodeAt(i));
  }
  return Buffer.from(out);
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

/**
 * An attachment's file name from its Content-Disposition (or Content-Type "name"), RFC 2231
 * continuations and percent-encoding included: `filename*0*=utf-8''01-KH-BC%C4%90.pdf`.
 */
export function attachmentFileName(headers: Record<string, string>): string | null {
  for (const [header, param] of [
    ['content-disposition', 'filename'],
    ['content-type', 'name'],
  ] as const) {
    const value = headers[header] ?? '';
    const pieces = [...value.matchAll(new RegExp(`${param}(?:\\*(\\d+))?(\\*)?\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'gi'))]
      .map((m) => ({ index: Number(m[1] ?? 0), encoded: !!m[2], text: m[4] ?? m[3] }))
      .sort((a, b) => a.index - b.index);
    if (!pieces.length) continue;
    const joined = pieces.map((p) => (p.encoded ? p.text.replace(/^[\w-]*'[\w-]*'/, '') : p.text)).join('');
    const name = pieces.some((p) => p.encoded) ? decodeURIComponent(joined) : decodeWords(joined);
    return name.normalize('NFC');
  }
  return null;
}
