import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

/**
 * Places on a page that are filled after the signer's signature (the number, the date, the
 * seal over the signature image). The template marks each with a link to `SLOT_URL_PREFIX +
 * name`; Chromium prints a link annotation with the element's exact rectangle, which is read
 * here and then removed, so the printed document keeps no trace of it.
 */
export const SLOT_URL_PREFIX = 'https://slot.kehoach.invalid/';

export interface DocumentSlot {
  /** 0-based page index. */
  page: number;
  /** PDF user space, points from the bottom-left corner: [x1, y1, x2, y2]. */
  rect: [number, number, number, number];
}

export type DocumentSlots = Record<string, DocumentSlot>;

/** Reads the slots of a freshly printed PDF and removes their link annotations. */
export async function takeSlots(pdf: Buffer): Promise<{ pdf: Buffer; slots: DocumentSlots }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const slots: DocumentSlots = {};
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    const kept: ReturnType<PDFArray['get']>[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookup(i, PDFDict);
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText() ?? '';
      if (!uri.startsWith(SLOT_URL_PREFIX)) {
        kept.push(annots.get(i));
        continue;
      }
      const rect = annot
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber()) as DocumentSlot['rect'];
      slots[decodeURIComponent(uri.slice(SLOT_URL_PREFIX.length))] = { page: index, rect };
      // Gone from the file too, not only from the page: the address must not be found in it.
      for (const ref of [annots.get(i), annot.get(PDFName.of('A'))]) if (ref instanceof PDFRef) doc.context.delete(ref);
    }
    if (kept.length === annots.size()) return;
    if (kept.length) page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
    else page.node.delete(PDFName.of('Annots'));
  });
  if (!Object.keys(slots).length) return { pdf, slots };
  return { pdf: Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false })), slots };
}
