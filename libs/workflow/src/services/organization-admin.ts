import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '@app/common';

/** The organization and every organization above it, nearest first. */
export async function ancestry(manager: EntityManager, organizationId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM organization WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organization o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
     SELECT id FROM up ORDER BY depth`,
    [organizationId],
  );
  return rows.map((r) => r.id);
}

/** An administrator of the organization or of one above it. */
export async function administers(manager: EntityManager, actor: Actor, organizationId: string): Promise<boolean> {
  if (!hasRole(actor, 'admin')) return false;
  return (await ancestry(manager, organizationId)).some((id) => hasRole(actor, 'admin', id));
}
