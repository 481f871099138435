import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, cleanText, FieldProblem } from '@app/common';
import { Organization, SigningAuthority, User, UsersService } from '@app/identity';
import { Clock } from '@app/jobs';
import { Register } from '@app/numbering';
import { FormatCheckService, Plan, PlansService, PlanVersion, walkBody } from '@app/plans';
import { EventSender, ISSUED_STATES, parseDeadline, PlanEvent, PlanEventFact, planEventSpec, PlanMachineContext } from '@workflows/index';
import { PlanEventDto } from '../dtos/plan-event.dto';
import { ConsultationComment } from '../entities/consultation-comment.entity';
import { WorkflowError } from '../workflow.error';
import { ReviewChainService } from './review-chain.service';

/** What an event needs besides itself: rows to write once the transition is allowed, details for a refusal. */
export interface EventFacts {
  event: PlanEvent;
  comments: ConsultationComment[];
  formatErrors: unknown[];
  authority: SigningAuthority | null;
}

interface FactArgs {
  manager: EntityManager;
  plan: Plan;
  context: PlanMachineContext;
  dto: PlanEventDto;
  by: EventSender;
  authority: SigningAuthority | null;
  passwordConfirmed: boolean;
  /** Rows and details gathered on the way (comments to write, format errors for a refusal). */
  facts: EventFacts;
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => cleanText(line) === cleanText(b[i]));
}

/**
 * Establishes the facts the machine's guards judge: the sender's roles at the plan's
 * organization, their signing authority in the capacity printed on the plan today, the format
 * check, the review chain, the consultees. The machine itself never reads the database.
 */
@Injectable()
export class WorkflowFactsService {
  constructor(
    private readonly users: UsersService,
    private readonly plans: PlansService,
    private readonly formatCheck: FormatCheckService,
    private readonly chains: ReviewChainService,
    private readonly clock: Clock,
  ) {}

  /** The plan's content version under review (the submitted one once submitted). */
  reviewedVersion(plan: Plan): number {
    return plan.submittedVersion ?? plan.currentVersion;
  }

  /** An authority the user holds for the plan's organization today, in the capacity lines printed on the plan. */
  async matchingAuthority(manager: EntityManager, userId: string, plan: Plan): Promise<SigningAuthority | null> {
    const content = await this.plans.contentOf(plan, this.reviewedVersion(plan), manager);
    const wanted = content.signature?.capacityLines ?? [];
    if (!wanted.length) return null;
    const held = await this.users.authoritiesOn(userId, plan.organizationId, this.clock.today(), manager);
    return held.find((a) => sameLines(a.capacityLines, wanted)) ?? null;
  }

  /** Everyone holding such an authority today. */
  async authorityHolders(manager: EntityManager, plan: Plan): Promise<string[]> {
    const content = await this.plans.contentOf(plan, this.reviewedVersion(plan), manager);
    const wanted = content.signature?.capacityLines ?? [];
    const today = this.clock.today();
    const rows = await manager
      .createQueryBuilder(SigningAuthority, 'a')
      .innerJoin(User, 'u', 'u.id = a.user_id AND u.active')
      .where('a.organization_id = :org', { org: plan.organizationId })
      .andWhere('a.valid_from <= :today AND (a.valid_to IS NULL OR a.valid_to >= :today)', { today })
      .getMany();
    return rows.filter((a) => sameLines(a.capacityLines, wanted)).map((a) => a.userId);
  }

  /**
   * The sender's facts in `state`. `known`: their standing facts, already read with the plan (the
   * transition's locked read), so that neither costs a statement.
   */
  async sender(
    manager: EntityManager,
    actor: Actor,
    plan: Plan,
    state: string,
    known?: { authoredContent: boolean; dutiesRelaxed: boolean },
  ): Promise<{ by: EventSender; authority: SigningAuthority | null }> {
    const roles = actor.memberships.filter((m) => m.organizationId === plan.organizationId).flatMap((m) => m.roles);
    const authority = state === 'awaitingSignature' ? await this.matchingAuthority(manager, actor.id, plan) : null;
    const judged = state === 'review' || state === 'awaitingSignature';
    // Whoever wrote a version drafted the plan too: separation of duties applies to co-drafters.
    const authoredContent =
      judged && (known?.authoredContent ?? (await manager.exists(PlanVersion, { where: { planId: plan.id, authorId: actor.id } })));
    const dutiesRelaxed =
      judged &&
      (known?.dutiesRelaxed ?? (await manager.exists(Organization, { where: { id: plan.organizationId, relaxedSeparationOfDuties: true } })));
    const mayRevoke = ISSUED_STATES.includes(state) && (await this.holdsRevokingAuthority(manager, actor.id, plan));
    return { by: { id: actor.id, system: false, roles, holdsAuthority: !!authority, authoredContent, dutiesRelaxed, mayRevoke }, authority };
  }

  /**
   * Who may revoke an issued plan: whoever holds a signing authority today for the issuing
   * organization (in any capacity: the plan's signer may have moved on) or for the organization
   * directly above it (Nghị định 30 Art. 18: the issuer or the authority above it).
   */
  async holdsRevokingAuthority(manager: EntityManager, userId: string, plan: Plan): Promise<boolean> {
    const today = this.clock.today();
    if ((await this.users.authoritiesOn(userId, plan.organizationId, today, manager)).length) return true;
    const parentId = (await manager.findOne(Organization, { where: { id: plan.organizationId }, select: { id: true, parentId: true } }))?.parentId;
    return !!parentId && (await this.users.authoritiesOn(userId, parentId, today, manager)).length > 0;
  }

