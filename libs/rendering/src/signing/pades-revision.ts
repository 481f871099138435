import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import signpdf from '@signpdf/signpdf';
import { CadesSigner, SignatureKey, SigningIdentity } from './cades-signer';
import { appendRevision } from './incremental-pdf';
import { addSignaturePlaceholder, SignatureDictionaryInfo } from './pdf-signature';

export type RevisionSignatureInfo = SignatureDictionaryInfo;

/**
 * A PAdES signature in a new revision of the PDF: whatever `edit` draws or adds (the number, the
 * date, the seal) and the signature field go in one incremental update, and the signature covers
 * the whole file. Earlier signatures cover their own revisions and stay valid.
 */
export async function signNewRevision(
  pdf: Buffer,
  info: RevisionSignatureInfo,
  key: SignatureKey | SigningIdentity,
  edit?: (doc: PDFDocument) => void | Promise<void>,
): Promise<Buffer> {
  const withPlaceholder = await appendRevision(pdf, async (doc) => {
    await edit?.(doc);
    addSignaturePlaceholder(doc, info);
    nameLastSignatureField(doc);
  });
  return signpdf.sign(withPlaceholder, new CadesSigner(key));
}

/** The placeholder helper names every field "Signature1"; a field name must be unique in a form. */
function nameLastSignatureField(doc: PDFDocument): void {
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const taken = new Set<string>();
  for (let i = 0; i < fields.size() - 1; i++) {
    const name = fields.lookup(i, PDFDict).lookupMaybe(PDFName.of('T'), PDFString);
    if (name) taken.add(name.decodeText());
  }
  let n = fields.size();
  while (taken.has(`Signature${n}`)) n++;
  fields.lookup(fields.size() - 1, PDFDict).set(PDFName.of('T'), PDFString.of(`Signature${n}`));
}
