import type { Response } from 'supertest';

/** supertest's parser for a binary body (a PDF, a Word file): `.buffer(true).parse(binaryBody)` gives the bytes. */
export function binaryBody(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  // In Node, superagent hands a parser the incoming message, a stream of the body's bytes.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
