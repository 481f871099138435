import type { EntityManager } from 'typeorm';

/**
 * What distribution needs from the domains around it, named here so that the module states
 * its needs in one place; distribution.module.ts binds each to the service that provides it.
 */

/** The issued PDF bytes by their SHA-256 (the rendering domain's store). */
export abstract class IssuedPdfReader {
  abstract read(sha256: string): Promise<Buffer>;
}

export type DistributionEvent = 'DISTRIBUTION_STARTED' | 'DISTRIBUTED';

/** The plan's workflow: where a plan stands, and the system events of distribution. */
export abstract class PlanStateEvents {
  /** The plan's state, its row locked until the transaction ends. */
  abstract lockState(manager: EntityManager, planId: string): Promise<string>;
  abstract apply(manager: EntityManager, planId: string, event: DistributionEvent): Promise<void>;
}

/** The durable job queue: jobs written in the caller's transaction. */
export abstract class DistributionQueue {
  /**
   * False when no job queue runs the deliveries: the delivery rows (written in the same
   * transaction) are then the queue, and the sweeper attempts them as soon as they are due.
   */
  abstract readonly runsJobs: boolean;
  abstract enqueueStart(manager: EntityManager, planId: string): Promise<void>;
  abstract enqueueDeliveries(manager: EntityManager, deliveryIds: string[], startAfter?: Date): Promise<void>;
}
