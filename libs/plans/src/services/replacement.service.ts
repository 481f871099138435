import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, dateLinePhrase, parseIsoDate } from '@app/common';
import { Organization } from '@app/identity';
import { REPLACED_STATES, REVOKED_STATES } from '@workflows/index';
import { DocumentReference, documentTypeName, PlanContent } from '../content/plan-content';
import { PlanVersion } from '../entities/plan-version.entity';
import { Plan } from '../entities/plan.entity';
import { PlanError, PlanErrorCode } from '../plan.error';
import { PlanAccessService } from './plan-access.service';
import { PlansService } from './plans.service';

/** The id of the preamble's reference to the plan replaced (one per content: a replacement of a replacement cites the last one). */
export const REPLACED_PLAN_REFERENCE_ID = 'van-ban-duoc-thay-the';

/** The issued plan as the replacement cites it. */
export interface ReplacedPlanFacts {
  id: string;
  documentType: string;
  numberSymbol: string;
  issuedOn: string;
  issuerName: string;
  summary: string;
}

/**
 * "Kế hoạch này thay thế Kế hoạch số 12/KH-UBND ngày 05 tháng 3 năm 2025 của Ủy ban nhân dân
 * xã ...": the cited line, as the preamble of the new document says it (domain.md: the
 * preamble is where a plan cites the documents it rests on).
 */
export function replacementLine(replaced: ReplacedPlanFacts): string {
  const type = documentTypeName(replaced.documentType, 'Văn bản');
  return `${type} này thay thế ${type} số ${replaced.numberSymbol} ${dateLinePhrase(parseIsoDate(replaced.issuedOn))} của ${replaced.issuerName}.`;
}

/**
 * The replacement's content: the issued content (title, body, appendices, recipients, signature
 * block) with the cited line in the preamble, before its closing "... như sau:" when it has one,
 * and the replaced plan among the preamble's references. A line and reference of an earlier
 * replacement give way to this one.
 */
export function replacementContent(issued: PlanContent, replaced: ReplacedPlanFacts): PlanContent {
  const content = structuredClone(issued);
  const line = replacementLine(replaced);
  const earlier = / này thay thế .+ số .+ ngày \d{2} tháng \d{1,2} năm \d{4} của /;
  const paragraphs = content.preamble.paragraphs.filter((p) => !earlier.test(p));
  const at = paragraphs.length && /như sau:\s*$/.test(paragraphs[paragraphs.length - 1]) ? paragraphs.length - 1 : paragraphs.length;
  paragraphs.splice(at, 0, line);
  const reference: DocumentReference = {
    id: REPLACED_PLAN_REFERENCE_ID,
    documentType: documentTypeName(replaced.documentType, 'Văn bản'),
    numberSymbol: replaced.numberSymbol,
    date: replaced.issuedOn,
    issuer: replaced.issuerName,
    title: replaced.summary,
    planId: replaced.id,
  };
  content.preamble = {
    paragraphs,
    references: [...content.preamble.references.filter((r) => r.id !== REPLACED_PLAN_REFERENCE_ID), reference],
  };
  return content;
}

/**
 * Soạn văn bản thay thế (Nghị định 30 Art. 18: an error of content is corrected by a new document
 * of the same form that replaces it). The new draft walks the whole road; when it is issued,
 * the issuance sends REPLACED to the plan it replaces (libs/issuance).
 */
