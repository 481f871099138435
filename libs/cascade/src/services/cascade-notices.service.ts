import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Actor, Role } from '@app/common';
import { Clock } from '@app/jobs';
import { CascadeNotice, CascadeNoticeKind } from '../entities/cascade-notice.entity';
import { CascadeError, CascadeErrorCode } from '../cascade.error';

/** One notice to the members of one organization who hold one of the roles. */
export interface NoticeRequest {
  kind: CascadeNoticeKind;
  organizationId: string;
  roles: Role[];
  planId: string;
  dueDate: string;
  message: string;
}

export interface CascadeNoticeDto {
  id: string;
  kind: CascadeNoticeKind;
  organizationId: string;
  planId: string;
  dueDate: string;
  message: string;
  readAt: string | null;
  createdAt: string;
}

/** Who hears of a child plan, of its due date, and of its being overdue. */
export const NOTICE_ROLES: Record<CascadeNoticeKind, Role[]> = {
  child_plan_assigned: ['drafter'],
  due_reminder: ['drafter', 'signer'],
  overdue: ['drafter', 'reviewer', 'signer'],
};

/**
 * Notices of the cascade, written in the caller's transaction in one statement whatever the
 * number of requests; a notice that exists already is skipped (unique per kind, person, plan, due date).
 */
@Injectable()
export class CascadeNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async notify(manager: EntityManager, requests: NoticeRequest[]): Promise<number> {
    if (!requests.length) return 0;
    const result: unknown[] = await manager.query(
      `INSERT INTO cascade_notice (kind, user_id, organization_id, plan_id, due_date, message)
       SELECT r.kind::cascade_notice_kind, m.user_id, r.organization_id, r.plan_id, r.due_date, r.message
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, organization_id uuid, roles text[], plan_id uuid, due_date date, message text)
       JOIN membership m ON m.organization_id = r.organization_id AND m.roles && r.roles::membership_role[]
       JOIN app_user u ON u.id = m.user_id AND u.active
       ON CONFLICT ON CONSTRAINT uq_cascade_notice DO NOTHING
       RETURNING id`,
      [JSON.stringify(requests.map((r) => ({ kind: r.kind, organization_id: r.organizationId, roles: r.roles, plan_id: r.planId, due_date: r.dueDate, message: r.message })))],
    );
    return result.length;
  }

  /** The actor's notices, unread first, newest first. */
  async mine(actor: Actor, unreadOnly = false): Promise<CascadeNoticeDto[]> {
    const rows = await this.dataSource.manager.find(CascadeNotice, {
      where: { userId: actor.id, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return rows.sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt)).map(toNoticeDto);
  }

  async markRead(actor: Actor, ids: string[]): Promise<void> {
    const found = await this.dataSource.manager.count(CascadeNotice, { where: { id: In(ids), userId: actor.id } });
    if (found !== new Set(ids).size) throw new CascadeError(CascadeErrorCode.NoticeNotFound, 'Không tìm thấy thông báo');
    await this.dataSource.manager.update(CascadeNotice, { id: In(ids), userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
  }
}

export function toNoticeDto(n: CascadeNotice): CascadeNoticeDto {
  return { id: n.id, kind: n.kind, organizationId: n.organizationId, planId: n.planId, dueDate: n.dueDate, message: n.message, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() };
}
