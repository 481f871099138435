import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '@app/jobs';
import { PLAN_ISSUE_JOB } from '@app/workflow';
import { IssuanceService } from '../services/issuance.service';

/** Runs the workflow's `plan_issue` jobs (enqueued in the SIGN transaction) with the issuance. */
@Injectable()
export class IssuanceJobWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly issuance: IssuanceService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(PLAN_ISSUE_JOB, (data, job) => this.issuance.issue(data.planId, { finalAttempt: job.attempt > job.retryLimit }));
  }
}
