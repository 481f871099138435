import { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';

/**
 * Changes to a PDF written as an incremental update: the original bytes stay exactly as they
 * are and the changed and new objects follow them with their own cross-reference section, so a
 * signature over the original revision stays valid (ISO 32000-1, 7.5.6).
 *
 * `edit` works on a pdf-lib document loaded from the original; the objects whose serialisation
 * differs afterwards (and the new ones) make the new revision.
 */
export async function appendRevision(original: Buffer, edit: (doc: PDFDocument) => void | Promise<void>): Promise<Buffer> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const before = new Map<string, Buffer>();
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) before.set(ref.tag, serialise(object));

  await edit(doc);
  await doc.flush();

  const changed: { ref: PDFRef; bytes: Buffer }[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const bytes = serialise(object);
    const old = before.get(ref.tag);
    if (!old || !old.equals(bytes)) changed.push({ ref, bytes });
  }
  if (!changed.length) return original;
  changed.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);

  const chunks: Buffer[] = [original];
  let offset = original.length;
  const push = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(buffer);
    offset += buffer.length;
  };
  if (original[original.length - 1] !== 0x0a) push('\n');

  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const { ref, bytes } of changed) {
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    push(bytes);
    push('\nendobj\n');
  }

  const xrefOffset = offset;
  push('xref\n');
  for (const run of consecutiveRuns([...offsets.keys()])) {
    push(`${run[0]} ${run.length}\n`);
    for (const number of run) {
      const entry = offsets.get(number)!;
      push(`${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`);
    }
  }
  const { Root, Info, ID } = doc.context.trailerInfo;
  const trailer = [`/Size ${doc.context.largestObjectNumber + 1}`, `/Root ${String(Root)}`];
  if (Info) trailer.push(`/Info ${String(Info)}`);
  if (ID) trailer.push(`/ID ${String(ID)}`);
  trailer.push(`/Prev ${lastStartXref(original)}`);
  push(`trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

/** The offset of the last cross-reference section of a PDF (what its final `startxref` says). */
export function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new Error('not a PDF: no startxref at its end');
  return Number(match[1]);
}

/** The number of revisions of a PDF: one per `%%EOF` that ends a cross-reference section. */
export function revisionCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return (text.match(/startxref\s+\d+\s+%%EOF/g) ?? []).length;
}

function serialise(object: PDFObject): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
}

function consecutiveRuns(numbers: number[]): number[][] {
  const runs: number[][] = [];
  for (const n of numbers.sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === n - 1) last.push(n);
    else runs.push([n]);
  }
  return runs;
}
