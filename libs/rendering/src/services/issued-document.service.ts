import { Inject, Injectable } from '@nestjs/common';
import type { Organization } from '@app/identity';
import { MetricsService } from '@app/metrics';
import type { PlanContent } from '@app/plans';
import type { VerificationMark } from '../document/document-view';
import { DOCUMENT_TYPES } from '@app/plans';
import { plainText } from '../document/inline-markup';
import { signIssuedPdf } from '../signing/pdf-signature';
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
    const typeName = DOCUMENT_TYPES[content.documentType] ?? content.documentType;
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
}
