import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DistributionEvent, PlanStateEvents } from '../distribution.ports';

const TARGET: Record<DistributionEvent, { from: string; to: string }> = {
  DISTRIBUTION_STARTED: { from: 'issued', to: 'distributing' },
  DISTRIBUTED: { from: 'distributing', to: 'distributed' },
};

/**
 * Interim: moves `plan.state` itself, along the plan machine's own transitions
 * (issued -> distributing -> distributed). Replaced by the workflow's service, which also saves
 * the snapshot and the audit row, as soon as the workflow domain provides it.
 */
@Injectable()
export class PlanRowStateEvents extends PlanStateEvents {
  async lockState(manager: EntityManager, planId: string): Promise<string> {
    const [row]: { state: string }[] = await manager.query(`SELECT state FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
    return row?.state ?? '';
  }

  async apply(manager: EntityManager, planId: string, event: DistributionEvent): Promise<void> {
    const { from, to } = TARGET[event];
    await manager.query(`UPDATE plan SET state = $3, updated_at = now(), row_version = row_version + 1 WHERE id = $1 AND state = $2`, [planId, from, to]);
  }
}