  /**
   * The machine event for a request: the facts its row of the event table names, each adding
   * fields to the event. Throws 422 for consultees or anchors that do not exist.
   */
  async event(
    manager: EntityManager,
    plan: Plan,
    context: PlanMachineContext,
    dto: PlanEventDto,
    sender: { by: EventSender; authority: SigningAuthority | null },
    passwordConfirmed: boolean,
  ): Promise<EventFacts> {
    const { by, authority } = sender;
    const facts: EventFacts = { event: { type: dto.type, by } as PlanEvent, comments: [], formatErrors: [], authority };
    const args: FactArgs = { manager, plan, context, dto, by, authority, passwordConfirmed, facts };
    let fields: Record<string, unknown> = {};
    for (const fact of planEventSpec(dto.type).facts) fields = { ...fields, ...(await this.establish[fact](args)) };
    facts.event = { ...fields, type: dto.type, by } as PlanEvent;
    return facts;
  }

  /** How each fact of the event table is established: the event fields it gives. */
  private readonly establish: Record<PlanEventFact, (args: FactArgs) => Promise<Record<string, unknown>>> = {
    currentVersion: async ({ plan }) => ({ version: plan.currentVersion }),
    contentVersion: async ({ plan }) => ({ contentVersion: plan.currentVersion }),
    formatCheck: async ({ manager, plan, facts }) => {
      const report = await this.formatCheck.check(plan, { manager, version: plan.currentVersion });
      facts.formatErrors = report.errors;
      return { formatErrors: report.errors.length };
    },
    // A correction notice (đính chính) walks the short road, drafter → signer → clerk: no review chain.
    reviewChain: async ({ manager, plan }) => ({ chain: plan.correctsPlanId ? [] : (await this.chains.stepsOf(plan.organizationId, manager)).steps }),
    consultation: async ({ manager, dto }) => {
      await this.checkConsultees(manager, dto.consultees ?? []);
      return { consultees: dto.consultees ?? [], deadline: parseDeadline(dto.deadline ?? '')!.toISOString(), now: this.clock.now().toISOString() };
    },
    comments: async ({ manager, plan, context, dto, by, facts }) => {
      const round = context.consultation?.round ?? 0;
      const version = context.consultation?.version ?? plan.currentVersion;
      const anchors = await this.anchorIds(manager, plan, version);
      const problems: FieldProblem[] = [];
      (dto.comments ?? []).forEach((c, i) => {
        if (c.anchorId && !anchors.has(c.anchorId))
          problems.push({
            path: `comments.${i}.anchorId`,
            code: 'unknown_anchor',
            message: `comments.${i}.anchorId: không có mục hay điểm "${c.anchorId}" trong dự thảo`,
          });
        if (!cleanText(c.text)) problems.push({ path: `comments.${i}.text`, code: 'required', message: `comments.${i}.text: không được để trống` });
      });
      if (problems.length) throw WorkflowError.invalid(problems, 'Góp ý không hợp lệ');
      facts.comments = (dto.comments ?? []).map((c) =>
        manager.create(ConsultationComment, {
          id: randomUUID(),
          planId: plan.id,
          round,
          consulteeId: by.id,
          anchorId: c.anchorId ?? null,
          text: c.text.normalize('NFC').trim(),
          contentVersion: version,
          createdAt: this.clock.now(),
        }),
      );
      return { commentIds: facts.comments.map((c) => c.id) };
    },
    consultationRound: async ({ context }) => ({ round: context.consultation?.round ?? 0 }),
    resolution: async ({ dto }) => ({ commentId: dto.commentId!, resolution: dto.resolution!, note: cleanText(dto.note ?? '') }),
    reason: async ({ dto }) => ({ reason: (dto.reason ?? '').normalize('NFC').trim() }),
    stepUp: async ({ passwordConfirmed }) => ({ passwordConfirmed }),
    authority: async ({ authority }) => ({ authorityId: authority?.id ?? null }),
    register: async ({ manager, plan, dto }) => {
      if (!dto.registerId) return { registerId: null };
      if (!(await manager.exists(Register, { where: { id: dto.registerId, organizationId: plan.organizationId } }))) {
        throw WorkflowError.invalid(
          [{ path: 'registerId', code: 'unknown_register', message: 'registerId: không có sổ đăng ký này trong các sổ của cơ quan ban hành' }],
          'Sổ đăng ký không hợp lệ',
        );
      }
      return { registerId: dto.registerId };
    },
    issuanceDesk: async ({ manager, plan }) => {
      const organization = await manager.findOneByOrFail(Organization, { id: plan.organizationId });
      return { issuanceDesk: organization.issuanceMode === 'desk' };
    },
    revocation: async ({ dto }) => ({ decisionNumber: dto.decisionNumber?.normalize('NFC').trim() || null }),
  };

  private async checkConsultees(manager: EntityManager, ids: string[]): Promise<void> {
    const found = new Set((await manager.find(User, { where: { id: In(ids), active: true }, select: { id: true } })).map((u) => u.id));
    const problems = ids.flatMap((id, i) =>
      found.has(id)
        ? []
        : [{ path: `consultees.${i}`, code: 'not_found', message: `consultees.${i}: không có người dùng đang hoạt động với mã ${id}` }],
    );
    if (problems.length) throw WorkflowError.invalid(problems, 'Danh sách xin ý kiến không hợp lệ');
  }

  /** Ids of the parts and body nodes a comment may be anchored to. */
  private async anchorIds(manager: EntityManager, plan: Plan, version: number): Promise<Set<string>> {
    const content = await this.plans.contentOf(plan, version, manager);
    const ids = new Set(content.parts.map((p) => p.id));
    for (const visit of walkBody(content)) ids.add(visit.node.id);
    return ids;
  }
}
