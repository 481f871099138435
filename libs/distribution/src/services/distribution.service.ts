import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Organization } from '@app/identity';
import type { Plan, PlanContent } from '@app/plans';
import { DistributionQueue } from '../distribution.ports';
import { Delivery } from '../entities/delivery.entity';
import { planDeliveries, RecipientOrganization } from './delivery-planner';

/**
 * The entry point of distribution for the issuance: call `createDeliveries` inside the
 * transaction that applies ISSUED, with the issued version's content.
 */
@Injectable()
export class DistributionService {
  constructor(private readonly queue: DistributionQueue) {}

  /**
   * One delivery per recipient line and channel, and their jobs, in the caller's transaction:
   * if the issuance rolls back, nothing is sent. Idempotent: a line and channel already planned
   * for the plan is left as it is. Returns the deliveries created by this call.
   */
  async createDeliveries(manager: EntityManager, plan: Pick<Plan, 'id' | 'organizationId'>, content: Pick<PlanContent, 'recipients'>): Promise<Delivery[]> {
    const organizationIds = [...new Set(content.recipients.map((line) => line.organizationId).filter((id): id is string => !!id))];
    const organizations = organizationIds.length ? await manager.getRepository(Organization).find({ where: { id: In(organizationIds) } }) : [];
    const known = new Map<string, RecipientOrganization>(organizations.map((org) => [org.id, { id: org.id, email: org.email, webhookUrl: org.webhookUrl }]));
    const planned = planDeliveries(content.recipients, plan.organizationId, known);
    const now = new Date();
    let created: Delivery[] = [];
    if (planned.length) {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Delivery)
        .values(planned.map((p) => ({ ...p, planId: plan.id, status: 'queued' as const, nextAttemptAt: now })))
        .orIgnore()
        .returning('id')
        .execute();
      const ids = (result.raw as { id: string }[]).map((row) => row.id);
      if (ids.length) created = await manager.getRepository(Delivery).find({ where: { id: In(ids) } });
    }
    await this.queue.enqueueStart(manager, plan.id);
    if (created.length) await this.queue.enqueueDeliveries(manager, created.map((d) => d.id));
    return created;
  }
}
