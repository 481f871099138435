import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor } from '@app/common';
import { Clock } from '@app/jobs';
import { NotificationDto } from '../dtos/notification.dto';
import { Notification, NotificationKind } from '../entities/notification.entity';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';

export interface NotificationInput {
  userIds: string[];
  planId: string | null;
  kind: NotificationKind;
  message: string;
  /** Unique per user: writing the same notice again (a job run twice) writes nothing. */
  dedupeKey: string;
}

function toDto(n: Notification): NotificationDto {
  return { id: n.id, planId: n.planId, kind: n.kind, message: n.message, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}

/** Notices for people (requests to act, reminders, returns), written in the transaction that causes them. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async notify(manager: EntityManager, input: NotificationInput): Promise<void> {
    const userIds = [...new Set(input.userIds)];
    if (!userIds.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(userIds.map((userId) => ({ userId, planId: input.planId, kind: input.kind, message: input.message.normalize('NFC'), dedupeKey: input.dedupeKey, createdAt: this.clock.now(), readAt: null })))
      .orIgnore()
      .execute();
  }

  /** The actor's notices, unread first, newest first. */
  async list(actor: Actor, unreadOnly = false): Promise<NotificationDto[]> {
    const rows = await this.dataSource.manager.find(Notification, {
      where: { userId: actor.id, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { readAt: { direction: 'DESC', nulls: 'FIRST' }, createdAt: 'DESC' },
      take: 200,
    });
    return rows.map(toDto);
  }

  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const row = await this.dataSource.manager.findOne(Notification, { where: { id, userId: actor.id } });
    if (!row) throw new WorkflowError(WorkflowErrorCode.NotificationNotFound, 'Không tìm thấy thông báo');
    if (!row.readAt) {
      row.readAt = this.clock.now();
      await this.dataSource.manager.update(Notification, { id }, { readAt: row.readAt });
    }
    return toDto(row);
  }
}
