import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull } from 'typeorm';
import { Actor, Role } from '@app/common';
import { Clock } from '@app/jobs';
import { InboxNoticeDto, InboxUnreadCountDto } from '../dtos/inbox-notice.dto';
import { InboxNotice } from '../entities/inbox-notice.entity';
import { InboxError, InboxErrorCode } from '../inbox.error';
import { INBOX_KIND_INFO, INBOX_SOURCES, InboxNoticeKind, kindsOf, InboxSource } from '../inbox-kinds';

interface NoticeFacts {
  kind: InboxNoticeKind;
  planId: string | null;
  organizationId?: string | null;
  incomingDocumentId?: string | null;
  dueDate?: string | null;
  message: string;
  /** Unique per person: writing the same notice again (a job run twice) writes nothing. */
  dedupeKey: string;
}

/** One notice to named people. */
export interface NoticeInput extends NoticeFacts {
  userIds: string[];
}

/** One notice to the active members of one organization who hold one of the roles. */
export interface MembersNoticeInput extends NoticeFacts {
  organizationId: string;
  roles: readonly Role[];
}

export interface InboxFilter {
  unreadOnly?: boolean;
  kinds?: readonly InboxNoticeKind[];
}

const PAGE = 200;

export function toInboxNoticeDto(n: InboxNotice): InboxNoticeDto {
  const info = INBOX_KIND_INFO[n.kind];
  return {
    id: n.id,
    kind: n.kind,
    source: info.source,
    kindLabel: info.label,
    planId: n.planId,
    organizationId: n.organizationId,
    incomingDocumentId: n.incomingDocumentId,
    dueDate: n.dueDate,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/**
 * The one inbox: every domain writes its notices here in the transaction that causes them;
 * a person lists theirs, counts the unread and marks them read.
 */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async notify(manager: EntityManager, input: NoticeInput): Promise<void> {
    const userIds = [...new Set(input.userIds)];
    if (!userIds.length) return;
    const { userIds: _, ...facts } = input;
    const createdAt = this.clock.now();
    await manager
      .createQueryBuilder()
      .insert()
      .into(InboxNotice)
      .values(userIds.map((userId) => ({ ...this.row(facts), userId, createdAt, readAt: null })))
      .orIgnore()
      .execute();
  }

  /**
   * Notices to organizations' members by role, in one statement whatever the number of
   * requests; a notice a person has already is skipped. Returns how many were written.
   */
  async notifyMembers(manager: EntityManager, requests: MembersNoticeInput[]): Promise<number> {
    if (!requests.length) return 0;
    const rows = requests.map((r) => ({ ...this.row(r), roles: r.roles }));
    const written: unknown[] = await manager.query(
      `INSERT INTO inbox_notice (user_id, kind, plan_id, organization_id, incoming_document_id, due_date, message, dedupe_key, created_at)
       SELECT DISTINCT m.user_id, r."kind"::inbox_notice_kind, r."planId", r."organizationId", r."incomingDocumentId",
              r."dueDate", r.message, r."dedupeKey", $2::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS r("kind" text, "planId" uuid, "organizationId" uuid, "incomingDocumentId" uuid,
                                                 "dueDate" date, message text, "dedupeKey" text, roles text[])
         JOIN membership m ON m.organization_id = r."organizationId" AND m.roles && r.roles::membership_role[]
         JOIN app_user u ON u.id = m.user_id AND u.active
       ON CONFLICT ON CONSTRAINT uq_inbox_notice_user_dedupe DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows), this.clock.now()],
    );
    return written.length;
  }

  /** The actor's notices, unread first, newest first. */
  async list(actor: Actor, filter: InboxFilter = {}): Promise<InboxNoticeDto[]> {
    const rows = await this.dataSource.manager.find(InboxNotice, {
      where: this.mine(actor, filter),
      order: { readAt: { direction: 'DESC', nulls: 'FIRST' }, createdAt: 'DESC' },
      take: PAGE,
    });
    return rows.map(toInboxNoticeDto);
  }

  async unreadCount(actor: Actor): Promise<InboxUnreadCountDto> {
    const rows: { kind: InboxNoticeKind; n: number }[] = await this.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM inbox_notice WHERE user_id = $1 AND read_at IS NULL GROUP BY kind`,
      [actor.id],
    );
    const bySource = Object.fromEntries(INBOX_SOURCES.map((s) => [s, 0])) as Record<InboxSource, number>;
    for (const row of rows) bySource[INBOX_KIND_INFO[row.kind].source] += row.n;
    return { unread: rows.reduce((sum, row) => sum + row.n, 0), bySource };
  }

  /**
   * Marks the actor's notices read (those read already keep their time). All or nothing: a notice
   * that is not the actor's, or not of the given kinds, is "not found" and nothing changes.
   */
  async markRead(actor: Actor, ids: string[], kinds?: readonly InboxNoticeKind[]): Promise<InboxNoticeDto[]> {
    const wanted = [...new Set(ids)];
    return this.dataSource.transaction(async (manager) => {
      const where = { ...this.mine(actor, { kinds }), id: In(wanted) };
      const rows = await manager.find(InboxNotice, { where, lock: { mode: 'pessimistic_write' } });
      if (rows.length !== wanted.length) throw new InboxError(InboxErrorCode.NoticeNotFound, 'Không tìm thấy thông báo');
      const now = this.clock.now();
      const unread = rows.filter((row) => !row.readAt);
      if (unread.length) await manager.update(InboxNotice, { id: In(unread.map((r) => r.id)) }, { readAt: now });
      for (const row of unread) row.readAt = now;
      return rows.map(toInboxNoticeDto);
    });
  }

  /** Marks every unread notice of the actor read; returns how many. */
  async markAllRead(actor: Actor): Promise<number> {
    const result = await this.dataSource.manager.update(InboxNotice, { userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }

  /** The unread workflow notices name plans waiting for the person (a consultee may belong elsewhere). */
  async unreadPlanIds(actor: Actor, source: InboxSource): Promise<string[]> {
    const notices = await this.list(actor, { unreadOnly: true, kinds: kindsOf(source) });
    return [...new Set(notices.map((n) => n.planId).filter((id): id is string => !!id))];
  }

  private mine(actor: Actor, filter: InboxFilter): FindOptionsWhere<InboxNotice> {
    return {
      userId: actor.id,
      ...(filter.unreadOnly ? { readAt: IsNull() } : {}),
      ...(filter.kinds ? { kind: In([...filter.kinds]) } : {}),
    };
  }

  private row(facts: NoticeFacts) {
    return {
      kind: facts.kind,
      planId: facts.planId,
      organizationId: facts.organizationId ?? null,
      incomingDocumentId: facts.incomingDocumentId ?? null,
      dueDate: facts.dueDate ?? null,
      message: facts.message.normalize('NFC'),
      dedupeKey: facts.dedupeKey,
    };
  }
}
