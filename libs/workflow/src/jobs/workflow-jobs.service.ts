import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/identity';
import { InboxService } from '@app/inbox';
import { Clock, DAY_MS, JobsService } from '@app/jobs';
import { Plan } from '@app/plans';
import { Awaited, awaitedIn, PlanMachineContext, planStateOf } from '@workflows/index';
import { In } from 'typeorm';
import { PlanWorkflow } from '../entities/plan-workflow.entity';
import { WorkflowEffectsService } from '../services/workflow-effects.service';
import { WorkflowService } from '../services/workflow.service';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';
import { CONSULTATION_DEADLINE_JOB, ConsultationDeadlineJob, WORKFLOW_REMINDER_JOB, WorkflowReminderJob } from './workflow-jobs';

/** The workflow's own job handlers: consultation deadlines and reminders. Both are idempotent. */
/** What the plan waits for, as the reminder says it: "chờ bạn duyệt (bước ...)", "chờ bạn ký", "chờ bạn cấp số, ban hành". */
const WAITING_FOR: Record<Awaited, (context: PlanMachineContext) => string> = {
  stepHolders: (context) => `duyệt (bước "${context.chain[context.step]?.label}")`,
  signers: () => 'ký',
  clerks: () => 'cấp số, ban hành',
};

@Injectable()
export class WorkflowJobsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly workflow: WorkflowService,
    private readonly effects: WorkflowEffectsService,
    private readonly inbox: InboxService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(CONSULTATION_DEADLINE_JOB, (data) => this.deadline(data));
    await this.jobs.work(WORKFLOW_REMINDER_JOB, (data) => this.remind(data));
  }

  /** The round's deadline passed: close it (nothing to do when it closed already). */
  async deadline(data: ConsultationDeadlineJob): Promise<Record<string, unknown>> {
    try {
      const result = await this.workflow.applySystemEvent(data.planId, { type: 'DEADLINE', round: data.round });
      return { closed: true, auditSeq: result.auditSeq };
    } catch (error) {
      if (error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused) return { closed: false, skipped: error.message };
      throw error;
    }
  }

  /** Level 1: remind who the plan waits for; level 2 (twice as long): tell their superiors. Stale once the plan moved. */
  async remind(data: WorkflowReminderJob): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(Plan, { where: { id: data.planId }, lock: { mode: 'pessimistic_write' } });
      const row = plan && (await manager.findOne(PlanWorkflow, { where: { planId: plan.id } }));
      if (!plan || !row || row.transitions !== data.transition) return { skipped: 'the plan moved on' };
      const loaded = await this.workflow.load(manager, plan);
      const state = planStateOf(loaded.snapshot);
      const context = loaded.snapshot.context as PlanMachineContext;
      const awaited = awaitedIn(state, loaded.version);
      if (!awaited) return { skipped: `state ${state}` };
      const waiting = await this.effects.waitingOn(manager, plan, context, state, loaded.version);
      const what = WAITING_FOR[awaited](context);
      const days = this.config.reminderDays * data.level;
      const title = `"${plan.summary}"`;
      if (data.level === 1) {
        await this.inbox.notify(manager, {
          userIds: waiting,
          planId: plan.id,
          kind: 'reminder',
          message: `Nhắc việc: kế hoạch ${title} đã chờ bạn ${what} ${days} ngày`,
          dedupeKey: `plan:${plan.id}:reminder:${data.transition}:1`,
        });
        const startAfter = new Date(this.clock.now().getTime() + this.config.reminderDays * DAY_MS);
        await this.jobs.enqueue(manager, WORKFLOW_REMINDER_JOB, { ...data, level: 2 }, { startAfter, key: `${plan.id}:${data.transition}:2` });
        return { reminded: waiting };
      }
      const superiors = await this.effects.superiorsOf(manager, plan, state, waiting);
      const names = (await manager.find(User, { where: { id: In(waiting) }, select: { fullName: true } })).map((u) => u.fullName).join(', ');
      await this.inbox.notify(manager, {
        userIds: superiors,
        planId: plan.id,
        kind: 'escalation',
        message: `Kế hoạch ${title} đã chờ ${what} ${days} ngày${names ? ` (người phụ trách: ${names})` : ''}`,
        dedupeKey: `plan:${plan.id}:reminder:${data.transition}:2`,
      });
      return { escalatedTo: superiors };
    });
  }
}
