import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIsoDate } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { Plan } from '@app/plans';
import { ChildPlan } from '../entities/child-plan.entity';
import { addDays, citedDocumentDate } from '../prefill/cascade-dates';
import { Clock, JobsService } from '@app/jobs';
import { vietnamToday } from './cascade-clock';
import { ChildDeadlineJob, DUE_REMINDER_JOB, OVERDUE_CHECK_JOB } from '../jobs/cascade.jobs';
import { CascadeNoticesService, NOTICE_ROLES } from './cascade-notices.service';
import { CANCELLED_STATES, ISSUED_STATES } from './cascade-tree.query';

/** 08:00 in Vietnam (01:00 UTC) of an ISO date: reminders arrive at the start of a working day. */
export function reminderInstant(dueDate: string, daysBefore: number): Date {
  const d = parseIsoDate(addDays(dueDate, -daysBefore));
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 1, 0, 0));
}

/** Midnight in Vietnam at the end of the due date (17:00 UTC that day): from then on the child is overdue. */
export function overdueInstant(dueDate: string): Date {
  const d = parseIsoDate(dueDate);
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 17, 0, 0));
}

/**
 * The deadlines of child plans, as scheduled jobs of the durable queue (never timers in memory):
 * a reminder to the child's drafters and signer some days before the due date, and a check the
 * day after it that tells the parent organization when the child is still not issued. Each job
 * reads the plan when it runs: a child issued meanwhile, or given another due date, is left alone.
 */
@Injectable()
export class ChildDeadlinesService {
  private readonly logger = new Logger('Cascade');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly notices: CascadeNoticesService,
  ) {}

  /** Schedules the deadline jobs of new children in the caller's transaction. */
  async schedule(manager: EntityManager, children: Pick<ChildPlan, 'planId' | 'dueDate'>[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const child of children) {
      const data: ChildDeadlineJob = { planId: child.planId, dueDate: child.dueDate };
      const days = this.config.childPlanReminderDays;
      const remindAt = reminderInstant(child.dueDate, days);
      // A due date closer than the reminder lead needs no reminder: the first notice gave the date.
      if (days > 0 && remindAt.getTime() > now) {
        await this.jobs.enqueue(manager, DUE_REMINDER_JOB, data, { startAfter: remindAt, key: `${child.planId}:${child.dueDate}` });
      }
      await this.jobs.enqueue(manager, OVERDUE_CHECK_JOB, data, { startAfter: overdueInstant(child.dueDate), key: `${child.planId}:${child.dueDate}` });
    }
  }

  /** Reminds the child's drafters and signer; returns the number of people told. */
  async remind(job: ChildDeadlineJob): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.pending(manager, job);
      if (!plan) return 0;
      const today = vietnamToday(this.clock);
      const left = Math.round((Date.parse(job.dueDate) - Date.parse(today)) / 86_400_000);
      return this.notices.notify(manager, [
        {
          kind: 'due_reminder',
          organizationId: plan.organizationId,
          roles: NOTICE_ROLES.due_reminder,
          planId: plan.id,
          dueDate: job.dueDate,
          message: `Kế hoạch "${plan.summary}" phải ban hành trước ngày ${citedDocumentDate(parseIsoDate(job.dueDate))}${left > 0 ? ` (còn ${left} ngày)` : ''}.`,
        },
      ]);
    });
  }

  /**
   * Tells the parent organization that a child is overdue, once. Run before the due date has
   * passed on the application's clock (a clock moved back, a job fired early), it does nothing:
   * the check is by the clock, not by when the queue ran it.
   */
  async checkOverdue(job: ChildDeadlineJob): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.pending(manager, job);
      if (!plan || vietnamToday(this.clock) <= job.dueDate || !plan.parentPlanId) return 0;
      const link = await manager.findOne(ChildPlan, { where: { planId: plan.id }, lock: { mode: 'pessimistic_write' } });
      if (link?.overdueNotifiedAt) return 0;
      const parent = await manager.findOneOrFail(Plan, { where: { id: plan.parentPlanId } });
      const org = await manager.findOneOrFail(Organization, { where: { id: plan.organizationId } });
      const told = await this.notices.notify(manager, [
        {
          kind: 'overdue',
          organizationId: parent.organizationId,
          roles: NOTICE_ROLES.overdue,
          planId: plan.id,
          dueDate: job.dueDate,
          message: `${org.fullName} chưa ban hành kế hoạch thực hiện Kế hoạch số ${parent.numberSymbol ?? ''}: đã quá hạn ngày ${citedDocumentDate(parseIsoDate(job.dueDate))}.`,
        },
      ]);
      if (link) await manager.update(ChildPlan, { planId: plan.id }, { overdueNotifiedAt: this.clock.now() });
      this.logger.log({ planId: plan.id, dueDate: job.dueDate, told, message: 'cascade: child plan overdue, parent organization notified' });
      return told;
    });
  }

  /** The child when it is still to be issued by this very due date. */
  private async pending(manager: EntityManager, job: ChildDeadlineJob): Promise<Plan | null> {
    const plan = await manager.findOne(Plan, { where: { id: job.planId } });
    if (!plan || plan.dueDate !== job.dueDate) return null;
    if (ISSUED_STATES.includes(plan.state) || CANCELLED_STATES.includes(plan.state)) return null;
    return plan;
  }
}
