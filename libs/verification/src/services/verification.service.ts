import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Organization } from '@app/identity';
import { correctionNoticesOf, documentTypeName, Plan, PlanVersion } from '@app/plans';
import { CheckedSignature, checkPdfSignatures, DOCUMENT_STORE, DocumentStore, PkiService, plainText, sha256Hex } from '@app/rendering';
import { ISSUED_STATES, REPLACED_STATES } from '@workflows/index';
import { PlanVerification } from '../entities/plan-verification.entity';
import { planStanding, PlanStanding } from '../plan-standing';
import { isVerificationCode } from '../verification-code';
import { VerificationError, VerificationErrorCode } from '../verification.error';
import { VerificationCodesService } from './verification-codes.service';

/** One PAdES signature of a PDF, as the public page reports it. */
export interface SignatureReport {
  index: number;
  signer: string;
  title: string | null;
  organization: string | null;
  certificateSha256: string;
  certificateValidFrom: string;
  certificateValidTo: string;
  /** ISO 8601; what the signature dictionary states. */
  signingTime: string | null;
  /** Covers every byte of the file (a later revision would not be covered). */
  coversWholeFile: boolean;
  /** The covered bytes are those signed and the signature value verifies with the certificate. */
  intact: boolean;
  /** The certificate comes from the installation's CA. */
  trusted: boolean;
}

/** The public facts of an issued plan: what the verification page and its JSON show, and nothing else. */
export interface VerifiedPlan {
  code: string;
  url: string;
  documentType: string;
  numberSymbol: string;
  issuer: string;
  /** ISO date on the date line. */
  issuedOn: string;
  summary: string;
  /** The signer as the document prints them: capacity lines and name. */
  signedBy: { capacity: string; name: string };
  standing: PlanStanding;
  file: { sha256: string; size: number; downloadUrl: string };
  signatures: SignatureReport[];
  /** Đính chính: the issued notices that correct this document, oldest first. */
  corrections: LinkedDocument[];
  /** On a correction notice: the document it corrects. */
  corrects: LinkedDocument | null;
}

/** Another issued document linked to this one, with its own public page when it has one. */
export interface LinkedDocument {
  /** "Thông báo số 01-TB/BCĐ". */
  label: string;
  issuedOn: string | null;
  path: string | null;
}

/** The answer to a dropped file: is it the issued one, byte for byte, and do its signatures hold. */
export interface FileCheck {
  size: number;
  sha256: string;
  /** SHA-256 equal to the issued file's. */
  matches: boolean;
  /** Starts as a PDF does. */
  looksLikePdf: boolean;
  signatures: SignatureReport[];
}

const NOT_FOUND =
  'Không tìm thấy văn bản với mã kiểm tra này. Hãy đối chiếu mã in trên văn bản (chữ in hoa và chữ số, không có chữ O, I, L và số 0, 1).';

