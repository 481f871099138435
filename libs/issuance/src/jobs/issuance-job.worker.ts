import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '@app/jobs';
import { PlanHandOversService } from '@app/workflow';
import { IssuanceService } from '../services/issuance.service';
import { PLAN_ISSUE_JOB } from './issuance.jobs';

/** Takes the machine's `requestIssuance` (SIGN) as a `plan_issue` job in the same transaction, and runs those jobs. */
@Injectable()
export class IssuanceJobWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly handOvers: PlanHandOversService,
    private readonly issuance: IssuanceService,
  ) {}

  async onModuleInit(): Promise<void> {
    // The queue exists from the start, so SIGN can enqueue even where no worker runs.
    await this.jobs.define(PLAN_ISSUE_JOB);
    this.handOvers.register('requestIssuance', {
      queues: [PLAN_ISSUE_JOB.queue],
      take: (manager, done) =>
        this.jobs.enqueue(manager, PLAN_ISSUE_JOB, { planId: done.plan.id, signedSeq: done.auditSeq }, { key: `${done.plan.id}:${done.auditSeq}` }),
    });
    await this.jobs.work(PLAN_ISSUE_JOB, (data, job) => this.issuance.issue(data.planId, { finalAttempt: job.attempt > job.retryLimit }));
  }
}
