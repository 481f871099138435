import { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { type Plan, type PlanReading, WHOLE_PLAN } from '@app/plans';

/**
 * A plan of the cascade is read by the members of the organizations that issued the plans above
 * it (parent, grandparent...): they follow its drafting, its state and its reports.
 */
export async function ancestorsMayRead(actor: Actor, plan: Plan, manager: EntityManager): Promise<PlanReading | null> {
  if (!plan.parentPlanId || !actor.memberships.length) return null;
  const rows: { organization_id: string }[] = await manager.query(
    `WITH RECURSIVE up(id, parent_plan_id, organization_id, n) AS (
       SELECT id, parent_plan_id, organization_id, 1 FROM plan WHERE id = $1
       UNION ALL SELECT p.id, p.parent_plan_id, p.organization_id, up.n + 1 FROM plan p JOIN up ON p.id = up.parent_plan_id WHERE up.n < 1000)
     SELECT organization_id FROM up`,
    [plan.parentPlanId],
  );
  const mine = new Set(actor.memberships.map((m) => m.organizationId));
  return rows.some((r) => mine.has(r.organization_id)) ? WHOLE_PLAN : null;
}