/**
 * The public verification page's reads: only issued plans, only their public facts. An unknown
 * code, a malformed one and the code of a plan not issued get the same answer.
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly pki: PkiService,
    private readonly codes: VerificationCodesService,
  ) {}

  async verifiedPlan(code: unknown): Promise<VerifiedPlan> {
    return this.facts(await this.issued(code));
  }

  private async facts({ plan, code: known, pdf }: IssuedFile): Promise<VerifiedPlan> {
    const manager = this.dataSource.manager;
    const [organization, version] = await Promise.all([
      manager.findOneByOrFail(Organization, { id: plan.organizationId }),
      manager.findOneByOrFail(PlanVersion, { planId: plan.id, version: plan.submittedVersion ?? plan.currentVersion }),
    ]);
    const content = version.content;
    return {
      code: known,
      url: this.codes.urlOf(known),
      documentType: documentTypeName(content.documentType),
      numberSymbol: plan.numberSymbol,
      issuer: organization.fullName,
      issuedOn: plan.issuedOn,
      summary: plainText(content.summary.replace(/\s*\n\s*/g, ' ')),
      signedBy: { capacity: content.signature.capacityLines.join(' '), name: content.signature.signerName },
      standing: planStanding(plan, await this.replacing(plan)),
      file: { sha256: plan.pdfSha256, size: pdf.length, downloadUrl: `/v/${known}/pdf` },
      signatures: this.signatures(pdf),
      corrections: await this.linked(await correctionNoticesOf(manager, plan.id, { issuedOnly: true })),
      corrects: plan.correctsPlanId ? ((await this.linked(await manager.findBy(Plan, { id: plan.correctsPlanId })))[0] ?? null) : null,
    };
  }

  private async linked(plans: Plan[]): Promise<LinkedDocument[]> {
    const links: LinkedDocument[] = [];
    for (const p of plans) {
      const type = documentTypeName(p.documentType);
      links.push({ label: `${type} số ${p.numberSymbol ?? ''}`, issuedOn: p.issuedOn, path: await this.publicPathFor(p.id) });
    }
    return links;
  }

  /** The issued plan that replaced this one, when it was replaced (the column the replacement carries). */
  private async replacing(plan: Plan): Promise<Plan | null> {
    if (!REPLACED_STATES.includes(plan.state)) return null;
    return this.dataSource.manager.findOne(Plan, { where: { replacesPlanId: plan.id, state: In(ISSUED_STATES as string[]) } });
  }

  /** The issued file, byte for byte as stored. */
  async issuedPdf(code: unknown): Promise<{ bytes: Buffer; filename: string }> {
    const { plan, pdf } = await this.issued(code);
    return { bytes: pdf, filename: `${plan.numberSymbol.replace(/\//g, '-')}.pdf` };
  }

  /** Compares a dropped file with the issued one and checks its signatures; the file is read in memory and forgotten. */
  async checkFile(code: unknown, file: Buffer | undefined): Promise<{ plan: VerifiedPlan; check: FileCheck }> {
    const issued = await this.issued(code);
    if (!file || file.length === 0) {
      throw new VerificationError(VerificationErrorCode.NoFile, 'Chưa có tệp để đối chiếu, hoặc tệp rỗng: hãy chọn tệp PDF của văn bản.');
    }
    const sha256 = sha256Hex(file);
    const looksLikePdf = file.subarray(0, 1024).includes('%PDF-');
    return {
      plan: await this.facts(issued),
      check: {
        size: file.length,
        sha256,
        matches: sha256 === issued.plan.pdfSha256,
        looksLikePdf,
        signatures: looksLikePdf ? this.signatures(file) : [],
      },
    };
  }

  /** `/v/<code>` of a plan the public page shows, for the signed-in pages' link; null for any other plan. */
  async publicPathFor(planId: string): Promise<string | null> {
    const verification = await this.dataSource.manager.findOne(PlanVerification, { where: { planId }, relations: { plan: true } });
    return verification?.plan && shownPublicly(verification.plan) ? `/v/${verification.code}` : null;
  }

  /** The plan behind a code, if it is issued and its file is stored; the same error otherwise, whatever the reason. */
  private async issued(code: unknown): Promise<IssuedFile> {
    const notFound = () => new VerificationError(VerificationErrorCode.NotFound, NOT_FOUND);
    if (!isVerificationCode(code)) throw notFound();
    const verification = await this.dataSource.manager.findOne(PlanVerification, { where: { code }, relations: { plan: true } });
    const plan = verification?.plan;
    if (!plan || !shownPublicly(plan)) throw notFound();
    const pdf = await this.store.get(plan.pdfSha256);
    if (!pdf) throw notFound();
    return { plan, code, pdf };
  }

  private signatures(pdf: Buffer): SignatureReport[] {
    const ca = this.pki.caCertificatePem();
    return checkPdfSignatures(pdf, ca ? [ca] : []).map(signatureReport);
  }
}

/** The one rule of what the public page shows: issued plans, numbered, dated and with their file. */
type PublicPlan = Plan & { pdfSha256: string; numberSymbol: string; issuedOn: string };
interface IssuedFile {
  plan: PublicPlan;
  code: string;
  pdf: Buffer;
}
function shownPublicly(plan: Plan): plan is PublicPlan {
  return ISSUED_STATES.includes(plan.state) && !!plan.pdfSha256 && !!plan.numberSymbol && !!plan.issuedOn;
}

function signatureReport(s: CheckedSignature): SignatureReport {
  return {
    index: s.index,
    signer: s.signerCommonName,
    title: s.signerTitle,
    organization: s.signerOrganization,
    certificateSha256: s.certificateFingerprint,
    certificateValidFrom: s.certificateValidFrom.toISOString(),
    certificateValidTo: s.certificateValidTo.toISOString(),
    signingTime: s.signingTime?.toISOString() ?? null,
    coversWholeFile: s.coversWholeFile,
    intact: s.digestMatches && s.signatureValid,
    trusted: s.trusted,
  };
}
