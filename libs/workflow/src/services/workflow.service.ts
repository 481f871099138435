import { createHash } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, FieldProblem } from '@app/common';
import { AuditActor, AuditService, canonicalJson, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { AppConfig } from '@app/config';
import { SigningAuthority, STEP_UP_WINDOW_MINUTES, StepUpService } from '@app/identity';
import { Clock, JobsService } from '@app/jobs';
import { Plan, PlanAccessService, PlanError, PlanVersion } from '@app/plans';
import {
  adoptPlan,
  allowedPlanEvents,
  ISSUED_STATES,
  EventSender,
  migratePlanSnapshot,
  persistPlanSnapshot,
  PersistedPlanSnapshot,
  PLAN_MACHINE_ID,
  planConsultation,
  PlanEvent,
  planEventSpec,
  PlanMachineContext,
  planStateOf,
  restorePlanSnapshot,
  SECRET_EVENT_FIELDS,
  StepResult,
  stepPlan,
  SYSTEM_SENDER,
} from '@workflows/index';
import type { AnyMachineSnapshot } from 'xstate';
import { eventFieldProblems, PlanEventDto } from '../dtos/plan-event.dto';
import { AllowedEventsDto, TransitionResultDto } from '../dtos/workflow.dto';
import { ConsultationComment } from '../entities/consultation-comment.entity';
import { PlanWorkflow } from '../entities/plan-workflow.entity';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';
import { WorkflowEffectsService } from './workflow-effects.service';
import { EventFacts, WorkflowFactsService } from './workflow-facts.service';
import { PlanHandOversService } from './plan-hand-overs.service';
import { LockedRead, lockPlan, readLocked, rememberResponse, saveSnapshot, updatePlan } from './transition-rows';

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
export type SystemEvent =
  | { type: 'DEADLINE'; round: number }
  | { type: 'NUMBERED' | 'ISSUED' | 'DISTRIBUTION_STARTED' | 'DISTRIBUTED' }
  | { type: 'PARENT_REVOKED'; reason: string }
  | { type: 'REPLACED'; replacementId: string };

export interface SystemEventOptions {
  /** Run inside the caller's transaction (the issuance handler numbers and moves the plan at once). */
  manager?: EntityManager;
  requestId?: string;
  /** Recorded with the audit event (number and symbol, PDF hash...). */
  data?: Record<string, unknown>;
}

export interface LoadedWorkflow {
  version: string;
  snapshot: AnyMachineSnapshot;
  row: Pick<PlanWorkflow, 'machineVersion' | 'snapshot' | 'transitions'> | null;
}

interface Committed {
  body: Omit<TransitionResultDto, 'allowedEvents'>;
  snapshot: AnyMachineSnapshot;
  /** The plan as the transition's UPDATE left it (no second SELECT needed). */
  plan: Plan;
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
    private readonly config: AppConfig,
    private readonly handOvers: PlanHandOversService,
  ) {}

  onModuleInit(): void {
    // People asked for an opinion read the version they are asked about, whatever their organization
    // (need to know: not the later drafts, the others' comments or the history): the version of the
    // round under way (read through the snapshot's machine version) and those they commented on.
    this.access.addReadRule(async (actor, plan, manager) => {
      const row = await manager.findOne(PlanWorkflow, { where: { planId: plan.id } });
      const consultation = row && planConsultation(row.machineVersion, row.snapshot as PersistedPlanSnapshot);
      const commented = await manager.find(ConsultationComment, {
        where: { planId: plan.id, consulteeId: actor.id },
        select: { contentVersion: true },
      });
      const versions = [...(consultation?.consultees.includes(actor.id) ? [consultation.version] : []), ...commented.map((c) => c.contentVersion)];
      return versions.length ? { whole: false, versions } : null;
    });
    // The authority above the issuing organization reads what it issued, as a recipient does (need to know: the
    // issued version, not the drafts, comments or history): it may revoke it (Nghị định 30 Art. 18).
    this.access.addReadRule(async (actor, plan, manager) => {
      const signsAbove = actor.memberships.some((m) => m.roles.includes('signer'));
      const mayRevoke = signsAbove && ISSUED_STATES.includes(plan.state) && (await this.facts.holdsRevokingAuthority(manager, actor.id, plan));
      return mayRevoke ? { whole: false, versions: [plan.submittedVersion ?? plan.currentVersion] } : null;
    });
  }

  /** `POST /api/plans/:id/events`. */
  async apply(actor: Actor, planId: string, dto: PlanEventDto, options: ApplyOptions = {}): Promise<ApplyResult> {
    const problems = eventFieldProblems(dto);
    if (problems.length) throw WorkflowError.invalid(problems);
    const spec = planEventSpec(dto.type);
    // Step-up before the lock: verifying a password is slow, the plan row stays free meanwhile.
    if (spec.stepUp === 'password') await this.stepUp.requireNotLocked(actor.id);
    const passwordConfirmed = spec.stepUp === 'password' ? await this.stepUp.confirm(actor.id, dto.password ?? '') : false;
    const secrets = Object.fromEntries(SECRET_EVENT_FIELDS.map((field) => [field, undefined]));
    const requestSha256 = createHash('sha256')
      .update(canonicalJson({ planId, ...dto, ...secrets }))
      .digest('hex');
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        // Two statements instead of eight: the plan row locked, then (so that it reads what the plan's last writer
        // committed) the snapshot, the Idempotency-Key, the audit head, the content hashes and the sender's standing facts.
        const plan = await lockPlan(manager, planId);
        // A consultee of another organization answers with a part of the plan to read; the machine judges the rest.
        if (!plan || !(await this.access.reading(actor, plan, manager))) throw PlanError.notFound(planId);
        const read = await readLocked(manager, plan, actor.id, options.idempotencyKey);
        if (read.prior) {
          if (read.prior.planId !== planId || read.prior.requestSha256 !== requestSha256) {
            throw new WorkflowError(WorkflowErrorCode.IdempotencyKeyReused, 'Idempotency-Key này đã được dùng cho một yêu cầu khác', {
              errors: [{ path: 'Idempotency-Key', code: 'reused', message: 'Idempotency-Key: khóa đã dùng cho yêu cầu khác' }],
            });
          }
          return { body: read.prior.response as unknown as TransitionResultDto, replayed: true };
        }
        this.checkIfMatch(plan, options.ifMatch);
        const loaded = this.restored(plan, read.workflow);
        const sender = await this.facts.sender(manager, actor, plan, planStateOf(loaded.snapshot), read.sender);
        const facts = await this.facts.event(manager, plan, loaded.snapshot.context as PlanMachineContext, dto, sender, passwordConfirmed);
        const step = stepPlan(loaded.version, loaded.snapshot, facts.event);
        if (!step.ok) {
          throw this.refused(loaded, sender.by, step.refusal, step.refusal.code === 'formatClean' ? { formatErrors: facts.formatErrors } : {});
        }
        if (facts.comments.length) await manager.insert(ConsultationComment, facts.comments);
        // The signer's own signature on the document shown on the signing page (their key opens with the password).
        if (facts.event.type === 'SIGN' && facts.authority && this.handOvers.documentSigner) {
          await this.handOvers.documentSigner.sign(manager, { plan, actor, authority: facts.authority, secret: dto.password ?? '' });
        }
        const committed = await this.commit(
          manager,
          plan,
          loaded,
          facts.event,
          step.result,
          { actor, requestId: options.requestId, authority: facts.authority },
          read,
        );
        // The sender's facts in the new state (their authority matters once the plan awaits a signature),
        // on the plan the UPDATE returned rather than a fresh SELECT of the row just written.
        const { by: senderAfter } = await this.facts.sender(manager, actor, committed.plan, planStateOf(committed.snapshot), read.sender);
        const allowedEvents = allowedPlanEvents(loaded.version, committed.snapshot, senderAfter);
        const body: TransitionResultDto = { ...committed.body, allowedEvents };
        if (options.idempotencyKey) {
          await rememberResponse(manager, { key: options.idempotencyKey, actorId: actor.id, planId, requestSha256, response: body });
        }
        return { body, replayed: false };
      });
      if (!result.replayed) this.jobs.wake(this.effects.queues);
      return result;
    } catch (error) {
      if (spec.stepUp && !passwordConfirmed && error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused) {
        await this.stepUpFailed(actor, planId, dto.type, error, options.requestId ?? null);
      }
      throw error;
    }
  }

  /**
   * A wrong password at signature (or revocation) is worth knowing about (guessing), but only
   * from someone who may sign the plan (the password was the one thing missing): anyone else
   * gets 403 at signature (the plain refusal elsewhere) and leaves no row. The fifth wrong one
   * in the window locks the person's signing, recorded once.
   */
  private async stepUpFailed(actor: Actor, planId: string, type: string, refusal: WorkflowError, requestId: string | null): Promise<void> {
    if (refusal.details.refusedBy !== 'passwordConfirmed') {
      // Revoking a draft, or a second time, is refused for what it is, whatever the password.
      if (type !== 'SIGN') throw refusal;
      throw new WorkflowError(WorkflowErrorCode.NotSigner, 'Bạn không thể ký kế hoạch này', {
        reason: refusal.details.reason,
        refusedBy: refusal.details.refusedBy,
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const { lockedNow } = await this.stepUp.recordFailure(manager, actor.id);
      await this.audit.append(manager, { planId, actor, event: 'STEP_UP_FAILED', requestId, data: { for: type } });
      if (lockedNow)
        await this.audit.append(manager, { planId, actor, event: 'SIGNING_LOCKED', requestId, data: { minutes: STEP_UP_WINDOW_MINUTES } });
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
      const committed = await this.commit(manager, plan, loaded, machineEvent, step.result, {
        actor: SYSTEM_AUDIT_ACTOR,
        requestId: options.requestId,
        authority: null,
        data: options.data,
      });
      return { ...committed.body, allowedEvents: allowedPlanEvents(loaded.version, committed.snapshot, SYSTEM_SENDER) };
    };
    if (options.manager) return run(options.manager);
    const result = await this.dataSource.transaction(run);
    this.jobs.wake(this.effects.queues);
    return result;
  }

  /** The authority the person would sign the plan under now (null: they may not sign it now), for the signing page's PDF. */
  async signingAuthority(actor: Actor, planId: string): Promise<{ plan: Plan; authority: SigningAuthority | null }> {
    const manager = this.dataSource.manager;
    const plan = await this.access.readable(actor, planId, manager);
    return { plan, authority: plan.state === 'awaitingSignature' ? await this.facts.matchingAuthority(manager, actor.id, plan) : null };
  }

  /** `GET /api/plans/:id/allowed-events`: the list a refusal carries. */
  async allowedEvents(actor: Actor, planId: string): Promise<AllowedEventsDto> {
    const manager = this.dataSource.manager;
    const { plan } = await this.access.readableInPart(actor, planId, manager);
    const loaded = await this.load(manager, plan);
    const state = planStateOf(loaded.snapshot);
    const { by } = await this.facts.sender(manager, actor, plan, state);
    return { planId, state, rowVersion: plan.rowVersion, allowedEvents: allowedPlanEvents(loaded.version, loaded.snapshot, by) };
  }

  /**
   * The plan's workflow as it stands (for the API and the web UI), on the configured machine
   * version: a snapshot stored by an older version is migrated on the way (and stored so by the
   * next transition).
   */
  async load(manager: EntityManager, plan: Plan): Promise<LoadedWorkflow> {
    return this.restored(plan, await manager.findOne(PlanWorkflow, { where: { planId: plan.id } }));
  }

  /** The workflow from its stored row (null: a plan from before the workflow, adopted in its state). */
  restored(plan: Plan, row: LoadedWorkflow['row']): LoadedWorkflow {
    const target = this.config.planMachineVersion;
    if (row) {
      const { version, persisted } = migratePlanSnapshot(row.machineVersion, row.snapshot as PersistedPlanSnapshot, target);
      return { version, snapshot: restorePlanSnapshot(version, persisted), row };
    }
    const adopted = adoptPlan({ drafterId: plan.createdById, round: plan.draftRound }, plan.state, target);
    return { version: adopted.version, snapshot: adopted.snapshot, row: null };
  }

  private checkIfMatch(plan: Plan, ifMatch: number | undefined): void {
    if (ifMatch !== undefined && ifMatch !== plan.rowVersion) {
      throw new WorkflowError(
        WorkflowErrorCode.StaleVersion,
        `Kế hoạch đã thay đổi (phiên bản ${plan.rowVersion}, bạn gửi theo phiên bản ${ifMatch}): hãy tải lại rồi thử lại`,
        {
          currentRowVersion: plan.rowVersion,
          state: plan.state,
        },
      );
    }
  }

  private refused(
    loaded: LoadedWorkflow,
    by: EventSender,
    refusal: { code: string; reason: string },
    extra: Record<string, unknown> = {},
  ): WorkflowError {
    return new WorkflowError(WorkflowErrorCode.TransitionRefused, refusal.reason, {
      reason: refusal.reason,
      refusedBy: refusal.code,
      state: planStateOf(loaded.snapshot),
      allowedEvents: allowedPlanEvents(loaded.version, loaded.snapshot, by),
      ...extra,
    });
  }

  private async commit(
    manager: EntityManager,
    plan: Plan,
    loaded: LoadedWorkflow,
    event: PlanEvent,
    next: StepResult,
    audit: { actor: AuditActor; requestId?: string; authority: EventFacts['authority']; data?: Record<string, unknown> },
    /** What a person's transition read under the plan lock (content hashes, audit head); system events read them here. */
    read?: Pick<LockedRead, 'contentSha256' | 'auditHead'>,
  ): Promise<Committed> {
    const fromState = planStateOf(loaded.snapshot);
    const toState = planStateOf(next.snapshot);
    const context = next.snapshot.context as PlanMachineContext;
    const spec = planEventSpec(event.type);
    const transition = {
      event,
      before: loaded.snapshot.context as PlanMachineContext,
      after: context,
      now: this.clock.now(),
      authority: audit.authority,
    };
    const changes: Partial<Plan> = { state: toState, ...spec.planColumns?.(transition) };
    // The row is not read again: the UPDATE returns what the response needs (effects never write it:
    // they write notices and jobs, see HandOverTaker).
    const after = await updatePlan(manager, plan.id, changes);
    const transitions = (loaded.row?.transitions ?? 0) + 1;
    await saveSnapshot(manager, {
      planId: plan.id,
      machineId: PLAN_MACHINE_ID,
      machineVersion: loaded.version,
      snapshot: persistPlanSnapshot(loaded.version, next.snapshot) as never,
      transitions,
    });
    if (event.type === 'RESOLVE_COMMENT') {
      await manager.update(
        ConsultationComment,
        { id: event.commentId, planId: plan.id },
        { resolution: event.resolution, resolutionNote: event.note, resolvedById: event.by.id, resolvedAt: this.clock.now() },
      );
    }
    const updated = { ...plan, ...changes, ...after } as Plan;
    const contentVersion =
      fromState === 'draft' || fromState === 'consultation'
        ? event.type === 'SUBMIT'
          ? event.version
          : plan.currentVersion
        : (updated.submittedVersion ?? plan.currentVersion);
    const contentSha256 = read?.contentSha256.has(contentVersion)
      ? read.contentSha256.get(contentVersion)!
      : ((await manager.findOne(PlanVersion, { where: { planId: plan.id, version: contentVersion }, select: { contentSha256: true } }))
          ?.contentSha256 ?? null);
    const entry = await this.audit.append(
      manager,
      {
        planId: plan.id,
        organizationId: plan.organizationId,
        actor: audit.actor,
        event: event.type,
        fromState,
        toState,
        // A person's reason (RETURN, CANCEL, REVOKE) or the one a system event carries (PARENT_REVOKED).
        reason: typeof (event as { reason?: unknown }).reason === 'string' ? (event as { reason: string }).reason : null,
        contentVersion,
        contentSha256,
        requestId: audit.requestId ?? null,
        data: { ...spec.audit?.(transition), ...audit.data },
      },
      read && { head: read.auditHead },
    );
    await this.effects.perform(manager, { plan: updated, event, context, toState, transitions, auditSeq: entry.seq }, next.effects);
    return {
      snapshot: next.snapshot,
      plan: updated,
      body: {
        planId: plan.id,
        event: event.type,
        fromState,
        toState,
        rowVersion: updated.rowVersion,
        draftRound: updated.draftRound,
        submittedVersion: updated.submittedVersion,
        auditSeq: entry.seq,
        commentIds: event.type === 'COMMENT' ? event.commentIds : [],
      },
    };
  }
}

export function problemsOfIfMatch(raw: string | undefined): { value?: number; problems: FieldProblem[] } {
  if (raw === undefined || raw === '') return { problems: [] };
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!match) return { problems: [{ path: 'If-Match', code: 'invalid', message: 'If-Match: cần số phiên bản của kế hoạch, ví dụ "3"' }] };
  return { value: Number(match[1]), problems: [] };
}
