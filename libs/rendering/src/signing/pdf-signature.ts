import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { CadesSigner, SignatureKey, SigningIdentity } from './cades-signer';

export const SUBFILTER_ETSI_CADES_DETACHED = 'ETSI.CAdES.detached';

/** Fixed document information of an issued PDF (the same on every re-run). */
export interface IssuedPdfInfo {
  title: string;
  /** The issuing organization. */
  author: string;
  /** The summary line (trích yếu). */
  subject: string;
  /** Number and symbol: "04-KH/BCĐ". */
  keywords: string[];
  /** Issuance time. */
  creationDate: Date;
  /** The time of the signature, written in the signature dictionary (/M). */
  signingTime: Date;
  signerName: string;
  reason: string;
  location: string;
  contactInfo: string;
}

/** What the signature dictionary says of the signature (PAdES: the time is its /M). */
export type SignatureDictionaryInfo = Pick<IssuedPdfInfo, 'signingTime' | 'signerName' | 'reason' | 'location' | 'contactInfo'>;

/** The signature field and its dictionary with a hole for a PAdES signature (ETSI.CAdES.detached). */
export function addSignaturePlaceholder(doc: PDFDocument, info: SignatureDictionaryInfo): void {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: info.reason,
    contactInfo: info.contactInfo,
    name: info.signerName,
    location: info.location,
    signingTime: info.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 12_000,
    appName: 'kehoach',
  });
}

/**
 * Sets the document information and signs: a PAdES signature (ETSI.CAdES.detached) over the
 * whole file but the signature's own hole. The visible box is printed by the template; the
 * signature field's widget is invisible.
 */
export async function signIssuedPdf(pdf: Buffer, info: IssuedPdfInfo, identity: SignatureKey | SigningIdentity): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setCreator('kehoach');
  doc.setProducer('kehoach');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(info.creationDate);
  doc.setModificationDate(info.creationDate);
  addSignaturePlaceholder(doc, info);
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signpdf.sign(withPlaceholder, new CadesSigner(identity));
}
