import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '@app/common';
import { AuditEventDto, AuditService } from '@app/audit';
import { Organization, User } from '@app/identity';
import { Plan, PlanAccessService, PlanVersion } from '@app/plans';
import {
  allowedPlanEvents,
  EventSender,
  PersistedPlanSnapshot,
  planConsultees,
  PlanMachineContext,
  planStateLabel,
  planStateOf,
} from '@workflows/index';
import { CommentDto, WorkflowViewDto } from '../dtos/workflow.dto';
import { ConsultationComment } from '../entities/consultation-comment.entity';
import { PlanWorkflow } from '../entities/plan-workflow.entity';
import { WorkflowFactsService } from './workflow-facts.service';
import { LoadedWorkflow, WorkflowService } from './workflow.service';

/** Reading a plan's workflow: where it stands, its history, its consultation comments. */
@Injectable()
export class PlanWorkflowQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly workflow: WorkflowService,
    private readonly facts: WorkflowFactsService,
    private readonly audit: AuditService,
  ) {}

  /** Where the plan stands and what the person may do (`workflowView`). */
  async view(actor: Actor, planId: string): Promise<WorkflowViewDto> {
    const manager = this.dataSource.manager;
    const { plan, reading } = await this.access.readableInPart(actor, planId, manager);
    const loaded = await this.workflow.load(manager, plan);
    const { by } = await this.facts.sender(manager, actor, plan, planStateOf(loaded.snapshot));
    return workflowView(actor, plan, reading.whole, loaded, by);
  }

  /**
   * The views of many plans at once, for a page that asks about a hundred (the work page): the
   * plans, their workflows and the person's standing facts in a few statements for all, not a few
   * per plan. Only plans the person reads whole by membership or audit are answered, since those
   * need no read rule; the others are left out for `view` to answer one by one.
   */
  async viewsOf(actor: Actor, planIds: string[]): Promise<Map<string, WorkflowViewDto>> {
    const views = new Map<string, WorkflowViewDto>();
    if (!planIds.length) return views;
    const manager = this.dataSource.manager;
    const plans = (await manager.find(Plan, { where: { id: In(planIds) } })).filter((plan) => this.access.readsWholeByStanding(actor, plan));
    if (!plans.length) return views;
    const ids = plans.map((plan) => plan.id);
    const [rows, authored, relaxed] = await Promise.all([
      manager.find(PlanWorkflow, { where: { planId: In(ids) } }),
      manager
        .createQueryBuilder(PlanVersion, 'v')
        .select('DISTINCT v.plan_id', 'planId')
        .where('v.plan_id IN (:...ids) AND v.author_id = :me', { ids, me: actor.id })
        .getRawMany<{ planId: string }>(),
      manager.find(Organization, {
        where: { id: In([...new Set(plans.map((plan) => plan.organizationId))]), relaxedSeparationOfDuties: true },
        select: { id: true },
      }),
    ]);
    const rowOf = new Map(rows.map((row) => [row.planId, row]));
    const authoredIds = new Set(authored.map((a) => a.planId));
    const relaxedIds = new Set(relaxed.map((o) => o.id));
    for (const plan of plans) {
      const loaded = this.workflow.restored(plan, rowOf.get(plan.id) ?? null);
      const known = { authoredContent: authoredIds.has(plan.id), dutiesRelaxed: relaxedIds.has(plan.organizationId) };
      const { by } = await this.facts.sender(manager, actor, plan, planStateOf(loaded.snapshot), known);
      views.set(plan.id, workflowView(actor, plan, true, loaded, by));
    }
    return views;
  }

  /** Of these plans, those whose consultation under way asks the person: one query, whatever their number. */
  async consulting(actor: Actor, planIds: string[]): Promise<Set<string>> {
    if (!planIds.length) return new Set();
    const rows = await this.dataSource.manager.find(PlanWorkflow, { where: { planId: In(planIds) } });
    const asked = rows.filter((row) => planConsultees(row.machineVersion, row.snapshot as PersistedPlanSnapshot).includes(actor.id));
    return new Set(asked.map((row) => row.planId));
  }

  /** `GET /api/plans/:id/history`: the plan's audit trail, for whoever may read the plan. */
  async history(actor: Actor, planId: string): Promise<AuditEventDto[]> {
    await this.access.readable(actor, planId);
    return this.audit.history(planId);
  }

  /** The consultation's comments; a consultee of another organization sees their own only. */
  async comments(actor: Actor, planId: string): Promise<CommentDto[]> {
    const { reading } = await this.access.readableInPart(actor, planId);
    const qb = this.dataSource.manager
      .createQueryBuilder(ConsultationComment, 'c')
      .leftJoinAndMapOne('c.consultee', User, 'u', 'u.id = c.consultee_id')
      .where('c.plan_id = :planId', { planId });
    if (!reading.whole) qb.andWhere('c.consultee_id = :me', { me: actor.id });
    const rows = await qb.orderBy('c.round', 'ASC').addOrderBy('c.created_at', 'ASC').getMany();
    return rows.map((c) => ({
      id: c.id,
      round: c.round,
      consulteeId: c.consulteeId,
      consulteeName: c.consultee?.fullName ?? '',
      anchorId: c.anchorId,
      text: c.text,
      contentVersion: c.contentVersion,
      createdAt: c.createdAt.toISOString(),
      resolution: c.resolution,
      resolutionNote: c.resolutionNote,
    }));
  }
}

/**
 * Where the plan stands and what the person may do. A consultee or recipient (a part of the plan
 * to read) sees the state, their own place in the consultation and their events: not the review
 * chain, its approvals, the return reason or who else was asked.
 */
function workflowView(actor: Actor, plan: Plan, whole: boolean, loaded: LoadedWorkflow, by: EventSender): WorkflowViewDto {
  const state = planStateOf(loaded.snapshot);
  const c = loaded.snapshot.context as PlanMachineContext;
  // A partial reader sees only themself among the consultees.
  const shown = (ids: string[]) => (whole ? ids : ids.filter((id) => id === actor.id));
  const where = {
    planId: plan.id,
    state,
    stateLabel: planStateLabel(state),
    machineVersion: loaded.version,
    rowVersion: plan.rowVersion,
    draftRound: plan.draftRound,
    consultation: c.consultation && {
      round: c.consultation.round,
      consultees: shown(c.consultation.consultees),
      answered: shown(c.consultation.answered),
      deadline: c.consultation.deadline,
    },
    allowedEvents: allowedPlanEvents(loaded.version, loaded.snapshot, by),
  };
  if (!whole) return { ...where, submittedVersion: null, chain: [], currentStep: null, openComments: [], lastReturn: null };
  return {
    ...where,
    submittedVersion: plan.submittedVersion,
    chain: c.chain.map((s, i) => ({
      position: i + 1,
      role: s.role,
      label: s.label,
      approvedBy: c.approvals.find((a) => a.step === i)?.by ?? null,
    })),
    currentStep: state === 'review' ? c.step + 1 : null,
    openComments: c.openComments,
    lastReturn: c.lastReturn as unknown as Record<string, unknown> | null,
  };
}
