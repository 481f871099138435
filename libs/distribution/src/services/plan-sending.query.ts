import { EntityManager } from 'typeorm';
import type { PlanSending } from '@app/numbering';
import { Delivery } from '../entities/delivery.entity';

/** Ngày chuyển and ký nhận of each plan, from its deliveries: what the outgoing register shows. */
export async function planSending(manager: EntityManager, planIds: string[]): Promise<Map<string, PlanSending>> {
  const rows: { plan_id: string; first_sent_at: Date | null; total: number; delivered: number; acknowledged: number }[] = await manager
    .createQueryBuilder(Delivery, 'd')
    .select('d.planId', 'plan_id')
    .addSelect('MIN(d.sentAt)', 'first_sent_at')
    .addSelect('COUNT(*)::int', 'total')
    .addSelect('COUNT(d.deliveredAt)::int', 'delivered')
    .addSelect('COUNT(d.acknowledgedAt)::int', 'acknowledged')
    // One array joined, not a list of thousands of parameters (a busy organization's year is
    // 5,000 plans): the planner estimated each one, and probed them no better.
    .where('d.planId IN (SELECT unnest(CAST(:planIds AS uuid[])))', { planIds })
    .groupBy('d.planId')
    .getRawMany();
  return new Map(
    rows.map((r) => [r.plan_id, { firstSentAt: r.first_sent_at, total: r.total, delivered: r.delivered, acknowledged: r.acknowledged }]),
  );
}