@Injectable()
export class ReplacementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
  ) {}

  /** Drafters and signers of the issuing organization start a replacement of a plan in force; returns the new draft's id. */
  async start(actor: Actor, planId: string): Promise<string> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Locked: two clicks at once make one replacement.
        const plan = await this.access.readable(actor, planId, manager, true);
        if (!this.access.amendsIssued(actor, plan)) {
          throw new PlanError(
            PlanErrorCode.NotReplacer,
            'Chỉ chuyên viên soạn thảo hoặc người ký của cơ quan ban hành mới được soạn văn bản thay thế',
          );
        }
        await this.refuseUnlessReplaceable(manager, plan);
        const organization = await manager.findOneByOrFail(Organization, { id: plan.organizationId });
        const issued = await manager.findOneByOrFail(PlanVersion, { planId: plan.id, version: plan.submittedVersion ?? plan.currentVersion });
        const replaced: ReplacedPlanFacts = {
          id: plan.id,
          documentType: plan.documentType,
          numberSymbol: plan.numberSymbol!,
          issuedOn: plan.issuedOn!,
          issuerName: organization.fullName,
          summary: plan.summary,
        };
        const id = await this.plans.createDraft(manager, {
          organizationId: plan.organizationId,
          authorId: actor.id,
          content: replacementContent(issued.content, replaced),
          // (not under the old plan's parent: one plan per parent and organization, and the old one holds that place)
          replacesPlanId: plan.id,
        });
        await this.audit.append(manager, {
          planId: plan.id,
          organizationId: plan.organizationId,
          actor,
          event: 'REPLACEMENT_STARTED',
          data: { replacementId: id },
        });
        return id;
      });
    } catch (error) {
      // Another replacement written at the same moment (the partial unique index): the same refusal.
      if (error instanceof QueryFailedError && (error as { constraint?: string }).constraint === 'uq_plan_replaces_plan') {
        throw new PlanError(PlanErrorCode.ReplacementUnderWay, 'Kế hoạch này đang có một văn bản thay thế được soạn', {
          refusedBy: 'replacement_under_way',
        });
      }
      throw error;
    }
  }

  /**
   * Whether the actor may start a replacement now (the plan page's button): the same rules as
   * `start`; `replacementUnderWay`: the plan already has one that is not cancelled.
   */
  mayStart(actor: Actor, plan: Pick<Plan, 'organizationId' | 'state' | 'correctsPlanId'> & { replacementUnderWay: boolean }): boolean {
    return this.access.amendsIssued(actor, plan) && whyNotReplaceable(plan) === null && !plan.replacementUnderWay;
  }

  /** Each rule its own code (`whyNotReplaceable`), then one already being replaced. */
  private async refuseUnlessReplaceable(manager: EntityManager, plan: Plan): Promise<void> {
    const refusal = whyNotReplaceable(plan);
    if (refusal) throw refusal;
    const underWay = await manager.findOne(Plan, { where: { replacesPlanId: plan.id, state: Not('cancelled') } });
    if (underWay) {
      throw new PlanError(PlanErrorCode.ReplacementUnderWay, 'Kế hoạch này đang có một văn bản thay thế được soạn', {
        refusedBy: 'replacement_under_way',
        replacementId: underWay.id,
      });
    }
  }
}

/** Why the plan may not be replaced, or null: not a correction notice, not revoked or replaced already, issued and distributed. */
function whyNotReplaceable(plan: Pick<Plan, 'state' | 'correctsPlanId'>): PlanError | null {
  const state = plan.state;
  if (plan.correctsPlanId) {
    // A notice only points at the original's errors: a wrong notice is followed by another notice for the original.
    return new PlanError(
      PlanErrorCode.CorrectionNoticeNotReplaced,
      'Đây là văn bản đính chính: không soạn văn bản thay thế cho nó; nếu nó có sai sót, hãy soạn văn bản đính chính mới cho văn bản gốc',
      { refusedBy: 'correction_notice', state },
    );
  }
  if (REVOKED_STATES.includes(state)) {
    return new PlanError(PlanErrorCode.PlanRevoked, 'Kế hoạch đã bị thu hồi, không còn hiệu lực: không soạn văn bản thay thế', {
      refusedBy: 'plan_revoked',
      state,
    });
  }
  if (REPLACED_STATES.includes(state)) {
    return new PlanError(PlanErrorCode.PlanReplaced, 'Kế hoạch đã được thay thế bằng một văn bản khác', { refusedBy: 'plan_replaced', state });
  }
  if (state !== 'distributed') {
    return new PlanError(
      PlanErrorCode.NotDistributed,
      'Chỉ soạn văn bản thay thế cho kế hoạch đã ban hành và phát hành xong; kế hoạch chưa ban hành thì sửa trực tiếp dự thảo',
      { refusedBy: 'not_distributed', state },
    );
  }
  return null;
}
