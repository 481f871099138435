import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIsoDate } from '@app/common';
import { AppConfig } from '@app/config';
import { InboxService } from '@app/inbox';
import { Clock, JobsService } from '@app/jobs';
import { documentTypeName } from '@app/plans';
import { ChildDeadlineJob, DUE_REMINDER_JOB, OVERDUE_CHECK_JOB } from '../jobs/cascade.jobs';
import { addDays, citedDocumentDate } from '../prefill/cascade-dates';
import { cascadeNoticeKey, NOTICE_ROLES } from './cascade-notices';
import { CANCELLED_STATES, ISSUED_STATES } from '@workflows/index';

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

interface PendingChild {
  id: string;
  organization_id: string;
  summary: string;
  organization_name: string;
  parent_organization_id: string;
  parent_number_symbol: string | null;
  parent_document_type: string;
}

/**
 * The deadlines of child plans, as scheduled jobs of the durable queue (never timers in memory):
 * a reminder to the children's drafters and signers some days before their due date, and a
 * check at its end that tells the parent organization which of them are still not issued.
 * One pair of jobs per parent and due date; each job reads the plans when it runs, so a child
 * issued (or cancelled) meanwhile is left alone.
 */
@Injectable()
export class ChildDeadlinesService {
  private readonly logger = new Logger('Cascade');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly inbox: InboxService,
  ) {}

  /** Schedules the deadline jobs of new children in the caller's transaction (idempotent per parent and due date). */
  async schedule(manager: EntityManager, parentPlanId: string, dueDates: string[]): Promise<void> {
    const now = this.clock.now().getTime();
    const days = this.config.childPlanReminderDays;
    for (const dueDate of [...new Set(dueDates)]) {
      const data: ChildDeadlineJob = { parentPlanId, dueDate };
      const key = `${parentPlanId}:${dueDate}`;
      const remindAt = reminderInstant(dueDate, days);
      // A due date closer than the reminder lead needs no reminder: the first notice gave the date.
      if (days > 0 && remindAt.getTime() > now) await this.jobs.enqueue(manager, DUE_REMINDER_JOB, data, { startAfter: remindAt, key });
      await this.jobs.enqueue(manager, OVERDUE_CHECK_JOB, data, { startAfter: overdueInstant(dueDate), key });
    }
  }

  /** Reminds the drafters and signers of the children still pending; returns the number of notices written. */
  async remind(job: ChildDeadlineJob): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const pending = await this.pending(manager, job);
      const left = Math.round((Date.parse(job.dueDate) - Date.parse(this.clock.today())) / 86_400_000);
      const due = citedDocumentDate(parseIsoDate(job.dueDate));
      return this.inbox.notifyMembers(
        manager,
        pending.map((child) => ({
          kind: 'due_reminder' as const,
          organizationId: child.organization_id,
          roles: NOTICE_ROLES.due_reminder,
          planId: child.id,
          dueDate: job.dueDate,
          dedupeKey: cascadeNoticeKey('due_reminder', child.id, job.dueDate),
          message: `Kế hoạch "${child.summary}" phải ban hành trước ngày ${due}${left > 0 ? ` (còn ${left} ngày)` : ''}.`,
        })),
      );
    });
  }

  /**
   * Tells the parent organization, once per child, which children are overdue. Run before the
   * due date has passed on the application's clock (a job run early), it does nothing: the check
   * is by the clock, not by when the queue ran it.
   */
  async checkOverdue(job: ChildDeadlineJob): Promise<number> {
    if (this.clock.today() <= job.dueDate) return 0;
    return this.dataSource.transaction(async (manager) => {
      const pending = await this.pending(manager, job, true);
      if (!pending.length) return 0;
      const due = citedDocumentDate(parseIsoDate(job.dueDate));
      const told = await this.inbox.notifyMembers(
        manager,
        pending.map((child) => ({
          kind: 'overdue' as const,
          organizationId: child.parent_organization_id,
          roles: NOTICE_ROLES.overdue,
          planId: child.id,
          dueDate: job.dueDate,
          dedupeKey: cascadeNoticeKey('overdue', child.id, job.dueDate),
          message: `${child.organization_name} chưa ban hành kế hoạch thực hiện ${documentTypeName(child.parent_document_type)} số ${child.parent_number_symbol ?? ''}: đã quá hạn ngày ${due}.`,
        })),
      );
      await manager.query(`UPDATE child_plan SET overdue_notified_at = $2 WHERE plan_id = ANY ($1::uuid[])`, [
        pending.map((c) => c.id),
        this.clock.now(),
      ]);
      this.logger.log({
        parentPlanId: job.parentPlanId,
        dueDate: job.dueDate,
        overdue: pending.length,
        told,
        message: 'cascade: child plans overdue, parent organization notified',
      });
      return told;
    });
  }

  /**
   * The children of the job's parent due that day and still to be issued (not yet reported overdue,
   * for the overdue check). No lock: two runs at once write each notice once (unique per kind,
   * person, plan and due date).
   */
  private async pending(manager: EntityManager, job: ChildDeadlineJob, notYetReported = false): Promise<PendingChild[]> {
    return manager.query(
      `SELECT p.id, p.organization_id, p.summary, o.full_name AS organization_name, parent.organization_id AS parent_organization_id, parent.number_symbol AS parent_number_symbol, parent.document_type AS parent_document_type
       FROM plan p
       JOIN plan parent ON parent.id = p.parent_plan_id
       JOIN organization o ON o.id = p.organization_id
       LEFT JOIN child_plan c ON c.plan_id = p.id
       WHERE p.parent_plan_id = $1 AND p.due_date = $2 AND p.state <> ALL ($3::text[])
         AND ($4::boolean IS FALSE OR c.overdue_notified_at IS NULL)
       ORDER BY p.id`,
      [job.parentPlanId, job.dueDate, [...ISSUED_STATES, ...CANCELLED_STATES], notYetReported],
    );
  }
}
