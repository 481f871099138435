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
  /** Applies the event in the caller's transaction; `data` goes into the audit trail with it. */
  abstract apply(manager: EntityManager, planId: string, event: DistributionEvent, data?: Record<string, unknown>): Promise<void>;
}

/** The durable job queue: jobs written in the caller's transaction. */
export abstract class DistributionQueue {
  abstract enqueueStart(manager: EntityManager, planId: string): Promise<void>;
  /**
   * A run over the plan's due deliveries, now or at `startAfter` (a time of the database's
   * clock, as deliveries record it). `key` makes it idempotent: a second enqueue with the same
   * key writes nothing.
   */
  abstract enqueueDeliveries(manager: EntityManager, planId: string, startAfter?: Date, key?: string): Promise<void>;
  /** Wakes this process's workers after a transaction that enqueued has committed. */
  abstract wake(): void;
}
