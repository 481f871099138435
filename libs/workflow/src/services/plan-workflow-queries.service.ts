import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '@app/common';
import { AuditEventDto, AuditService } from '@app/audit';
import { User } from '@app/identity';
import { PlanAccessService } from '@app/plans';
import { allowedPlanEvents, PersistedPlanSnapshot, planConsultees, PlanMachineContext, planStateLabel, planStateOf } from '@workflows/index';
import { CommentDto, WorkflowViewDto } from '../dtos/workflow.dto';
import { ConsultationComment } from '../entities/consultation-comment.entity';
import { PlanWorkflow } from '../entities/plan-workflow.entity';
import { WorkflowFactsService } from './workflow-facts.service';
import { WorkflowService } from './workflow.service';

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

  /**
   * Where the plan stands and what the person may do. A consultee or recipient (a part of the
   * plan to read) sees the state, their own place in the consultation and their events: not the
   * review chain, its approvals, the return reason or who else was asked.
   */
  async view(actor: Actor, planId: string): Promise<WorkflowViewDto> {
    const manager = this.dataSource.manager;
    const { plan, reading } = await this.access.readableInPart(actor, planId, manager);
    const loaded = await this.workflow.load(manager, plan);
    const state = planStateOf(loaded.snapshot);
    const c = loaded.snapshot.context as PlanMachineContext;
    const { by } = await this.facts.sender(manager, actor, plan, state);
    // A partial reader sees only themself among the consultees.
    const shown = (ids: string[]) => (reading.whole ? ids : ids.filter((id) => id === actor.id));
    const where = {
      planId,
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
    if (!reading.whole) return { ...where, submittedVersion: null, chain: [], currentStep: null, openComments: [], lastReturn: null };
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
