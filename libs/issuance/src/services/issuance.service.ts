import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '@app/config';
import { Organization, User } from '@app/identity';
import { Clock } from '@app/jobs';
import { issuanceDate, NumberingService, NumberRequest, RegisterEntry, RegisterLine } from '@app/numbering';
import { Plan, PlanContent, PlanVersion } from '@app/plans';
import {
  defaultArchiveUnit,
  DOCUMENT_STORE,
  DocumentStore,
  IssuedDocumentService,
  numberSymbol,
  plainText,
  recipientLines,
  VerificationMark,
} from '@app/rendering';
import { VerificationCodesService } from '@app/verification';
import { WorkflowError, WorkflowErrorCode, WorkflowService } from '@app/workflow';
import { ISSUED_STATES } from '@workflows/index';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';
import { PlanSignatureService } from './plan-signature.service';

/** The register's line for a plan: its summary, signer (the person who signed, from identity, when known), recipients and archive as printed. */
function registerLine(organization: Organization, content: PlanContent, signerName = content.signature.signerName): RegisterLine {
  const archive = content.recipients.filter((r) => r.purpose === 'archive');
  return {
    summary: plainText(content.summary.replace(/\s*\n\s*/g, ' ')),
    signer: `${signerName} (${content.signature.capacityLines.join(' ')})`,
    recipients: recipientLines(organization.family, content.recipients)
      .map((line) => line.replace(/^- /, '').replace(/[,;.]$/, ''))
      .join('; '),
    archiveUnit: archive.length ? archive.map((r) => r.name.replace(/[\s,;.]+$/, '')).join(', ') : defaultArchiveUnit(organization.family),
    copies: content.recipients.length + (archive.length ? 0 : 1),
  };
}

export interface IssuanceResult {
  planId: string;
  numberSymbol: string;
  issuedOn: string;
  pdfSha256: string;
  /** False when the plan was already issued (a re-run of the job). */
  issuedNow: boolean;
}

export interface IssueOptions {
  finalAttempt?: boolean;
  registerId?: string;
  issuedAt?: Date;
}

interface NumberedPlan {
  plan: Plan;
  entry: RegisterEntry;
  organization: Organization;
  content: PlanContent;
  /** The public verification address printed on the last page (made with the number, kept for good). */
  verification: VerificationMark;
}

/**
 * Issuance of a signed plan, run by the durable queue (never in the request that signed), in
 * three idempotent steps:
 * (a) one transaction gives the number and the date and applies NUMBERED;
 * (b) the PDF is rendered, signed and stored, outside any transaction: the same plan gives the
 *     same bytes, so a re-run stores nothing new; a render that fails for good voids the number;
 * (c) one transaction records the PDF's hash and applies ISSUED (the hash goes into the audit
 *     trail with it); the machine's effects of ISSUED hand over to distribution and the
 *     cascade, which take them as their own jobs in that transaction.
 */
