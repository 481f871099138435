import { createHash } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, FieldProblem } from '@app/common';
import { AuditActor, AuditService, canonicalJson, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { STEP_UP_WINDOW_MINUTES, StepUpService } from '@app/identity';
import { Clock, JobsService } from '@app/jobs';
import { Plan, PlanAccessService, PlanVersion } from '@app/plans';
import {
  adoptPlan,
  allowedPlanEvents,
  EventSender,
  persistPlanSnapshot,
  PersistedPlanSnapshot,
  PLAN_MACHINE_ID,
  PlanEvent,
  PlanMachineContext,
  planStateOf,
  restorePlanSnapshot,
  StepResult,
  stepPlan,
  SYSTEM_SENDER,
} from '@workflows/index';
import type { AnyMachineSnapshot } from 'xstate';
import { eventFieldProblems, PlanEventDto } from '../dtos/plan-event.dto';
import { AllowedEventsDto, TransitionResultDto } from '../dtos/workflow.dto';
import { ConsultationComment } from '../entities/consultation-comment.entity';
import { IdempotencyKey } from '../entities/idempotency-key.entity';
import { PlanWorkflow } from '../entities/plan-workflow.entity';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';
import { WorkflowEffectsService } from './workflow-effects.service';
import { WorkflowFactsService } from './workflow-facts.service';

export interface ApplyOptions {
  /** The plan's row version the client saw (If-Match); absent: no check. */
  ifMatch?: number;
  idempotencyKey?: string;
  requestId?: string;
}

export interface ApplyResult {
  body: TransitionResultDto;
  /** True when an Idempotency-Key replay returned the first result. */
  replayed: boolean;
}

/** Events the system's jobs send, with their payload. */
export type SystemEvent = { type: 'DEADLINE'; round: number } | { type: 'NUMBERED' | 'ISSUED' | 'DISTRIBUTION_STARTED' | 'DISTRIBUTED' };

export interface SystemEventOptions {
  /** Run inside the caller's transaction (the issuance handler numbers and moves the plan at once). */
  manager?: EntityManager;
  requestId?: string;
  /** Recorded with the audit event (number and symbol, PDF hash...). */
  data?: Record<string, unknown>;
}

interface LoadedWorkflow {
  version: string;
  snapshot: AnyMachineSnapshot;
  row: PlanWorkflow | null;
}

interface Committed {
  body: Omit<TransitionResultDto, 'allowedEvents'>;
  snapshot: AnyMachineSnapshot;
}

/**
 * Applies events to plans. One transaction per event: lock the plan row, restore the
 * snapshot, establish the facts, let the machine decide, then write the plan, the snapshot,
 * the audit event and the follow-up jobs together. Nothing is written when anything fails.
 */
@Injectable()
export class WorkflowService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
    private readonly facts: WorkflowFactsService,
    private readonly effects: WorkflowEffectsService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // People asked for an opinion read the draft they are asked about, whatever their organization.
    this.access.addReadRule(async (actor, plan, manager) => {
      const rows = await manager.query(
        `SELECT 1 FROM plan_workflow WHERE plan_id = $1::uuid AND snapshot->'context'->'consultation'->'consultees' ? $2::text
         UNION ALL SELECT 1 FROM consultation_comment WHERE plan_id = $1::uuid AND consultee_id = $2::uuid LIMIT 1`,
        [plan.id, actor.id],
      );
      return rows.length > 0;
    });
  }

  /** `POST /api/plans/:id/events`. */
  async apply(actor: Actor, planId: string, dto: PlanEventDto, options: ApplyOptions = {}): Promise<ApplyResult> {
    const problems = eventFieldProblems(dto);
    if (problems.length) throw WorkflowError.invalid(problems);
    // Step-up before the lock: verifying a password is slow, the plan row stays free meanwhile.
    if (dto.type === 'SIGN') await this.stepUp.requireNotLocked(actor.id);
    const passwordConfirmed = dto.type === 'SIGN' ? await this.stepUp.confirm(actor.id, dto.password ?? '') : false;
    const requestSha256 = createHash('sha256').update(canonicalJson({ planId, ...dto, password: undefined })).digest('hex');
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        const plan = await this.access.readable(actor, planId, manager, true);
        if (options.idempotencyKey) {
          const prior = await manager.findOne(IdempotencyKey, { where: { actorId: actor.id, key: options.idempotencyKey } });
          if (prior) {
            if (prior.planId !== planId || prior.requestSha256 !== requestSha256) {
              throw new WorkflowError(WorkflowErrorCode.IdempotencyKeyReused, 'Idempotency-Key này đã được dùng cho một yêu cầu khác', {
                errors: [{ path: 'Idempotency-Key', code: 'reused', message: 'Idempotency-Key: khóa đã dùng cho yêu cầu khác' }],
              });
            }
            return { body: prior.response as unknown as TransitionResultDto, replayed: true };
          }
        }
        this.checkIfMatch(plan, options.ifMatch);
        const loaded = await this.load(manager, plan);
        const sender = await this.facts.sender(manager, actor, plan, planStateOf(loaded.snapshot));
        const facts = await this.facts.event(manager, plan, loaded.snapshot.context as PlanMachineContext, dto, sender, passwordConfirmed);
        const step = stepPlan(loaded.version, loaded.snapshot, facts.event);
        if (!step.ok) {
          throw this.refused(loaded, sender.by, step.refusal, step.refusal.code === 'formatClean' ? { formatErrors: facts.formatErrors } : {});
        }
        if (facts.comments.length) await manager.insert(ConsultationComment, facts.comments);
        const data = eventData(facts.event, loaded.snapshot.context as PlanMachineContext, step.result.snapshot.context as PlanMachineContext, facts.authority);
        const committed = await this.commit(manager, plan, loaded, facts.event, step.result, { actor, requestId: options.requestId, data });
        const allowedEvents = allowedPlanEvents(loaded.version, committed.snapshot, await this.senderAfter(manager, actor, plan.id, planStateOf(committed.snapshot)));
        const body: TransitionResultDto = { ...committed.body, allowedEvents };
        if (options.idempotencyKey) {
          await manager.insert(IdempotencyKey, { key: options.idempotencyKey, actorId: actor.id, planId, requestSha256, response: body as never });
        }
        return { body, replayed: false };
      });
      if (!result.replayed) this.jobs.wake(this.effects.queues);
      return result;
    } catch (error) {
      if (dto.type === 'SIGN' && !passwordConfirmed && error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused) {
        await this.stepUpFailed(actor, planId, error, options.requestId ?? null);
      }
      throw error;
    }
  }

  /**
   * A wrong password at signature is worth knowing about (guessing), but only from someone who
   * may sign the plan (the password was the one thing missing): anyone else gets 403 and
   * leaves no row. The fifth wrong one in the window locks the person's signing, recorded once.
   */
  private async stepUpFailed(actor: Actor, planId: string, refusal: WorkflowError, requestId: string | null): Promise<void> {
    if (refusal.details.refusedBy !== 'passwordConfirmed') {
      throw new WorkflowError(WorkflowErrorCode.NotSigner, 'Bạn không thể ký kế hoạch này', { reason: refusal.details.reason, refusedBy: refusal.details.refusedBy });
    }
    await this.dataSource.transaction(async (manager) => {
      const { lockedNow } = await this.stepUp.recordFailure(manager, actor.id);
      await this.audit.append(manager, { planId, actor, event: 'STEP_UP_FAILED', requestId, data: { for: 'SIGN' } });
      if (lockedNow) await this.audit.append(manager, { planId, actor, event: 'SIGNING_LOCKED', requestId, data: { minutes: STEP_UP_WINDOW_MINUTES } });
    });
  }

  /**
   * The hand-off for jobs: applies a system event (actor SYSTEM). With `manager`, inside the
   * caller's transaction; a refusal throws WorkflowError (transition_refused) like any other.
   */
  async applySystemEvent(planId: string, event: SystemEvent, options: SystemEventOptions = {}): Promise<TransitionResultDto> {
    const run = async (manager: EntityManager) => {
      const plan = await manager.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw new WorkflowError(WorkflowErrorCode.TransitionRefused, `Không tìm thấy kế hoạch ${planId}`, { reason: 'plan_not_found' });
      const loaded = await this.load(manager, plan);
      const machineEvent = { ...event, by: SYSTEM_SENDER } as PlanEvent;
      const step = stepPlan(loaded.version, loaded.snapshot, machineEvent);
      if (!step.ok) throw this.refused(loaded, SYSTEM_SENDER, step.refusal);
      const data = { ...eventData(machineEvent, loaded.snapshot.context as PlanMachineContext, step.result.snapshot.context as PlanMachineContext, null), ...(options.data ?? {}) };
      const committed = await this.commit(manager, plan, loaded, machineEvent, step.result, { actor: SYSTEM_AUDIT_ACTOR, requestId: options.requestId, data });
      return { ...committed.body, allowedEvents: allowedPlanEvents(loaded.version, committed.snapshot, SYSTEM_SENDER) };
    };
    if (options.manager) return run(options.manager);
    const result = await this.dataSource.transaction(run);
    this.jobs.wake(this.effects.queues);
    return result;
  }

  /** `GET /api/plans/:id/allowed-events`: the list a refusal carries. */
  async allowedEvents(actor: Actor, planId: string): Promise<AllowedEventsDto> {
    const manager = this.dataSource.manager;
    const plan = await this.access.readable(actor, planId, manager);
    const loaded = await this.load(manager, plan);
    const state = planStateOf(loaded.snapshot);
    const { by } = await this.facts.sender(manager, actor, plan, state);
    return { planId, state, rowVersion: plan.rowVersion, allowedEvents: allowedPlanEvents(loaded.version, loaded.snapshot, by) };
  }

  /** The plan's workflow as it stands (for the API and the web UI). */
  async load(manager: EntityManager, plan: Plan): Promise<LoadedWorkflow> {
    const row = await manager.findOne(PlanWorkflow, { where: { planId: plan.id } });
    if (row) return { version: row.machineVersion, snapshot: restorePlanSnapshot(row.machineVersion, row.snapshot as PersistedPlanSnapshot), row };
    const adopted = adoptPlan({ drafterId: plan.createdById, round: plan.draftRound }, plan.state);
    return { version: adopted.version, snapshot: adopted.snapshot, row: null };
  }

  private checkIfMatch(plan: Plan, ifMatch: number | undefined): void {
    if (ifMatch !== undefined && ifMatch !== plan.rowVersion) {
      throw new WorkflowError(WorkflowErrorCode.StaleVersion, `Kế hoạch đã thay đổi (phiên bản ${plan.rowVersion}, bạn gửi theo phiên bản ${ifMatch}): hãy tải lại rồi thử lại`, {
        currentRowVersion: plan.rowVersion,
        state: plan.state,
      });
    }
  }

  private refused(loaded: LoadedWorkflow, by: EventSender, refusal: { code: string; reason: string }, extra: Record<string, unknown> = {}): WorkflowError {
    return new WorkflowError(WorkflowErrorCode.TransitionRefused, refusal.reason, {
      reason: refusal.reason,
      refusedBy: refusal.code,
      state: planStateOf(loaded.snapshot),
      allowedEvents: allowedPlanEvents(loaded.version, loaded.snapshot, by),
      ...extra,
    });
  }

  /** The sender's facts in the new state (their authority matters once the plan awaits a signature). */
  private async senderAfter(manager: EntityManager, actor: Actor, planId: string, state: string): Promise<EventSender> {
    const plan = await manager.findOneOrFail(Plan, { where: { id: planId } });
    return (await this.facts.sender(manager, actor, plan, state)).by;
  }

  private async commit(
    manager: EntityManager,
    plan: Plan,
    loaded: LoadedWorkflow,
    event: PlanEvent,
    next: StepResult,
    audit: { actor: AuditActor; requestId?: string; data: Record<string, unknown> },
  ): Promise<Committed> {
    const fromState = planStateOf(loaded.snapshot);
    const toState = planStateOf(next.snapshot);
    const context = next.snapshot.context as PlanMachineContext;
    const changes: Partial<Plan> = { state: toState };
    if (event.type === 'SUBMIT') changes.submittedVersion = event.version;
    if (event.type === 'RETURN') changes.draftRound = context.round;
    if (event.type === 'SIGN') Object.assign(changes, { signedAt: this.clock.now(), signedById: event.by.id });
    // The update also moves row_version (TypeORM's version column): the next If-Match must carry the new one.
    await manager.update(Plan, { id: plan.id }, changes);
    const transitions = (loaded.row?.transitions ?? 0) + 1;
    await manager.upsert(
      PlanWorkflow,
      { planId: plan.id, machineId: PLAN_MACHINE_ID, machineVersion: loaded.version, snapshot: persistPlanSnapshot(loaded.version, next.snapshot) as never, transitions },
      ['planId'],
    );
    if (event.type === 'RESOLVE_COMMENT') {
      await manager.update(ConsultationComment, { id: event.commentId, planId: plan.id }, { resolution: event.resolution, resolutionNote: event.note, resolvedById: event.by.id, resolvedAt: this.clock.now() });
    }
    const updated = { ...plan, ...changes } as Plan;
    const contentVersion = fromState === 'draft' || fromState === 'consultation' ? (event.type === 'SUBMIT' ? event.version : plan.currentVersion) : (updated.submittedVersion ?? plan.currentVersion);
    const version = await manager.findOne(PlanVersion, { where: { planId: plan.id, version: contentVersion }, select: { contentSha256: true } });
    const entry = await this.audit.append(manager, {
      planId: plan.id,
      organizationId: plan.organizationId,
      actor: audit.actor,
      event: event.type,
      fromState,
      toState,
      reason: event.type === 'RETURN' || event.type === 'CANCEL' ? event.reason : null,
      contentVersion,
      contentSha256: version?.contentSha256 ?? null,
      requestId: audit.requestId ?? null,
      data: audit.data,
    });
    await this.effects.perform(manager, { plan: updated, event, context, toState, transitions, auditSeq: entry.seq }, next.effects);
    const fresh = await manager.findOneOrFail(Plan, { where: { id: plan.id } });
    return {
      snapshot: next.snapshot,
      body: {
        planId: plan.id,
        event: event.type,
        fromState,
        toState,
        rowVersion: fresh.rowVersion,
        draftRound: fresh.draftRound,
        submittedVersion: fresh.submittedVersion,
        auditSeq: entry.seq,
        commentIds: event.type === 'COMMENT' ? event.commentIds : [],
      },
    };
  }
}

