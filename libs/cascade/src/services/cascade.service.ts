import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobsService } from '@app/jobs';
import type { Plan } from '@app/plans';
import { CREATE_CHILDREN_JOB } from '../jobs/cascade.jobs';

/**
 * The entry point of the cascade for an issued plan: `planIssued` runs inside the transaction that
 * applies ISSUED (the taker of the machine's `handOverToCascade`). It only writes the job that creates
 * the child plans, so the issuance never waits for them and a rollback leaves no trace.
 */
@Injectable()
export class CascadeService {
  constructor(private readonly jobs: JobsService) {}

  /** Enqueues the creation of the plan's children; idempotent (one job per plan, whatever the calls). */
  async planIssued(manager: EntityManager, plan: Pick<Plan, 'id'>): Promise<void> {
    await this.jobs.enqueue(manager, CREATE_CHILDREN_JOB, { parentPlanId: plan.id }, { key: plan.id });
  }
}