@Injectable()
export class IssuanceService {
  private readonly logger = new Logger('Issuance');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbering: NumberingService,
    private readonly documents: IssuedDocumentService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly verificationCodes: VerificationCodesService,
    private readonly signatures: PlanSignatureService,
  ) {}

  /**
   * `finalAttempt`: the queue will not try again, so a failed render voids the number.
   * `registerId`, `issuedAt`: the clerk's choices at the desk (else the register of the type, and the signature's time).
   */
  async issue(planId: string, options: IssueOptions = {}): Promise<IssuanceResult> {
    const done = await this.alreadyIssued(planId);
    if (done) return done;
    const numbered = await this.dataSource.transaction((manager) => this.number(manager, planId, options));
    let pdfSha256: string;
    try {
      pdfSha256 = await this.produce(numbered);
    } catch (error) {
      if (options.finalAttempt) await this.voidNumber(planId, `Không tạo được bản PDF chính thức: ${(error as Error).message}`);
      throw error;
    }
    return this.dataSource.transaction((manager) => this.markIssued(manager, planId, pdfSha256));
  }

  private async alreadyIssued(planId: string): Promise<IssuanceResult | null> {
    const plan = await this.dataSource.manager.findOne(Plan, { where: { id: planId } });
    if (!plan) throw new IssuanceError(IssuanceErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${planId}`);
    if (!ISSUED_STATES.includes(plan.state) || !plan.pdfSha256) return null;
    return { planId, numberSymbol: plan.numberSymbol!, issuedOn: plan.issuedOn!, pdfSha256: plan.pdfSha256, issuedNow: false };
  }

  /** (a) The number and the date, in the transaction that applies NUMBERED (or, after a void, a new number). */
  private async number(manager: EntityManager, planId: string, desk: IssueOptions): Promise<NumberedPlan> {
    const plan = await manager.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw new IssuanceError(IssuanceErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${planId}`);
    if (plan.state !== 'signed' && plan.state !== 'numbered') {
      throw new IssuanceError(IssuanceErrorCode.NotSigned, `Kế hoạch đang ở trạng thái "${plan.state}": chỉ cấp số cho kế hoạch đã ký`, {
        state: plan.state,
      });
    }
    // In turn: the transaction is one connection.
    const organization = await manager.findOneByOrFail(Organization, { id: plan.organizationId });
    const version = await manager.findOneByOrFail(PlanVersion, { planId, version: plan.submittedVersion ?? plan.currentVersion });
    const now = this.clock.now();
    const issuedOn = issuanceDate(desk.issuedAt ?? plan.signedAt ?? now, this.config.holidays);
    const signer = plan.signedById ? await manager.findOneBy(User, { id: plan.signedById }) : null;
    const request = { ...this.numberRequest(organization, version.content, issuedOn, now, signer?.fullName), registerId: desk.registerId };
    const entry = await this.numbering.assign(manager, plan, request);
    if (plan.state === 'signed') {
      await this.workflow.applySystemEvent(
        planId,
        { type: 'NUMBERED' },
        { manager, data: { number: entry.number, numberSymbol: entry.numberSymbol, issuedOn: entry.issuedOn } },
      );
    }
    const verification = await this.verificationCodes.markFor(manager, planId);
    return { plan, entry, organization, content: version.content, verification };
  }

  /** What the register needs to number a plan: its symbol as printed and its line. */
  numberRequest(organization: Organization, content: PlanContent, issuedOn: string, at: Date, signerName?: string): NumberRequest {
    const leadingZero = organization.family === 'state' || this.config.partyNumberLeadingZero;
    const parts = { family: organization.family, documentType: content.documentType, organizationAbbreviation: organization.symbolAbbreviation };
    return {
      organization,
      content,
      issuedOn,
      at,
      symbolOf: (n) => numberSymbol(parts, n, leadingZero),
      line: registerLine(organization, content, signerName),
    };
  }

  /**
   * (b) The official PDF: the stored one when there is one. A plan the signer signed with their
   * own key gets the number, the date, the seal and the organization's signature as an
   * incremental update of that document; a plan signed before that (no signer's document) is
   * rendered and signed by the organization alone, as it was.
   */
  private async produce({ plan, entry, organization, content, verification }: NumberedPlan): Promise<string> {
    if (plan.pdfSha256 && (await this.store.has(plan.pdfSha256))) return plan.pdfSha256;
    const request = {
      organization,
      content,
      numberSymbol: entry.numberSymbol,
      issuedOn: entry.issuedOn,
      signedAt: plan.signedAt ?? entry.assignedAt,
      issuedAt: entry.assignedAt,
      verification,
    };
    if (!plan.signedPdfSha256 || !plan.signatureSlots) return (await this.documents.produce(request)).sha256;
    const signed = await this.store.get(plan.signedPdfSha256);
    if (!signed) throw new IssuanceError(IssuanceErrorCode.NotSigned, `Không tìm thấy bản đã ký của kế hoạch ${plan.id}`);
    const seal = await this.signatures.seal(organization);
    return (await this.documents.countersign({ ...request, signed, slots: plan.signatureSlots, seal })).sha256;
  }

  /** (c) The hash on the plan and in the audit trail with ISSUED; its hand-overs are enqueued in the same transaction. */
  private async markIssued(manager: EntityManager, planId: string, pdfSha256: string): Promise<IssuanceResult> {
    const plan = await manager.findOneOrFail(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (ISSUED_STATES.includes(plan.state)) {
      return { planId, numberSymbol: plan.numberSymbol!, issuedOn: plan.issuedOn!, pdfSha256: plan.pdfSha256!, issuedNow: false };
    }
    const live = await manager.findOne(RegisterEntry, { where: { planId, voidedAt: IsNull() } });
    if (plan.state !== 'numbered' || !live) {
      throw new IssuanceError(IssuanceErrorCode.NotSigned, `Kế hoạch đang ở trạng thái "${plan.state}" không có số hợp lệ: không ban hành được`, {
        state: plan.state,
      });
    }
    await manager.update(Plan, { id: planId }, { pdfSha256 });
    await this.workflow.applySystemEvent(
      planId,
      { type: 'ISSUED' },
      { manager, data: { pdfSha256, numberSymbol: live.numberSymbol, issuedOn: live.issuedOn } },
    );
    this.logger.log({ message: 'plan issued', planId, numberSymbol: live.numberSymbol, pdfSha256 });
    if (plan.replacesPlanId) await this.replaceOld(manager, plan.replacesPlanId, planId, live.numberSymbol);
    return { planId, numberSymbol: live.numberSymbol, issuedOn: live.issuedOn, pdfSha256, issuedNow: true };
  }

  /**
   * Thay thế: the old plan stops being in force when its replacement is issued (Nghị định 30,
   * Art. 18), in the same transaction. Revoked meanwhile, it stays revoked (the machine refuses
   * REPLACED there): the replacement is issued all the same, and the refusal is logged.
   */
  private async replaceOld(manager: EntityManager, oldPlanId: string, replacementId: string, numberSymbol: string): Promise<void> {
    try {
      await this.workflow.applySystemEvent(oldPlanId, { type: 'REPLACED', replacementId }, { manager, data: { replacementId, numberSymbol } });
    } catch (error) {
      if (!(error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused)) throw error;
      this.logger.warn({ message: 'replaced plan not in force: left as it is', planId: oldPlanId, replacementId, reason: error.message });
    }
  }

  private async voidNumber(planId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
      const voided = await this.numbering.void(manager, planId, reason, this.clock.now());
      if (voided) this.logger.error({ message: 'number voided', planId, numberSymbol: voided.numberSymbol, reason });
    });
  }
}
