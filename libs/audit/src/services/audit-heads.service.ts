import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/jobs';
import { AuditHead, HeadSigningReason } from '../entities/audit-head.entity';
import { canonicalJson } from './audit-hash';
import { AuditSigningKey } from './audit-signing-key';

/** The latest signed head of each stream, as verify compares it with the chain. */
export type SignedHeads = Map<string, AuditHead>;

function signedMessage(head: Pick<AuditHead, 'stream' | 'seq' | 'hash' | 'signedAt' | 'keyId'>): string {
  return canonicalJson({ stream: head.stream, seq: head.seq, hash: head.hash, signedAt: new Date(head.signedAt).toISOString(), keyId: head.keyId });
}

/**
 * Signed heads of the audit chains: after every issuance (in its transaction) and once a day
 * (a job), each chain's last row is signed with the key file. A chain re-hashed or cut after its
 * head was signed no longer reaches that head: verify names it.
 */
@Injectable()
export class AuditHeadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly clock: Clock,
  ) {}

  /** Signs the current head of one stream, in the caller's transaction. */
  async signStream(manager: EntityManager, stream: string, reason: HeadSigningReason): Promise<AuditHead | null> {
    const [last]: { seq: number; hash: string }[] = await manager.query(
      `SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1`,
      [stream],
    );
    return last ? this.insert(manager, { stream, seq: last.seq, hash: last.hash }, reason) : null;
  }

  /** The daily round: signs the head of every stream that moved since its last signed head. Returns how many. */
  async signMovedStreams(reason: HeadSigningReason = 'daily'): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const moved: { stream: string; seq: number; hash: string }[] = await manager.query(
        `SELECT e.stream, e.seq, e.hash FROM (SELECT DISTINCT ON (stream) stream, seq, hash FROM audit_event ORDER BY stream, seq DESC) e
         WHERE NOT EXISTS (SELECT 1 FROM audit_head h WHERE h.stream = e.stream AND h.seq = e.seq AND h.hash = e.hash)`,
      );
      for (const head of moved) await this.insert(manager, head, reason);
      return moved.length;
    });
  }

  /** The latest signed head of each stream (of these streams, or all). */
  async latest(streams: string[] | null): Promise<SignedHeads> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(AuditHead, 'h')
      .distinctOn(['h.stream'])
      .where(streams ? 'h.stream = ANY(:streams)' : 'TRUE', { streams })
      .orderBy('h.stream', 'ASC')
      .addOrderBy('h.seq', 'DESC')
      .addOrderBy('h.signed_at', 'DESC')
      .getMany();
    return new Map(rows.map((h) => [h.stream, h]));
  }

  /** Whether the head's signature is the key's, over what the row says. */
  genuine(head: AuditHead): boolean {
    return head.keyId === this.key.id && this.key.verify(signedMessage(head), head.signature);
  }

  private async insert(manager: EntityManager, head: { stream: string; seq: number; hash: string }, reason: HeadSigningReason): Promise<AuditHead> {
    const row = { ...head, signedAt: this.clock.now(), reason, keyId: this.key.id };
    return manager.save(AuditHead, manager.create(AuditHead, { ...row, signature: this.key.sign(signedMessage(row)) }));
  }
}
