import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, JobsService } from '@app/jobs';
import { DistributionQueue } from '../distribution.ports';
import { DISTRIBUTION_DELIVER_JOB, DISTRIBUTION_START_JOB } from '../jobs/distribution-jobs';

/** Distribution's jobs on the shared durable queue (pg-boss), written in the caller's transaction. */
@Injectable()
export class JobsDistributionQueue extends DistributionQueue implements OnModuleInit {
  readonly runsJobs = true;

  constructor(
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.define(DISTRIBUTION_START_JOB);
    await this.jobs.define(DISTRIBUTION_DELIVER_JOB);
  }

  async enqueueStart(manager: EntityManager, planId: string): Promise<void> {
    await this.jobs.enqueue(manager, DISTRIBUTION_START_JOB, { planId }, { key: planId });
  }

  async enqueueDeliveries(manager: EntityManager, planId: string, startAfter?: Date, key?: string): Promise<void> {
    // Delivery times come from the database's clock; the queue takes the application's (which tests may move).
    const appTime = startAfter && new Date(startAfter.getTime() + this.clock.offset);
    await this.jobs.enqueue(manager, DISTRIBUTION_DELIVER_JOB, { planId }, { startAfter: appTime, key });
  }

  /** Wakes this process's distribution workers (after a transaction that enqueued committed). */
  wake(): void {
    this.jobs.wake([DISTRIBUTION_START_JOB.queue, DISTRIBUTION_DELIVER_JOB.queue]);
  }
}
