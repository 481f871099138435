import { createHash } from 'node:crypto';
import type { AuditEvent } from '../entities/audit-event.entity';

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export type HashedFields = Omit<AuditEvent, 'id' | 'hash'>;

/** The hash of a row: SHA-256 over the canonical JSON of every field but the id and the hash itself. */
export function auditHash(row: HashedFields): string {
  const fields = {
    stream: row.stream,
    seq: row.seq,
    planId: row.planId,
    organizationId: row.organizationId,
    actorId: row.actorId,
    actorName: row.actorName,
    at: new Date(row.at).toISOString(),
    event: row.event,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    contentVersion: row.contentVersion,
    contentSha256: row.contentSha256,
    requestId: row.requestId,
    data: row.data ?? {},
    prevHash: row.prevHash,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
