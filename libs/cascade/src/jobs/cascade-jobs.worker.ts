import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '@app/jobs';
import { PlanHandOversService } from '@app/workflow';
import { CascadeService } from '../services/cascade.service';
import { ChildDeadlinesService } from '../services/child-deadlines.service';
import { ChildPlansService } from '../services/child-plans.service';
import { CASCADE_JOBS, CREATE_CHILDREN_JOB, DUE_REMINDER_JOB, OVERDUE_CHECK_JOB } from './cascade.jobs';

/**
 * Defines the cascade's queues, takes the machine's `handOverToCascade` (ISSUED) as the job that
 * creates the child plans, and, where workers run, handles the jobs.
 */
@Injectable()
export class CascadeJobsWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly children: ChildPlansService,
    private readonly deadlines: ChildDeadlinesService,
    private readonly cascade: CascadeService,
    private readonly handOvers: PlanHandOversService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const definition of CASCADE_JOBS) await this.jobs.define(definition);
    this.handOvers.register('handOverToCascade', {
      queues: [CREATE_CHILDREN_JOB.queue],
      take: (manager, done) => this.cascade.planIssued(manager, done.plan),
    });
    await this.jobs.work(CREATE_CHILDREN_JOB, (data) => this.children.createChildren(data.parentPlanId));
    await this.jobs.work(DUE_REMINDER_JOB, (data) => this.deadlines.remind(data));
    await this.jobs.work(OVERDUE_CHECK_JOB, (data) => this.deadlines.checkOverdue(data));
  }
}
