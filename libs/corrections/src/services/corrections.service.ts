import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, cleanText, FieldProblem } from '@app/common';
import { Organization } from '@app/identity';
import { correctionNoticesOf, Plan, PlanAccessService, PlansService } from '@app/plans';
import { ISSUED_STATES, REPLACED_STATES, REVOKED_STATES } from '@workflows/index';
import { CorrectionError, CorrectionErrorCode } from '../corrections.error';
import { CorrectionNoticeDto, CreateCorrectionDto } from '../dtos/correction.dto';
import { comparableText, CorrectedOriginal, correctionContent, CorrectionItem, occursIn } from './correction-content';

/**
 * Đính chính (Nghị định 30 Art. 18; Party practice the same): an error of form in an issued plan
 * is corrected by a notice of its own, a plan row of type TB (Party) or CV (State) linked by
 * `correctsPlanId`, which walks the short road (drafter, signer, clerk) of the plan machine.
 * The original is never edited.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
  ) {}

  /** Drafts the notice from the items; refuses (writing nothing) what Art. 18 does not allow. */
  async create(actor: Actor, originalId: string, dto: CreateCorrectionDto): Promise<CorrectionNoticeDto> {
    const noticeId = await this.dataSource.transaction(async (manager) => {
      const { plan, original } = await this.correctableBy(actor, originalId, manager, true);
      const items = checkedItems(original, dto.items);
      const summary = dto.summary === undefined ? undefined : cleanText(dto.summary);
      if (summary === '') throw CorrectionError.invalid([{ path: 'summary', code: 'required', message: 'summary: không được để trống' }]);
      return this.plans.createDraft(manager, {
        organizationId: plan.organizationId,
        authorId: actor.id,
        content: correctionContent(original, items, summary),
        correctsPlanId: plan.id,
      });
    });
    const [notice] = (await correctionNoticesOf(this.dataSource.manager, originalId, { issuedOnly: false })).filter((n) => n.id === noticeId);
    return toCorrectionNoticeDto(notice);
  }

  /** Refuses (404, 403, 409) unless the actor may draft a notice for this plan now: the form's page asks first. */
  async assertMayDraft(actor: Actor, originalId: string): Promise<void> {
    await this.correctableBy(actor, originalId, this.dataSource.manager, false);
  }

  /** The plan, if the actor may read it whole, drafts or signs for its organization, and it may be corrected. */
  private async correctableBy(actor: Actor, originalId: string, manager: EntityManager, lock: boolean) {
    const plan = await this.access.readable(actor, originalId, manager, lock);
    if (!this.access.amendsIssued(actor, plan)) {
      throw new CorrectionError(
        CorrectionErrorCode.NotDrafterOrSigner,
        'Chỉ chuyên viên soạn thảo hoặc người ký của cơ quan ban hành mới được soạn văn bản đính chính',
      );
    }
    return { plan, original: await this.correctable(manager, plan) };
  }

  /**
   * Whether the actor may draft a notice for this plan now (the web page's button): the same
   * rules as `create`, without the items.
   */
  mayDraft(
    actor: Actor,
    plan: Pick<Plan, 'organizationId' | 'state' | 'numberSymbol' | 'issuedOn' | 'correctsPlanId'> & { revoked: boolean },
  ): boolean {
    return this.access.amendsIssued(actor, plan) && whyNotCorrectable(plan) === null;
  }

  /** The plan's notices: all of them for its organization and auditors, the issued ones for its recipients. */
  async list(actor: Actor, originalId: string): Promise<CorrectionNoticeDto[]> {
    const { plan, reading } = await this.access.readableInPart(actor, originalId);
    const notices = await correctionNoticesOf(this.dataSource.manager, plan.id, { issuedOnly: !reading.whole });
    return notices.map(toCorrectionNoticeDto);
  }

  /** The original as the notice cites it, if it may be corrected (`whyNotCorrectable`). */
  private async correctable(manager: EntityManager, plan: Plan): Promise<CorrectedOriginal> {
    const refusal = whyNotCorrectable({ ...plan, revoked: !!plan.revokedAt });
    if (refusal) throw refusal;
    const organization = await manager.findOneByOrFail(Organization, { id: plan.organizationId });
    return {
      content: await this.plans.contentOf(plan, plan.currentVersion, manager),
      numberSymbol: plan.numberSymbol!,
      issuedOn: plan.issuedOn!,
      organizationName: organization.fullName,
      family: organization.family,
    };
  }
}

