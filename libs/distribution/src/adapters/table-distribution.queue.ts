import { Injectable } from '@nestjs/common';
import { DistributionQueue } from '../distribution.ports';

/**
 * The deliveries table as its own queue: a delivery row written with the issuing transaction is
 * already a durable job (status queued, next_attempt_at), and the sweeper attempts what is due.
 * Used while no shared job queue is wired (see distribution.module.ts).
 */
@Injectable()
export class TableDistributionQueue extends DistributionQueue {
  readonly runsJobs = false;

  async enqueueStart(): Promise<void> {
    // The plan moves to distributing and distributed when its last delivery ends (DistributionProgressService.settle).
  }

  async enqueueDeliveries(): Promise<void> {
    // The rows themselves are the jobs.
  }
}
