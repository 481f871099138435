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
    .where('d.planId IN (:...planIds)', { planIds })
    .groupBy('d.planId')
    .getRawMany();
  return new Map(
    rows.map((r) => [r.plan_id, { firstSentAt: r.first_sent_at, total: r.total, delivered: r.delivered, acknowledged: r.acknowledged }]),
  );
}
