import { Inject, Injectable } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import { dateLineNumbers, parseIsoDate } from '@app/common';
import type { Organization } from '@app/identity';
import { MetricsService } from '@app/metrics';
import type { PlanContent } from '@app/plans';
import type { VerificationMark } from '../document/document-view';
import { documentTypeName } from '@app/plans';
import { plainText } from '../document/inline-markup';
import { findTemplatesDir } from '../document/document-templates';
import type { SigningPerson } from '../document/document-view';
import { DOCUMENT_FONT_FAMILY, embeddedFontCss } from '../document/fonts';
import { escapeHtml } from '../document/inline-markup';
import type { SignatureKey } from '../signing/cades-signer';
import { DocumentSlots, takeSlots } from '../signing/document-slots';
import { signNewRevision } from '../signing/pades-revision';
import { signIssuedPdf } from '../signing/pdf-signature';
import { SEAL_DIAMETER_MM } from '../signing/stamp-images';
import { PkiService } from '../signing/pki.service';
import { DOCUMENT_STORE, DocumentStore } from '../storage/document-store';
import { RenderingService } from './rendering.service';

/** What the issuance job knows when it produces the official PDF. */
export interface IssuedDocumentRequest {
  organization: Pick<Organization, 'code' | 'family' | 'fullName' | 'symbolAbbreviation' | 'placeName' | 'superiorHeader' | 'headerName'>;
  content: PlanContent;
  numberSymbol: string;
  /** ISO date on the date line. */
  issuedOn: string;
  signedAt: Date;
  /** When the number was given: the PDF's creation date. */
  issuedAt: Date;
  /** The plan's public verification address, printed with its QR code on the last page. */
  verification?: VerificationMark | null;
}

export interface IssuedDocument {
  sha256: string;
  bytes: Buffer;
}

/** The document the signer signs at SIGN: the submitted text, number and date blank, their name, capacity and signature image. */
export interface SignerDocumentRequest {
  organization: IssuedDocumentRequest['organization'];
  content: PlanContent;
  /** The year on the date line (the day and month are the clerk's). */
  year: number;
  signer: SigningPerson;
  signedAt: Date;
  key: SignatureKey;
  /** The public verification address: printed in what the signer signs, so that the signature covers it. */
  verification?: VerificationMark | null;
}

export interface SignerDocument extends IssuedDocument {
  slots: DocumentSlots;
}

/** What the clerk's issuance adds to the signer's document: number, date, seal, the organization's signature. */
export interface CountersignRequest extends IssuedDocumentRequest {
  signed: Buffer;
  slots: DocumentSlots;
  /** The organization's seal (red PNG), drawn at its actual size over the left third of the signature image; null: none. */
  seal: Buffer | null;
}

const MM = 72 / 25.4;

/** "2024-01-24T09:15:00+07:00": an instant in Vietnam time, ISO 8601. */
export function isoVietnamTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 7 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/**
 * The official PDF: rendered, given fixed metadata, signed with the issuing organization's
 * certificate and stored by its SHA-256. The same request gives the same bytes (every date in
 * it is fixed by the request), so a re-run after a crash stores nothing new.
 */
@Injectable()
export class IssuedDocumentService {
  constructor(
    private readonly rendering: RenderingService,
    private readonly pki: PkiService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly metrics: MetricsService,
  ) {}

  async produce(request: IssuedDocumentRequest): Promise<IssuedDocument> {
    const { organization, content } = request;
    const identity = await this.pki.identityFor(organization);
    const capacity = content.signature.capacityLines.join(' ');
    const pdf = await this.rendering.pdf({
      issuer: organization,
      content,
      mode: {
        kind: 'issued',
        numberSymbol: request.numberSymbol,
        issuedOn: request.issuedOn,
        stamp: {
          signerName: content.signature.signerName,
          capacity,
          organization: organization.fullName,
          signedAt: isoVietnamTime(request.signedAt),
        },
      },
      verification: request.verification,
    });
    const typeName = documentTypeName(content.documentType);
    const summary = plainText(content.summary.replace(/\s*\n\s*/g, ' '));
    const signed = await this.metrics.time(this.metrics.signatureDuration, () =>
      signIssuedPdf(
        pdf,
        {
          title: `${typeName} số ${request.numberSymbol} ${summary}`,
          author: organization.fullName,
          subject: summary,
          keywords: [request.numberSymbol],
          creationDate: request.issuedAt,
          signingTime: request.signedAt,
          signerName: content.signature.signerName,
          reason: `Ban hành ${typeName.toLocaleLowerCase('vi')} số ${request.numberSymbol} (${capacity})`,
          location: content.place || organization.placeName,
          contactInfo: '',
        },
        identity,
      ),
    );
    const sha256 = await this.store.put(signed);
    return { sha256, bytes: signed };
  }

  /** The document the signer signs, printed, its blanks read and their marks removed: what the signing page offers as PDF. */
  async signerDocument(request: Omit<SignerDocumentRequest, 'signedAt' | 'key'>): Promise<{ pdf: Buffer; slots: DocumentSlots }> {
    const { organization, content, signer, verification } = request;
    return takeSlots(
      await this.rendering.pdf({ issuer: organization, content, mode: { kind: 'signing', year: request.year, signer }, verification }),
    );
  }

