import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlanHandOversService } from '@app/workflow';
import { DISTRIBUTION_DELIVER_JOB } from '../jobs/distribution-jobs';
import { DistributionQueue } from '../distribution.ports';

/**
 * Takes the machine's `tellRecipientsOfRevocation` (REVOKE): in the revocation's own
 * transaction, one `revocation` delivery for every delivery that brought the plan to a
 * recipient (same line, same channel, same target), and the job that sends them. They then go
 * like the plan did: claimed, attempted, retried, swept after a crash, once per line and
 * channel by the unique (plan, line, channel, purpose). A line the plan never reached (dead,
 * paper, the archive) has nothing to withdraw.
 */
@Injectable()
export class RevocationNoticesService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly queue: DistributionQueue,
  ) {}

  onModuleInit(): void {
    this.handOvers.register('tellRecipientsOfRevocation', {
      queues: [DISTRIBUTION_DELIVER_JOB.queue],
      take: (manager, done) => this.createNotices(manager, done.plan.id),
    });
  }

  /** Returns how many notices were planned (none more on a repeat). */
  async createNotices(manager: EntityManager, planId: string): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO delivery (plan_id, recipient_id, recipient_name, channel, purpose, target, organization_id, status, next_attempt_at, row_version)
       SELECT plan_id, recipient_id, recipient_name, channel, 'revocation', target, organization_id, 'queued', now(), 1
         FROM delivery
        WHERE plan_id = $1 AND purpose = 'issue' AND channel <> 'archive' AND status IN ('delivered', 'acknowledged')
       ON CONFLICT ON CONSTRAINT uq_delivery_plan_recipient_channel_purpose DO NOTHING
       RETURNING id`,
      [planId],
    );
    if (rows.length) await this.queue.enqueueDeliveries(manager, planId, undefined, `${planId}:revoked`);
    return rows.length;
  }
}
