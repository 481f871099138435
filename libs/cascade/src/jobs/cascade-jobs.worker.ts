import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '@app/jobs';
import { ChildDeadlinesService } from '../services/child-deadlines.service';
import { ChildPlansService } from '../services/child-plans.service';
import { CASCADE_JOBS, CREATE_CHILDREN_JOB, DUE_REMINDER_JOB, OVERDUE_CHECK_JOB } from './cascade.jobs';

/** Defines the cascade's queues and, where workers run, handles their jobs. */
@Injectable()
export class CascadeJobsWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly children: ChildPlansService,
    private readonly deadlines: ChildDeadlinesService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const definition of CASCADE_JOBS) await this.jobs.define(definition);
    await this.jobs.work(CREATE_CHILDREN_JOB, (data) => this.children.createChildren(data.parentPlanId));
    await this.jobs.work(DUE_REMINDER_JOB, (data) => this.deadlines.remind(data));
    await this.jobs.work(OVERDUE_CHECK_JOB, (data) => this.deadlines.checkOverdue(data));
  }
}
