import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ENDED_STATUSES } from '../delivery-states';
import { PlanStateEvents } from '../distribution.ports';

/**
 * Moves a plan along as its deliveries go: `issued` -> `distributing` when distribution starts,
 * -> `distributed` once every delivery has ended (delivered, acknowledged or dead).
 */
@Injectable()
export class DistributionProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planEvents: PlanStateEvents,
  ) {}

  /** The start job: the plan is now distributing (and at once distributed if it has nothing to send). */
  async start(planId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockDistribution(manager, planId);
      if ((await this.planEvents.lockState(manager, planId)) === 'issued') await this.planEvents.apply(manager, planId, 'DISTRIBUTION_STARTED');
      await this.settleLocked(manager, planId);
    });
  }

  /** In the transaction that ended one of the plan's deliveries: when it was the last, the plan is distributed. */
  async settle(manager: EntityManager, planId: string): Promise<void> {
    await this.lockDistribution(manager, planId);
    await this.settleLocked(manager, planId);
  }

  private async settleLocked(manager: EntityManager, planId: string): Promise<void> {
    const [{ open }]: { open: number }[] = await manager.query(
      `SELECT count(*)::int AS open FROM delivery WHERE plan_id = $1 AND status <> ALL($2::delivery_status[])`,
      [planId, ENDED_STATUSES],
    );
    if (open > 0) return;
    let state = await this.planEvents.lockState(manager, planId);
    // The last delivery may end before the start job ran: start first, then end.
    if (state === 'issued') {
      await this.planEvents.apply(manager, planId, 'DISTRIBUTION_STARTED');
      state = 'distributing';
    }
    if (state === 'distributing') await this.planEvents.apply(manager, planId, 'DISTRIBUTED');
  }

  /**
   * Serializes the "was it the last one?" check per plan: two deliveries ending at once would
   * otherwise each see the other still open, and nobody would end the distribution.
   */
  private async lockDistribution(manager: EntityManager, planId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kehoach:distribution:${planId}`]);
  }
}