  /**
   * The signer's own PAdES signature on the document shown on the signing page (no DỰ THẢO
   * mark, number and date blank): stored by its SHA-256, with the places left for the clerk.
   */
  async signedBySigner(request: SignerDocumentRequest): Promise<SignerDocument> {
    const { organization, content, signer } = request;
    const { pdf, slots } = await this.signerDocument(request);
    const typeName = documentTypeName(content.documentType);
    const summary = plainText(content.summary.replace(/\s*\n\s*/g, ' '));
    const capacity = signer.capacityLines.join(' ');
    const signed = await this.metrics.time(this.metrics.signatureDuration, () =>
      signIssuedPdf(
        pdf,
        {
          title: `${typeName} ${summary}`,
          author: organization.fullName,
          subject: summary,
          keywords: [],
          creationDate: request.signedAt,
          signingTime: request.signedAt,
          signerName: signer.fullName,
          reason: `Ký ban hành ${typeName.toLocaleLowerCase('vi')} (${capacity})`,
          location: content.place || organization.placeName,
          contactInfo: '',
        },
        request.key,
      ),
    );
    return { sha256: await this.store.put(signed), bytes: signed, slots };
  }

  /**
   * Writes the texts into their slots: Chromium prints them on a transparent page of the same
   * size in the document's font (embedded, as every font of an official PDF must be), which is
   * drawn over the page.
   */
  private async writeInSlots(doc: PDFDocument, texts: SlotText[]): Promise<void> {
    for (const pageIndex of [...new Set(texts.map((t) => t.slot.page))]) {
      const page = doc.getPage(pageIndex);
      const { width, height } = page.getSize();
      const overlay = await this.rendering.print(
        overlayHtml(
          width,
          height,
          texts.filter((t) => t.slot.page === pageIndex),
        ),
      );
      const [embedded] = await doc.embedPdf(overlay, [0]);
      page.drawPage(embedded, { x: 0, y: 0, width, height });
    }
  }

  /**
   * The clerk's issuance on the signer's document, in one incremental update that leaves the
   * signer's revision (and signature) as it was: number and date written upright where the
   * document left room, the seal over the left third of the signature image, and the
   * organization's PAdES signature over the whole file.
   */
  async countersign(request: CountersignRequest): Promise<IssuedDocument> {
    const { organization, content, slots } = request;
    const identity = await this.pki.identityFor(organization);
    const typeName = documentTypeName(content.documentType);
    const summary = plainText(content.summary.replace(/\s*\n\s*/g, ' '));
    const { day, month } = dateLineNumbers(parseIsoDate(request.issuedOn));
    const number = request.numberSymbol.split(/[-/]/)[0];
    const issued = await this.metrics.time(this.metrics.signatureDuration, () =>
      signNewRevision(
        request.signed,
        {
          signingTime: request.issuedAt,
          signerName: organization.fullName,
          reason: `Ban hành ${typeName.toLocaleLowerCase('vi')} số ${request.numberSymbol}`,
          location: content.place || organization.placeName,
          contactInfo: '',
        },
        identity,
        async (doc) => {
          // The document information now names the number, as an issued PDF's does.
          doc.setTitle(`${typeName} số ${request.numberSymbol} ${summary}`, { showInWindowTitleBar: true });
          doc.setKeywords([request.numberSymbol]);
          doc.setModificationDate(request.issuedAt);
          // Upright, in the document's own font: 13 pt for a State number, 14 pt otherwise (domain.md).
          const texts: SlotText[] = [
            { slot: slotOf(slots, 'number'), text: number, size: organization.family === 'state' ? 13 : 14, align: 'right' },
            { slot: slotOf(slots, 'day'), text: day, size: 14, align: 'center' },
            { slot: slotOf(slots, 'month'), text: month, size: 14, align: 'center' },
          ];
          await this.writeInSlots(doc, texts);
          if (request.seal && slots.signature) await drawSeal(doc, slots.signature, request.seal);
        },
      ),
    );
    return { sha256: await this.store.put(issued), bytes: issued };
  }
}

interface SlotText {
  slot: DocumentSlots[string];
  text: string;
  size: number;
  /** The number sits against the symbol that follows it ("04-KH/BCĐ"); day and month in the middle of their blanks. */
  align: 'center' | 'right';
}

function slotOf(slots: DocumentSlots, name: string): DocumentSlots[string] {
  const slot = slots[name];
  if (!slot) throw new Error(`the signed document has no place for the ${name}`);
  return slot;
}

/** A transparent page the size of `page` with each text in its slot, in the document's font (CSS points from the top). */
function overlayHtml(width: number, height: number, texts: SlotText[]): string {
  const spans = texts
    .map(({ slot: { rect }, text, size, align }) => {
      const [x1, y1, x2, y2] = rect;
      const box = `left:${x1}pt;top:${height - y2}pt;width:${x2 - x1}pt;height:${y2 - y1}pt;line-height:${y2 - y1}pt`;
      return `<span style="position:absolute;${box};font-size:${size}pt;text-align:${align}">${escapeHtml(text)}</span>`;
    })
    .join('');
  return (
    `<html><head><style>${embeddedFontCss(findTemplatesDir())}@page{size:${width}pt ${height}pt;margin:0}` +
    `html,body{margin:0;background:transparent}body{position:relative;width:${width}pt;height:${height}pt;font-family:'${DOCUMENT_FONT_FAMILY}';font-style:normal}</style></head>` +
    `<body>${spans}</body></html>`
  );
}

/** The seal at its actual size, its right edge a third of the way into the signature image, centred on it vertically. */
async function drawSeal(doc: PDFDocument, slot: DocumentSlots[string], png: Buffer): Promise<void> {
  const [x1, y1, x2, y2] = slot.rect;
  const diameter = SEAL_DIAMETER_MM * MM;
  const image = await doc.embedPng(png);
  const right = x1 + (x2 - x1) / 3;
  doc.getPage(slot.page).drawImage(image, { x: right - diameter, y: (y1 + y2) / 2 - diameter / 2, width: diameter, height: diameter });
}
