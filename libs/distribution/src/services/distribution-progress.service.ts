import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PlanStateEvents } from '../distribution.ports';

/**
 * Moves a plan along as its deliveries go: `issued` -> `distributing` when distribution starts,
 * -> `distributed` once every delivery has ended (delivered, acknowledged or dead).
 *
 * "Was that the last one?" is asked after the delivery's ending has committed, never inside its
 * transaction: then the last delivery to commit always sees all the others ended, and endings do
 * not queue behind one lock per plan. Two endings that both see "none open" both try; the plan row
 * lock and its state make the second a no-op. A crash between the commit and the question is
 * covered by the sweeper (`settleForgotten`).
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
      if ((await this.planEvents.lockState(manager, planId)) === 'issued') await this.planEvents.apply(manager, planId, 'DISTRIBUTION_STARTED');
    });
    await this.settle(planId);
  }

  /** After one of the plan's deliveries ended (committed): when none is open any more, the plan is distributed. */
  async settle(planId: string): Promise<void> {
    if (await this.hasOpenDeliveries(this.dataSource.manager, planId)) return;
    await this.dataSource.transaction(async (manager) => {
      const state = await this.planEvents.lockState(manager, planId);
      if (state !== 'issued' && state !== 'distributing') return;
      // Under the plan's lock: a resend may have reopened one meanwhile.
      if (await this.hasOpenDeliveries(manager, planId)) return;
      // The last delivery may end before the start job ran: start first, then end.
      if (state === 'issued') {
        await this.planEvents.apply(manager, planId, 'DISTRIBUTION_STARTED');
      }
      // The audit trail keeps how it ended: dead deliveries count as ended and are named.
      const [counts]: { total: number; delivered: number; acknowledged: number; dead: number }[] = await manager.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE status = 'acknowledged')::int AS acknowledged, count(*) FILTER (WHERE status = 'dead')::int AS dead
           FROM delivery WHERE plan_id = $1`,
        [planId],
      );
      await this.planEvents.apply(manager, planId, 'DISTRIBUTED', { deliveries: counts });
    });
  }

  /** The sweeper's part: plans whose deliveries have all ended but which were never moved on (a crash in between). */
  async settleForgotten(): Promise<number> {
    const plans: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM plan p
        WHERE p.state IN ('issued', 'distributing')
          AND EXISTS (SELECT 1 FROM delivery d WHERE d.plan_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.plan_id = p.id AND d.status IN ('queued', 'sent', 'failed'))`,
    );
    for (const plan of plans) await this.settle(plan.id);
    return plans.length;
  }

  private async hasOpenDeliveries(manager: EntityManager, planId: string): Promise<boolean> {
    // The statuses written out (OPEN_STATUSES) so that the partial index serves the probe.
    const open: unknown[] = await manager.query(`SELECT 1 FROM delivery WHERE plan_id = $1 AND status IN ('queued', 'sent', 'failed') LIMIT 1`, [
      planId,
    ]);
    return open.length > 0;
  }
}
