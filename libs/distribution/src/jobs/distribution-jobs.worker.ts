import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobsService } from '@app/jobs';
import { Plan, PlanVersion } from '@app/plans';
import { PlanHandOversService } from '@app/workflow';
import { DistributionQueue } from '../distribution.ports';
import { DeliveryRunnerService } from '../services/delivery-runner.service';
import { DistributionProgressService } from '../services/distribution-progress.service';
import { DistributionService } from '../services/distribution.service';
import { DISTRIBUTION_CREATE_JOB, DISTRIBUTION_DELIVER_JOB, DISTRIBUTION_START_JOB } from './distribution-jobs';

/** A deliver run stops taking new batches after this long and hands over to a new job. */
export const RUN_BUDGET_MS = 60_000;

/**
 * Takes the machine's `handOverToDistribution` (ISSUED) as a create job, and runs distribution's
 * jobs: create (the deliveries of a plan just issued), start (the plan moves to `distributing`)
 * and deliver (the plan's due deliveries).
 */
@Injectable()
export class DistributionJobsWorker implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly dataSource: DataSource,
    private readonly queue: DistributionQueue,
    private readonly runner: DeliveryRunnerService,
    private readonly progress: DistributionProgressService,
    private readonly distribution: DistributionService,
    private readonly handOvers: PlanHandOversService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define(DISTRIBUTION_CREATE_JOB);
    this.handOvers.register('handOverToDistribution', {
      queues: [DISTRIBUTION_CREATE_JOB.queue],
      take: (manager, done) => this.jobs.enqueue(manager, DISTRIBUTION_CREATE_JOB, { planId: done.plan.id }, { key: done.plan.id }),
    });
    await this.jobs.work(DISTRIBUTION_CREATE_JOB, async ({ planId }) => {
      // The recipients of the version issued (the one submitted and signed).
      const created = await this.dataSource.transaction(async (manager) => {
        const plan = await manager.findOneByOrFail(Plan, { id: planId });
        const version = await manager.findOneByOrFail(PlanVersion, { planId, version: plan.submittedVersion ?? plan.currentVersion });
        return this.distribution.createDeliveries(manager, plan, version.content);
      });
      this.queue.wake();
      return { created: created.length };
    });
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
