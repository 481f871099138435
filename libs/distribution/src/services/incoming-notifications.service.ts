import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/common';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { IncomingNotificationDto } from '../dtos/incoming.dto';

/**
 * "Có văn bản đến" notices of the actor (written by the inbox channel for the receiving
 * organization's clerks and leaders), kept apart from the workflow's notices, whose kinds are
 * the workflow's own.
 */
@Injectable()
export class IncomingNotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, unreadOnly: boolean): Promise<IncomingNotificationDto[]> {
    return this.dataSource.query(
      `SELECT id, incoming_document_id AS "incomingDocumentId", organization_id AS "organizationId", plan_id AS "planId", message, created_at AS "createdAt", read_at AS "readAt"
         FROM incoming_notification
        WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''}
        ORDER BY read_at IS NOT NULL, created_at DESC
        LIMIT 200`,
      [actor.id],
    );
  }

  async markRead(actor: Actor, id: string): Promise<IncomingNotificationDto> {
    const [rows]: [IncomingNotificationDto[], number] = await this.dataSource.query(
      `UPDATE incoming_notification SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND user_id = $2
        RETURNING id, incoming_document_id AS "incomingDocumentId", organization_id AS "organizationId", plan_id AS "planId", message, created_at AS "createdAt", read_at AS "readAt"`,
      [id, actor.id],
    );
    if (!rows.length) throw new DistributionError(DistributionErrorCode.NotificationNotFound, 'Không tìm thấy thông báo');
    return rows[0];
  }
}
