import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audits, cleanText, currentRequestId } from '@app/common';
import { preparedQuery } from '@app/db';
import { Clock, JobOutcome, JobsService } from '@app/jobs';
import { AuditEventDto, AuditVerifyReportDto, BrokenLinkDto } from '../dtos/audit.dto';
import { AuditEvent } from '../entities/audit-event.entity';
import { AuditHead } from '../entities/audit-head.entity';
import { AuditError, AuditErrorCode } from '../audit.error';
import { auditHash } from './audit-hash';
import { AuditHeadsService } from './audit-heads.service';

/** Who did it: a person, or the system (id null). */
export interface AuditActor {
  id: string | null;
  fullName: string;
}

export const SYSTEM_AUDIT_ACTOR: AuditActor = { id: null, fullName: 'Hệ thống' };

/** One thing to record. Plan events go to the plan's chain, others to the organization's. */
export interface AuditEntry {
  planId?: string | null;
  organizationId?: string | null;
  actor: AuditActor;
  event: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  contentVersion?: number | null;
  contentSha256?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
}

const VERIFY_BATCH = 2000;

/** Where verify stands in one stream. */
interface StreamCheck {
  stream: string;
  planId: string | null;
  organizationId: string | null;
  seq: number;
  hash: string;
  broken: boolean;
  /** The hash of the row at the stream's latest signed head, once read. */
  hashAtHead: string | null;
}

/** A stream's last row: what the next row follows. */
export interface AuditStreamHead {
  seq: number;
  hash: string;
}

/** The key of the transaction-scoped advisory lock (`pg_advisory_xact_lock(hashtext(key))`) every append to the stream takes. */
export function auditStreamLockKey(stream: string): string {
  return `audit:${stream}`;
}

export function streamOf(entry: Pick<AuditEntry, 'planId' | 'organizationId'>): string {
  if (entry.planId) return `plan:${entry.planId}`;
  if (entry.organizationId) return `organization:${entry.organizationId}`;
  throw new Error('an audit entry names a plan or an organization');
}

