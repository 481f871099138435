import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shortDate, vietnamDate } from '@app/common';
import { AppConfig } from '@app/config';
import { preparedQuery } from '@app/db';
import { Organization } from '@app/identity';
import { InboxService } from '@app/inbox';
import { Clock, DAY_MS, JobsService } from '@app/jobs';
import { Plan } from '@app/plans';
import { awaitedIn, PLAN_HAND_OVERS, PlanEffect, PlanEvent, planEventSpec, PlanHandOver, PlanMachineContext, planStateLabel } from '@workflows/index';
import { CONSULTATION_DEADLINE_JOB, WORKFLOW_REMINDER_JOB } from '../jobs/workflow-jobs';
import { PlanHandOversService } from './plan-hand-overs.service';
import { WorkflowFactsService } from './workflow-facts.service';

/** What a committed transition asks for, as the effects see it. */
export interface TransitionDone {
  plan: Plan;
  event: PlanEvent;
  context: PlanMachineContext;
  toState: string;
  /** The plan's transition count after this one. */
  transitions: number;
  auditSeq: number;
}

/**
 * Performs the effects the machine names, inside the transition's transaction: notices to
 * the people who must act, reminders and deadlines as scheduled jobs; the effects handed over
 * (issuance, distribution, cascade) go to the modules registered for them.
 */
