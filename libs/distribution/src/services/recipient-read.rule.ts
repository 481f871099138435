import type { PlanReadRule } from '@app/plans';

/**
 * An organization a plan was sent to (any channel reaching an organization of this system,
 * from the moment the plan is issued) reads the issued version and its public facts: not the
 * drafts, comments, return reasons or history.
 */
export const recipientsMayRead: PlanReadRule = async (actor, plan, manager) => {
  const mine = [...new Set(actor.memberships.map((m) => m.organizationId))];
  if (!mine.length) return null;
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM delivery WHERE plan_id = $1 AND organization_id = ANY($2::uuid[]) AND channel <> 'archive' LIMIT 1`,
    [plan.id, mine],
  );
  return rows.length ? { whole: false, versions: [plan.submittedVersion ?? plan.currentVersion] } : null;
};