export function toAuditEventDto(e: AuditEvent): AuditEventDto {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    event: e.event,
    fromState: e.fromState,
    toState: e.toState,
    reason: e.reason,
    contentVersion: e.contentVersion,
    contentSha256: e.contentSha256,
    requestId: e.requestId,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * The audit trail: every transition, content save, step-up and job outcome, appended inside
 * the transaction of what it records, hash-chained per plan, and verifiable end to end.
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly heads: AuditHeadsService,
  ) {}

  onModuleInit(): void {
    this.jobs.onOutcome((outcome) => this.recordJobOutcome(outcome));
  }

  /**
   * Appends one event in the caller's transaction (the plans domain calls it from a content
   * save, the workflow from every transition). Appends to one chain are serialized by a
   * transaction-scoped advisory lock (`auditStreamLockKey`), so sequence numbers have no gaps
   * and no duplicates. A caller that already took that lock and read the stream's last row in a
   * statement of its own (the transition's read under the plan lock) passes it as `head`.
   */
  async append(manager: EntityManager, entry: AuditEntry, known?: { head: AuditStreamHead | null }): Promise<AuditEvent> {
    const stream = streamOf(entry);
    let head = known ? known.head : await this.lockedHead(manager, stream);
    let saved = await this.insertAfter(manager, stream, entry, head);
    if (!saved) {
      // The head given was read before the lock was ours (another writer appended while we waited
      // for it): read it again, under the lock now, and write after it.
      head = await this.lockedHead(manager, stream);
      saved = await this.insertAfter(manager, stream, entry, head);
      if (!saved) throw new Error(`audit stream ${stream} moved under its lock`);
    }
    // An issued plan's chain is signed at once, in the issuance's transaction.
    if (entry.event === 'ISSUED') await this.heads.signStream(manager, stream, 'issuance');
    return saved;
  }

  /** Takes the stream's lock and reads its last row (null: the stream is empty). */
  private async lockedHead(manager: EntityManager, stream: string): Promise<AuditStreamHead | null> {
    await preparedQuery(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [auditStreamLockKey(stream)]);
    const [last] = await preparedQuery<AuditStreamHead>(manager, `SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [
      stream,
    ]);
    return last ?? null;
  }

  /**
   * Writes the row after `head`, unless the stream already goes further (then nothing, null):
   * a stale head can never fork the chain, whoever the writer.
   */
  private async insertAfter(manager: EntityManager, stream: string, entry: AuditEntry, head: AuditStreamHead | null): Promise<AuditEvent | null> {
    const row = {
      stream,
      seq: (head?.seq ?? 0) + 1,
      planId: entry.planId ?? null,
      organizationId: entry.organizationId ?? null,
      actorId: entry.actor.id,
      actorName: cleanText(entry.actor.fullName),
      at: this.clock.now(),
      event: entry.event,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      reason: entry.reason == null ? null : entry.reason.normalize('NFC').trim(),
      contentVersion: entry.contentVersion ?? null,
      contentSha256: entry.contentSha256 ?? null,
      // the HTTP request this is done for, when the caller did not name one
      requestId: entry.requestId ?? currentRequestId(),
      // Through JSON once, so that what is hashed is what jsonb will give back.
      data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
      prevHash: head?.hash ?? null,
    };
    const hash = auditHash(row);
    const [inserted] = await preparedQuery<{ id: string }>(
      manager,
      `INSERT INTO audit_event (stream, seq, plan_id, organization_id, actor_id, actor_name, at, event, from_state, to_state, reason,
                                content_version, content_sha256, request_id, data, prev_hash, hash)
       SELECT $1::varchar, $2::int, $3::uuid, $4::uuid, $5::uuid, $6, $7::timestamptz, $8, $9, $10, $11, $12::int, $13, $14, $15::jsonb, $16, $17
        WHERE NOT EXISTS (SELECT 1 FROM audit_event WHERE stream = $1::varchar AND seq >= $2::int)
       RETURNING id`,
      [
        row.stream,
        row.seq,
        row.planId,
        row.organizationId,
        row.actorId,
        row.actorName,
        row.at,
        row.event,
        row.fromState,
        row.toState,
        row.reason,
        row.contentVersion,
        row.contentSha256,
        row.requestId,
        JSON.stringify(row.data),
        row.prevHash,
        hash,
      ],
    );
    return inserted ? manager.create(AuditEvent, { id: inserted.id, ...row, hash }) : null;
  }

  /**
   * A saved content version (the plans domain calls this in the save's transaction):
   * event CONTENT_SAVED with the version number and its SHA-256.
   */
  contentSaved(
    manager: EntityManager,
    entry: {
      planId: string;
      organizationId: string;
      actor: AuditActor;
      version: number;
      contentSha256: string;
      state: string;
      requestId?: string | null;
      data?: Record<string, unknown>;
    },
  ): Promise<AuditEvent> {
    return this.append(manager, {
      planId: entry.planId,
      organizationId: entry.organizationId,
      actor: entry.actor,
      event: entry.version === 1 ? 'CREATED' : 'CONTENT_SAVED',
      fromState: entry.state,
      toState: entry.state,
      contentVersion: entry.version,
      contentSha256: entry.contentSha256,
      requestId: entry.requestId ?? null,
      data: entry.data ?? {},
    });
  }

  /** Appends in a transaction of its own (events that record something refused or outside a transaction). */
  appendAlone(entry: AuditEntry): Promise<AuditEvent> {
    return this.dataSource.transaction((manager) => this.append(manager, entry));
  }

  /** A plan's trail in order (the caller checks the reader may see the plan). */
  async history(planId: string, manager: EntityManager = this.dataSource.manager): Promise<AuditEventDto[]> {
    const rows = await manager.find(AuditEvent, { where: { stream: `plan:${planId}` }, order: { seq: 'ASC' } });
    return rows.map(toAuditEventDto);
  }

  /** An organization's own trail (delegations...), for its auditors. */
  async organizationHistory(actor: Actor, organizationId: string): Promise<AuditEventDto[]> {
    if (!audits(actor, organizationId)) {
      throw new AuditError(AuditErrorCode.OutsideAuditScope, 'Bạn không được giao kiểm tra tổ chức này', { organizationId });
    }
    const rows = await this.dataSource.manager.find(AuditEvent, { where: { stream: `organization:${organizationId}` }, order: { seq: 'ASC' } });
    return rows.map(toAuditEventDto);
  }

  /**
   * Recomputes the chains of these organizations (their plans' and their own; null: every
   * chain): each row's hash, its link to the previous row, the sequence without gaps, and that
   * the chain still reaches its latest signed head with the same hash (a re-hashed or cut-off
   * stream does not). Names the first problem of each stream.
   */
  async verify(organizationIds: string[] | null = null): Promise<AuditVerifyReportDto> {
    const streams = organizationIds && (await this.streamsOf(organizationIds));
    const heads = await this.heads.latest(streams);
    const broken: BrokenLinkDto[] = [];
    let events = 0;
    const seen = new Set<string>();
    let cursor: { stream: string; seq: number } | null = null;
    let current: StreamCheck | null = null;
    const close = (check: StreamCheck | null) => {
      const problem = check && !check.broken && this.headProblem(check, heads.get(check.stream));
      if (problem) broken.push({ stream: check.stream, planId: check.planId, organizationId: check.organizationId, ...problem });
    };
    for (;;) {
      const qb = this.dataSource.manager
        .createQueryBuilder(AuditEvent, 'e')
        .where(streams ? 'e.stream = ANY(:streams)' : 'TRUE', { streams })
        .orderBy('e.stream', 'ASC')
        .addOrderBy('e.seq', 'ASC')
        .limit(VERIFY_BATCH);
      if (cursor) qb.andWhere('(e.stream, e.seq) > (:stream, :seq)', cursor);
      const rows = await qb.getMany();
      for (const row of rows) {
        events++;
        if (!current || current.stream !== row.stream) {
          close(current);
          seen.add(row.stream);
          current = { stream: row.stream, planId: row.planId, organizationId: row.organizationId, seq: 0, hash: '', broken: false, hashAtHead: null };
        }
        if (!current.broken) {
          const problem = this.linkProblem(row, current.seq, current.seq === 0 ? null : current.hash);
          if (problem) {
            broken.push({ stream: row.stream, planId: row.planId, organizationId: row.organizationId, seq: row.seq, ...problem });
            current.broken = true;
          }
        }
        if (row.seq === heads.get(row.stream)?.seq) current.hashAtHead = row.hash;
        current.seq = row.seq;
        current.hash = row.hash;
      }
      if (rows.length < VERIFY_BATCH) break;
      cursor = { stream: rows[rows.length - 1].stream, seq: rows[rows.length - 1].seq };
    }
    close(current);
    // A stream whose every row is gone still has its signed head.
    for (const stream of heads.keys()) {
      if (seen.has(stream)) continue;
      const id = stream.slice(stream.indexOf(':') + 1);
      const plan = stream.startsWith('plan:');
      close({ stream, planId: plan ? id : null, organizationId: plan ? null : id, seq: 0, hash: '', broken: false, hashAtHead: null });
    }
    broken.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
    return {
      ok: broken.length === 0,
      streams: new Set([...seen, ...heads.keys()]).size,
      events,
      signedHeads: heads.size,
      firstBroken: broken[0] ?? null,
      broken,
      checkedAt: this.clock.now().toISOString(),
    };
  }

  /** The streams of these organizations: their plans' and their own. */
  private async streamsOf(organizationIds: string[]): Promise<string[]> {
    const rows: { stream: string }[] = await this.dataSource.query(
      `SELECT 'plan:' || id AS stream FROM plan WHERE organization_id = ANY($1::uuid[])
       UNION ALL SELECT 'organization:' || o AS stream FROM unnest($1::uuid[]) o`,
      [organizationIds],
    );
    return rows.map((r) => r.stream);
  }

  /** The chain against its latest signed head: cut off before it, rewritten at it, or a head the key did not sign. */
  private headProblem(check: StreamCheck, head: AuditHead | undefined): Omit<BrokenLinkDto, 'stream' | 'planId' | 'organizationId'> | null {
    if (!head) return null;
    if (!this.heads.genuine(head)) {
      return { seq: head.seq, problem: 'head_signature_invalid', message: `Chữ ký đầu chuỗi tại sự kiện số ${head.seq} không hợp lệ` };
    }
    if (check.seq < head.seq) {
      return {
        seq: check.seq + 1,
        problem: 'truncated',
        message: `Chuỗi bị cắt: đầu chuỗi đã ký ở sự kiện số ${head.seq}, nay chỉ còn đến số ${check.seq}`,
      };
    }
    if (check.hashAtHead !== head.hash) {
      return { seq: head.seq, problem: 'signed_head_mismatch', message: `Chuỗi đã bị viết lại: sự kiện số ${head.seq} khác với đầu chuỗi đã ký` };
    }
    return null;
  }

  private linkProblem(row: AuditEvent, previousSeq: number, previousHash: string | null): Pick<BrokenLinkDto, 'problem' | 'message'> | null {
    if (row.seq !== previousSeq + 1) {
      return { problem: 'sequence_gap', message: `Mất sự kiện: sau số ${previousSeq} là số ${row.seq}` };
    }
    if (row.prevHash !== previousHash) {
      return { problem: 'prev_hash_mismatch', message: `Sự kiện số ${row.seq} không nối với sự kiện trước nó` };
    }
    const { id: _id, hash, ...fields } = row;
    if (auditHash(fields) !== hash) {
      return { problem: 'hash_mismatch', message: `Sự kiện số ${row.seq} đã bị sửa sau khi ghi` };
    }
    return null;
  }

  private async recordJobOutcome(outcome: JobOutcome): Promise<void> {
    const planId = (outcome.data as { planId?: unknown } | null)?.planId;
    if (typeof planId !== 'string') return;
    await this.appendAlone({
      planId,
      actor: SYSTEM_AUDIT_ACTOR,
      event: outcome.outcome === 'completed' ? 'JOB_COMPLETED' : outcome.outcome === 'failed' ? 'JOB_FAILED' : 'JOB_REJECTED',
      data: {
        queue: outcome.job.queue,
        jobId: outcome.job.id,
        attempt: outcome.job.attempt,
        willRetry: outcome.willRetry,
        detail: outcome.detail ?? null,
      },
    });
  }
}