@Injectable()
export class WorkflowEffectsService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly inbox: InboxService,
    private readonly facts: WorkflowFactsService,
    private readonly handOvers: PlanHandOversService,
  ) {}

  /** Queues the effects may write to: workers to wake once the transaction commits. */
  get queues(): string[] {
    return [CONSULTATION_DEADLINE_JOB.queue, WORKFLOW_REMINDER_JOB.queue, ...this.handOvers.queues];
  }

  async perform(manager: EntityManager, done: TransitionDone, effects: PlanEffect[]): Promise<void> {
    for (const effect of effects) {
      if ((PLAN_HAND_OVERS as readonly string[]).includes(effect)) {
        await this.handOvers.taker(effect as PlanHandOver).take(manager, done);
        for (const follower of this.handOvers.followersOf(effect as PlanHandOver)) await follower.take(manager, done);
      } else await this[effect as Exclude<PlanEffect, PlanHandOver>](manager, done);
    }
  }

  /** Who the plan waits for in `state`, as the state's `meta.awaits` says: the holders of the review step's role, or the signers. */
  async waitingOn(manager: EntityManager, plan: Plan, context: PlanMachineContext, state: string, version?: string): Promise<string[]> {
    const awaited = awaitedIn(state, version);
    if (awaited === 'stepHolders') {
      const step = context.chain[context.step];
      return step ? (await this.membersWithRole(manager, plan.organizationId, step.role)).filter((id) => id !== context.drafterId) : [];
    }
    if (awaited === 'signers') return (await this.facts.authorityHolders(manager, plan)).filter((id) => id !== context.drafterId);
    if (awaited === 'clerks') return this.membersWithRole(manager, plan.organizationId, 'clerk');
    return [];
  }

  /**
   * Whom to tell when the wait lasts twice as long: for a review or at the clerk's desk, the
   * organization's signers (its leaders, the one who signed among them); for a signature, the
   * signers of the organization above. Its administrators when there are none.
   */
  async superiorsOf(manager: EntityManager, plan: Plan, state: string, waiting: string[]): Promise<string[]> {
    let organizationId: string | null = plan.organizationId;
    if (awaitedIn(state) === 'signers') {
      organizationId = (await manager.findOne(Organization, { where: { id: plan.organizationId } }))?.parentId ?? null;
    }
    let superiors = organizationId ? await this.membersWithRole(manager, organizationId, 'signer') : [];
    superiors = superiors.filter((id) => !waiting.includes(id));
    if (!superiors.length) superiors = await this.membersWithRole(manager, plan.organizationId, 'admin');
    return superiors;
  }

  /** Active members holding the role (a transition's notice goes to them: raw SQL, it is on the hot path). */
  async membersWithRole(manager: EntityManager, organizationId: string, role: string): Promise<string[]> {
    const rows = await preparedQuery<{ user_id: string }>(
      manager,
      `SELECT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id AND u.active
        WHERE m.organization_id = $1 AND $2::membership_role = ANY(m.roles)`,
      [organizationId, role],
    );
    return rows.map((m) => m.user_id);
  }

  private title(plan: Plan): string {
    return `"${plan.summary.length > 120 ? `${plan.summary.slice(0, 117)}...` : plan.summary}"`;
  }

  private async scheduleConsultationDeadline(manager: EntityManager, done: TransitionDone): Promise<void> {
    const consultation = done.context.consultation!;
    await this.jobs.enqueue(
      manager,
      CONSULTATION_DEADLINE_JOB,
      { planId: done.plan.id, round: consultation.round },
      { startAfter: new Date(consultation.deadline), key: `${done.plan.id}:${consultation.round}` },
    );
  }

  private async askConsultees(manager: EntityManager, done: TransitionDone): Promise<void> {
    const consultation = done.context.consultation!;
    const deadline = new Date(consultation.deadline);
    await this.inbox.notify(manager, {
      userIds: consultation.consultees,
      planId: done.plan.id,
      kind: 'consultation_request',
      message: `Xin ý kiến về dự thảo kế hoạch ${this.title(done.plan)}, hạn góp ý ${shortDate(vietnamDate(deadline))}`,
      dedupeKey: `plan:${done.plan.id}:consultation:${consultation.round}`,
    });
  }

  private async awaitReviewer(manager: EntityManager, done: TransitionDone): Promise<void> {
    const step = done.context.chain[done.context.step];
    await this.inbox.notify(manager, {
      userIds: await this.waitingOn(manager, done.plan, done.context, 'review'),
      planId: done.plan.id,
      kind: 'review_request',
      message: `Kế hoạch ${this.title(done.plan)} chờ bạn duyệt: bước "${step.label}"`,
      dedupeKey: `plan:${done.plan.id}:transition:${done.transitions}`,
    });
    await this.scheduleReminder(manager, done);
  }

  private async awaitSigner(manager: EntityManager, done: TransitionDone): Promise<void> {
    await this.inbox.notify(manager, {
      userIds: await this.waitingOn(manager, done.plan, done.context, 'awaitingSignature'),
      planId: done.plan.id,
      kind: 'signature_request',
      message: `Kế hoạch ${this.title(done.plan)} đã qua các bước duyệt và chờ bạn ký`,
      dedupeKey: `plan:${done.plan.id}:transition:${done.transitions}`,
    });
    await this.scheduleReminder(manager, done);
  }

  /** The organization's clerks (văn thư): a signed plan waits at their desk for its number. */
  private async awaitClerk(manager: EntityManager, done: TransitionDone): Promise<void> {
    await this.inbox.notify(manager, {
      userIds: await this.waitingOn(manager, done.plan, done.context, 'awaitingIssue'),
      planId: done.plan.id,
      kind: 'signed',
      message: `Kế hoạch ${this.title(done.plan)} đã ký, chờ văn thư cấp số và ban hành`,
      dedupeKey: `plan:${done.plan.id}:transition:${done.transitions}`,
    });
    await this.scheduleReminder(manager, done);
  }

  private async scheduleReminder(manager: EntityManager, done: TransitionDone): Promise<void> {
    const startAfter = new Date(this.clock.now().getTime() + this.config.reminderDays * DAY_MS);
    await this.jobs.enqueue(
      manager,
      WORKFLOW_REMINDER_JOB,
      { planId: done.plan.id, transition: done.transitions, level: 1 },
      { startAfter, key: `${done.plan.id}:${done.transitions}:1` },
    );
  }

  /** The event table says what the drafter is told after each event that names this effect. */
  private async tellDrafter(manager: EntityManager, done: TransitionDone): Promise<void> {
    const { event, plan } = done;
    const notice = planEventSpec(event.type).drafterNotice;
    if (!notice) throw new Error(`the event table has no drafter notice for ${event.type}`);
    const message = notice.message(this.title(plan), event, planStateLabel(done.toState));
    await this.inbox.notify(manager, {
      userIds: [done.context.drafterId],
      planId: plan.id,
      kind: notice.kind,
      message,
      dedupeKey: `plan:${plan.id}:transition:${done.transitions}`,
    });
  }
}
