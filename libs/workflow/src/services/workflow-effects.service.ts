import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shortDate, vietnamDate } from '@app/common';
import { AppConfig } from '@app/config';
import { Membership, Organization, User } from '@app/identity';
import { InboxService } from '@app/inbox';
import { Clock, DAY_MS, JobsService } from '@app/jobs';
import { Plan } from '@app/plans';
import { PlanEffect, PlanEvent, PlanMachineContext, planStateLabel } from '@workflows/index';
import { CONSULTATION_DEADLINE_JOB, PLAN_ISSUE_JOB, WORKFLOW_REMINDER_JOB } from '../jobs/workflow-jobs';
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
 * the people who must act, reminders and deadlines as scheduled jobs, the issuance job.
 */
@Injectable()
export class WorkflowEffectsService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly inbox: InboxService,
    private readonly facts: WorkflowFactsService,
  ) {}

  /** Queues the effects may write to: workers to wake once the transaction commits. */
  readonly queues = [CONSULTATION_DEADLINE_JOB.queue, WORKFLOW_REMINDER_JOB.queue, PLAN_ISSUE_JOB.queue];

  async perform(manager: EntityManager, done: TransitionDone, effects: PlanEffect[]): Promise<void> {
    for (const effect of effects) await this[effect](manager, done);
  }

  /** Who the plan waits for now: the holders of the review step's role, or the signers. */
  async waitingOn(manager: EntityManager, plan: Plan, context: PlanMachineContext, state: string): Promise<string[]> {
    if (state === 'review') {
      const step = context.chain[context.step];
      return step ? (await this.membersWithRole(manager, plan.organizationId, step.role)).filter((id) => id !== context.drafterId) : [];
    }
    if (state === 'awaitingSignature') return (await this.facts.authorityHolders(manager, plan)).filter((id) => id !== context.drafterId);
    return [];
  }

  /**
   * Whom to tell when the wait lasts twice as long: for a review, the organization's signers
   * (its leaders); for a signature, the signers of the organization above. Its administrators
   * when there are none.
   */
  async superiorsOf(manager: EntityManager, plan: Plan, state: string, waiting: string[]): Promise<string[]> {
    let organizationId: string | null = plan.organizationId;
    if (state === 'awaitingSignature') {
      organizationId = (await manager.findOne(Organization, { where: { id: plan.organizationId } }))?.parentId ?? null;
    }
    let superiors = organizationId ? await this.membersWithRole(manager, organizationId, 'signer') : [];
    superiors = superiors.filter((id) => !waiting.includes(id));
    if (!superiors.length) superiors = await this.membersWithRole(manager, plan.organizationId, 'admin');
    return superiors;
  }

  async membersWithRole(manager: EntityManager, organizationId: string, role: string): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id AND u.active')
      .where('m.organization_id = :organizationId', { organizationId })
      .andWhere(':role = ANY(m.roles)', { role })
      .getMany();
    return rows.map((m) => m.userId);
  }

  private title(plan: Plan): string {
    return `"${plan.summary.length > 120 ? `${plan.summary.slice(0, 117)}...` : plan.summary}"`;
  }

  private async scheduleConsultationDeadline(manager: EntityManager, done: TransitionDone): Promise<void> {
    const consultation = done.context.consultation!;
    await this.jobs.enqueue(manager, CONSULTATION_DEADLINE_JOB, { planId: done.plan.id, round: consultation.round }, { startAfter: new Date(consultation.deadline), key: `${done.plan.id}:${consultation.round}` });
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

  private async scheduleReminder(manager: EntityManager, done: TransitionDone): Promise<void> {
    const startAfter = new Date(this.clock.now().getTime() + this.config.reminderDays * DAY_MS);
    await this.jobs.enqueue(manager, WORKFLOW_REMINDER_JOB, { planId: done.plan.id, transition: done.transitions, level: 1 }, { startAfter, key: `${done.plan.id}:${done.transitions}:1` });
  }

  private async tellDrafter(manager: EntityManager, done: TransitionDone): Promise<void> {
    const { event, plan } = done;
    const title = this.title(plan);
    const notice =
      event.type === 'RETURN'
        ? { kind: 'returned' as const, message: `Kế hoạch ${title} bị trả lại: ${event.reason}` }
        : event.type === 'SIGN'
          ? { kind: 'signed' as const, message: `Kế hoạch ${title} đã được ký, chờ cấp số và ban hành` }
          : { kind: 'consultation_closed' as const, message: `Đợt xin ý kiến về dự thảo ${title} đã kết thúc (${planStateLabel(done.toState)}): hãy tiếp thu hoặc giải trình từng góp ý` };
    await this.inbox.notify(manager, { userIds: [done.context.drafterId], planId: plan.id, ...notice, dedupeKey: `plan:${plan.id}:transition:${done.transitions}` });
  }

  private async requestIssuance(manager: EntityManager, done: TransitionDone): Promise<void> {
    await this.jobs.enqueue(manager, PLAN_ISSUE_JOB, { planId: done.plan.id, signedSeq: done.auditSeq }, { key: `${done.plan.id}:${done.auditSeq}` });
  }
}
