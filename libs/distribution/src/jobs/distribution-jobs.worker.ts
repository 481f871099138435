import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobsService } from '@app/jobs';
import { DistributionQueue } from '../distribution.ports';
import { DeliveryRunnerService } from '../services/delivery-runner.service';
import { DistributionProgressService } from '../services/distribution-progress.service';
import { DISTRIBUTION_DELIVER_JOB, DISTRIBUTION_START_JOB } from './distribution-jobs';

/** A deliver run stops taking new batches after this long and hands over to a new job. */
export const RUN_BUDGET_MS = 60_000;

/** Runs distribution's jobs: start (the plan moves to `distributing`) and deliver (the plan's due deliveries). */
@Injectable()
export class DistributionJobsWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly dataSource: DataSource,
    private readonly queue: DistributionQueue,
    private readonly runner: DeliveryRunnerService,
    private readonly progress: DistributionProgressService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(DISTRIBUTION_START_JOB, async ({ planId }) => {
      await this.progress.start(planId);
      return { started: planId };
    });
    await this.jobs.work(DISTRIBUTION_DELIVER_JOB, async ({ planId }, job) => {
      const { attempted, more } = await this.runner.attemptDue(planId, RUN_BUDGET_MS);
      if (more) {
        // Keyed by this job: a re-run of it hands over once.
        await this.dataSource.transaction((manager) => this.queue.enqueueDeliveries(manager, planId, undefined, `${planId}:after:${job.id}`));
        this.queue.wake();
      }
      return { attempted, more };
    });
  }
}