/** Why the plan may not be corrected, or null: it must be issued (numbered, dated), in force (not revoked, not replaced), not itself a notice. */
function whyNotCorrectable(
  plan: Pick<Plan, 'state' | 'numberSymbol' | 'issuedOn' | 'correctsPlanId'> & { revoked: boolean },
): CorrectionError | null {
  if (plan.revoked || REVOKED_STATES.includes(plan.state)) {
    return new CorrectionError(CorrectionErrorCode.OriginalRevoked, 'Văn bản đã bị thu hồi: không đính chính văn bản đã thu hồi', {
      state: plan.state,
    });
  }
  if (REPLACED_STATES.includes(plan.state)) {
    return new CorrectionError(
      CorrectionErrorCode.OriginalReplaced,
      'Văn bản đã được thay thế bằng văn bản khác: sai sót được sửa trong văn bản thay thế, không đính chính văn bản đã hết hiệu lực',
      { state: plan.state },
    );
  }
  if (!ISSUED_STATES.includes(plan.state) || !plan.numberSymbol || !plan.issuedOn) {
    return new CorrectionError(
      CorrectionErrorCode.OriginalNotIssued,
      'Chỉ đính chính văn bản đã ban hành (đã có số, ngày): văn bản này chưa ban hành, hãy sửa trực tiếp trong dự thảo',
      { state: plan.state },
    );
  }
  if (plan.correctsPlanId) {
    return new CorrectionError(
      CorrectionErrorCode.CorrectionOfCorrection,
      'Đây là văn bản đính chính: sai sót của nó được sửa bằng một văn bản đính chính mới cho văn bản gốc',
    );
  }
  return null;
}

/** The items as stored (NFC, trimmed), or 422 naming each rule broken: blank, unchanged, not in the original. */
function checkedItems(original: CorrectedOriginal, input: CorrectionItem[]): CorrectionItem[] {
  const problems: FieldProblem[] = [];
  const items = input.map((item, i) => {
    const cleaned = { where: cleanText(item.where), wrong: cleanText(item.wrong), right: cleanText(item.right) };
    for (const field of ['where', 'wrong', 'right'] as const) {
      if (!cleaned[field]) problems.push({ path: `items.${i}.${field}`, code: 'required', message: `items.${i}.${field}: không được để trống` });
    }
    if (cleaned.wrong && comparableText(cleaned.wrong) === comparableText(cleaned.right)) {
      problems.push({
        path: `items.${i}.right`,
        code: 'unchanged_text',
        message: `items.${i}.right: "Nay sửa lại là" giống hệt "Đã in là", không có gì để đính chính`,
      });
    } else if (cleaned.wrong && !occursIn(original.content, cleaned.wrong)) {
      problems.push({
        path: `items.${i}.wrong`,
        code: 'wrong_text_not_found',
        message: `items.${i}.wrong: không tìm thấy "${short(cleaned.wrong)}" trong văn bản số ${original.numberSymbol} đã ban hành`,
      });
    }
    return cleaned;
  });
  if (problems.length) throw CorrectionError.invalid(problems);
  return items;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function toCorrectionNoticeDto(notice: Plan): CorrectionNoticeDto {
  return {
    id: notice.id,
    correctsPlanId: notice.correctsPlanId!,
    documentType: notice.documentType,
    state: notice.state,
    summary: notice.summary,
    numberSymbol: notice.numberSymbol,
    issuedOn: notice.issuedOn,
    link: `/plans/${notice.id}`,
  };
}
