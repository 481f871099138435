import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, JobsService } from '@app/jobs';
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
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    // The queue exists from the start, so SIGN can enqueue even where no worker runs.
    await this.jobs.define(PLAN_ISSUE_JOB);
    this.handOvers.register('requestIssuance', {
      queues: [PLAN_ISSUE_JOB.queue],
      take: (manager, done) => {
        const desk =
          done.event.type === 'ISSUE'
            ? { issuedAt: this.clock.now().toISOString(), ...(done.event.registerId ? { registerId: done.event.registerId } : {}) }
            : {};
        return this.jobs.enqueue(
          manager,
          PLAN_ISSUE_JOB,
          { planId: done.plan.id, signedSeq: done.auditSeq, ...desk },
          { key: `${done.plan.id}:${done.auditSeq}` },
        );
      },
    });
    await this.jobs.work(PLAN_ISSUE_JOB, (data, job) =>
      this.issuance.issue(data.planId, {
        finalAttempt: job.attempt > job.retryLimit,
        registerId: data.registerId,
        issuedAt: data.issuedAt ? new Date(data.issuedAt) : undefined,
      }),
    );
  }
}