/** What the audit event records of each transition, beyond from/to and the reason. */
function eventData(event: PlanEvent, before: PlanMachineContext, after: PlanMachineContext, authority: { id: string; delegatedFromId: string | null; capacityLines: string[] } | null): Record<string, unknown> {
  switch (event.type) {
    case 'SUBMIT':
      return { submittedVersion: event.version, chain: event.chain, round: after.round };
    case 'CIRCULATE':
      return { round: after.consultation?.round, consultees: event.consultees, deadline: event.deadline };
    case 'COMMENT':
      return { round: before.consultation?.round, commentIds: event.commentIds };
    case 'NO_COMMENT':
      return { round: before.consultation?.round };
    case 'DEADLINE':
      return { round: event.round, unanswered: (before.consultation?.consultees ?? []).filter((id) => !before.consultation?.answered.includes(id)) };
    case 'RESOLVE_COMMENT':
      return { commentId: event.commentId, resolution: event.resolution, note: event.note };
    case 'APPROVE': {
      const step = before.chain[before.step];
      return { step: before.step + 1, of: before.chain.length, role: step?.role, label: step?.label };
    }
    case 'RETURN':
      return { from: after.lastReturn?.from, step: after.lastReturn?.step === null || after.lastReturn?.step === undefined ? null : after.lastReturn.step + 1, round: after.round };
    case 'SIGN':
      return { stepUp: 'password', authorityId: authority?.id ?? null, delegatedFromId: authority?.delegatedFromId ?? null, capacityLines: authority?.capacityLines ?? [] };
    default:
      return {};
  }
}

export function problemsOfIfMatch(raw: string | undefined): { value?: number; problems: FieldProblem[] } {
  if (raw === undefined || raw === '') return { problems: [] };
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!match) return { problems: [{ path: 'If-Match', code: 'invalid', message: 'If-Match: cần số phiên bản của kế hoạch, ví dụ "3"' }] };
  return { value: Number(match[1]), problems: [] };
}
