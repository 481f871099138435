import { EntityManager } from 'typeorm';
import { auditStreamLockKey, AuditStreamHead, streamOf } from '@app/audit';
import { entityFromRow, preparedQuery, selectedColumns } from '@app/db';
import { Plan } from '@app/plans';
import { PlanWorkflow } from '../entities/plan-workflow.entity';

// The statements of a transition's hot path as raw SQL (docs/workflow.md, "Where a transition's
// time goes"): one to lock the plan, one to read everything else the transition needs under that
// lock, one each to write the plan, its snapshot and the Idempotency-Key's answer.

/** What a transition reads under the plan lock, in one statement. */
export interface LockedRead {
  workflow: Pick<PlanWorkflow, 'machineVersion' | 'snapshot' | 'transitions'> | null;
  /** The first request sent with this Idempotency-Key, if any. */
  prior: { planId: string; requestSha256: string; response: Record<string, unknown> } | null;
  /** The plan's audit stream's last row, read once its append lock was ours (the audit append checks it still is). */
  auditHead: AuditStreamHead | null;
  /** SHA-256 of the plan's current and submitted content versions, by version. */
  contentSha256: Map<number, string | null>;
  /** The sender's facts no transition changes: they wrote a version; the organization relaxes separation of duties. */
  sender: { authoredContent: boolean; dutiesRelaxed: boolean };
}

/** The plan row, locked until the transaction ends (FOR UPDATE, as `findOne` with `pessimistic_write`); null: no such plan. */
export async function lockPlan(manager: EntityManager, planId: string): Promise<Plan | null> {
  const [row] = await preparedQuery(manager, `SELECT ${selectedColumns(manager, Plan, 'p')} FROM plan p WHERE p.id = $1 FOR UPDATE`, [planId]);
  return row ? entityFromRow(manager, Plan, row) : null;
}

/**
 * Everything else, after `lockPlan` (so it reads what the plan's last writer committed): the
 * snapshot, the Idempotency-Key, the audit stream's head (taking the stream's append lock), the
 * content hashes and the sender's standing facts.
 */
export async function readLocked(manager: EntityManager, plan: Plan, actorId: string, idempotencyKey: string | undefined): Promise<LockedRead> {
  const stream = streamOf({ planId: plan.id });
  const [row] = await preparedQuery<{
    machine_version: string | null;
    snapshot: Record<string, unknown> | null;
    transitions: number | null;
    key_plan_id: string | null;
    key_request_sha256: string | null;
    key_response: Record<string, unknown> | null;
    audit_seq: number | null;
    audit_hash: string | null;
    current_sha256: string | null;
    submitted_sha256: string | null;
    authored_content: boolean;
    duties_relaxed: boolean | null;
  }>(
    manager,
    `SELECT pg_advisory_xact_lock(hashtext($4)) AS stream_locked,
            w.machine_version, w.snapshot, w.transitions,
            k.plan_id AS key_plan_id, k.request_sha256 AS key_request_sha256, k.response AS key_response,
            a.seq AS audit_seq, a.hash AS audit_hash,
            (SELECT content_sha256 FROM plan_version WHERE plan_id = $1 AND version = $6::int) AS current_sha256,
            (SELECT content_sha256 FROM plan_version WHERE plan_id = $1 AND version = $7::int) AS submitted_sha256,
            EXISTS (SELECT 1 FROM plan_version WHERE plan_id = $1 AND author_id = $2) AS authored_content,
            (SELECT relaxed_separation_of_duties FROM organization WHERE id = $8) AS duties_relaxed
       FROM (SELECT 1) AS one
       LEFT JOIN plan_workflow w ON w.plan_id = $1
       LEFT JOIN idempotency_key k ON k.actor_id = $2 AND k.key = $3
       LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event WHERE stream = $5 ORDER BY seq DESC LIMIT 1) a ON TRUE`,
    [plan.id, actorId, idempotencyKey ?? null, auditStreamLockKey(stream), stream, plan.currentVersion, plan.submittedVersion, plan.organizationId],
  );
  const contentSha256 = new Map<number, string | null>([[plan.currentVersion, row.current_sha256]]);
  if (plan.submittedVersion !== null) contentSha256.set(plan.submittedVersion, row.submitted_sha256);
  return {
    workflow: row.machine_version === null ? null : { machineVersion: row.machine_version, snapshot: row.snapshot!, transitions: row.transitions! },
    prior: row.key_plan_id === null ? null : { planId: row.key_plan_id, requestSha256: row.key_request_sha256!, response: row.key_response! },
    auditHead: row.audit_seq === null ? null : { seq: row.audit_seq, hash: row.audit_hash! },
    contentSha256,
    sender: { authoredContent: row.authored_content, dutiesRelaxed: !!row.duties_relaxed },
  };
}

/** Columns of `plan` the transition's UPDATE hands back (RETURNING): what the response and the sender's next facts read. */
export interface PlanAfter {
  rowVersion: number;
  draftRound: number;
  submittedVersion: number | null;
}

/**
 * Writes the transition's columns (state and what the event table names) and moves row_version
 * (TypeORM's version column: the next If-Match must carry the new one) and updated_at, as the
 * ORM's update does; returns what the answer needs, so the row is not read again.
 */
export async function updatePlan(manager: EntityManager, planId: string, changes: Partial<Plan>): Promise<PlanAfter> {
  const metadata = manager.connection.getMetadata(Plan);
  const driver = manager.connection.driver;
  const columns = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`plan has no column for ${property}`);
      return { name: column.databaseName, value: driver.preparePersistentValue(value, column) };
    });
  const [row] = await preparedQuery<{ row_version: number; draft_round: number; submitted_version: number | null }>(
    manager,
    `UPDATE plan SET ${columns.map((c, i) => `"${c.name}" = $${i + 2}`).join(', ')}${columns.length ? ', ' : ''}
            row_version = row_version + 1, updated_at = CURRENT_TIMESTAMP
      WHERE id = $1 RETURNING row_version, draft_round, submitted_version`,
    [planId, ...columns.map((c) => c.value)],
  );
  return { rowVersion: row.row_version, draftRound: row.draft_round, submittedVersion: row.submitted_version };
}

/** Stores the machine snapshot (insert or replace), as the ORM's upsert on plan_id does. */
export async function saveSnapshot(
  manager: EntityManager,
  row: Pick<PlanWorkflow, 'planId' | 'machineId' | 'machineVersion' | 'snapshot' | 'transitions'>,
): Promise<void> {
  await preparedQuery(
    manager,
    `INSERT INTO plan_workflow (plan_id, machine_id, machine_version, snapshot, transitions, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, DEFAULT)
     ON CONFLICT (plan_id) DO UPDATE SET machine_id = EXCLUDED.machine_id, machine_version = EXCLUDED.machine_version,
                                         snapshot = EXCLUDED.snapshot, transitions = EXCLUDED.transitions, updated_at = DEFAULT`,
    [row.planId, row.machineId, row.machineVersion, JSON.stringify(row.snapshot), row.transitions],
  );
}

/** The answer a replay with the same Idempotency-Key gets. */
export async function rememberResponse(
  manager: EntityManager,
  row: { key: string; actorId: string; planId: string; requestSha256: string; response: unknown },
): Promise<void> {
  await preparedQuery(manager, `INSERT INTO idempotency_key (key, actor_id, plan_id, request_sha256, response) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    row.key,
    row.actorId,
    row.planId,
    row.requestSha256,
    JSON.stringify(row.response),
  ]);
}
