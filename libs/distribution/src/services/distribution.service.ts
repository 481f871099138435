import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Organization } from '@app/identity';
import type { Plan, PlanContent } from '@app/plans';
import { AppConfig } from '@app/config';
import { DistributionQueue } from '../distribution.ports';
import { emailEnabled } from '../mail-sink/demo-mail-sink.service';
import { planDeliveries, RecipientOrganization } from './delivery-planner';

/**
 * The entry point of distribution for an issued plan: `createDeliveries`, run by the create job
 * the ISSUED transaction enqueued, with the issued version's content.
 */
@Injectable()
export class DistributionService {
  constructor(
    private readonly queue: DistributionQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * One delivery per recipient line and channel, and their jobs, in the caller's transaction:
   * if it rolls back, nothing is sent. Idempotent: a line and channel already planned
   * for the plan is left as it is. Returns the ids of the deliveries created by this call.
   */
  async createDeliveries(
    manager: EntityManager,
    plan: Pick<Plan, 'id' | 'organizationId'>,
    content: Pick<PlanContent, 'recipients'>,
  ): Promise<string[]> {
    const organizationIds = [...new Set(content.recipients.map((line) => line.organizationId).filter((id): id is string => !!id))];
    const organizations = organizationIds.length ? await manager.getRepository(Organization).find({ where: { id: In(organizationIds) } }) : [];
    const known = new Map<string, RecipientOrganization>(
      organizations.map((org) => [org.id, { id: org.id, email: org.email, webhookUrl: org.webhookUrl }]),
    );
    const planned = planDeliveries(content.recipients, plan.organizationId, known, { email: emailEnabled(this.config) });
    let ids: string[] = [];
    if (planned.length) {
      // One statement for the whole list: a plan to a thousand recipients issues as fast as one to ten.
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO delivery (plan_id, recipient_id, recipient_name, channel, target, organization_id, status, next_attempt_at, row_version)
         SELECT $1, r.recipient_id, r.recipient_name, r.channel::delivery_channel, r.target, r.organization_id, 'queued', now(), 1
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS r(recipient_id, recipient_name, channel, target, organization_id)
         ON CONFLICT ON CONSTRAINT uq_delivery_plan_recipient_channel_purpose DO NOTHING
         RETURNING id`,
        [
          plan.id,
          planned.map((p) => p.recipientId),
          planned.map((p) => p.recipientName),
          planned.map((p) => p.channel),
          planned.map((p) => p.target),
          planned.map((p) => p.organizationId),
        ],
      );
      ids = rows.map((row) => row.id);
    }
    await this.queue.enqueueStart(manager, plan.id);
    if (ids.length) await this.queue.enqueueDeliveries(manager, plan.id, undefined, `${plan.id}:issued`);
    return ids;
  }
}
