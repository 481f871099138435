import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, Role } from '@app/common';
import { documentTypeName } from '@app/plans';
import { NOTIFIED_ROLES } from '../channels/inbox.channel';
import { DeliveryPurpose, EDXML_STATUS_CODE, HANDLING_NEXT, HANDLING_STATUS_LABEL, HandlingStatus, parseHandlingStatus } from '../delivery-states';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { IncomingDocumentDto, IncomingPageDto, ListIncomingQueryDto, ReportHandlingDto } from '../dtos/incoming.dto';
import { IncomingDocument } from '../entities/incoming-document.entity';

interface IncomingRow extends IncomingDocument {
  documentType: string;
  numberSymbol: string | null;
  issuedOn: string | null;
  summary: string;
  senderName: string;
  revocationReason: string | null;
  revocationDecision: string | null;
  replacedByNumberSymbol: string | null;
}

/** The roles that keep an organization's văn bản đến: its clerks and its leaders. */
export const INCOMING_ROLES: readonly Role[] = NOTIFIED_ROLES;

/**
 * Văn bản đến: the inbox of a receiving organization, its acknowledgement (đã nhận) and its
 * handling reports (edXML statuses), mirrored onto the sender's deliveries.
 */
@Injectable()
export class IncomingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListIncomingQueryDto): Promise<IncomingPageDto> {
    const mine = incomingOrganizations(actor);
    if (query.organizationId && !mine.includes(query.organizationId)) {
      throw new DistributionError(DistributionErrorCode.Forbidden, 'Bạn không phải văn thư hoặc lãnh đạo của tổ chức này');
    }
    const organizations = query.organizationId ? [query.organizationId] : mine;
    if (!organizations.length) return { items: [], total: 0 };
    const where = ['i.organization_id = ANY($1::uuid[])'];
    const params: unknown[] = [organizations];
    if (query.status) {
      params.push(query.status);
      where.push(`i.handling_status = $${params.length}::handling_status`);
    }
    if (query.unacknowledged === 'true') where.push('i.acknowledged_at IS NULL');
    // Documents in force: a revoked or replaced one is kept (with its notice) but no longer offered as current.
    if (query.current === 'true') where.push('i.revoked_at IS NULL AND i.replaced_at IS NULL');
    if (query.current === 'false') where.push('(i.revoked_at IS NOT NULL OR i.replaced_at IS NOT NULL)');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM incoming_document i WHERE ${where.join(' AND ')}`,
      params,
    );
    params.push(query.limit ?? 100, query.offset ?? 0);
    const rows = await this.rows(
      this.dataSource.manager,
      `${where.join(' AND ')} ORDER BY i.received_at DESC, i.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map(toDto), total };
  }

  async get(actor: Actor, id: string): Promise<IncomingDocumentDto> {
    return toDto(await this.keptBy(actor, this.dataSource.manager, id));
  }

  /** "Đã nhận": the receiving organization confirms it has the document. Repeating it changes nothing. */
  acknowledge(actor: Actor, id: string): Promise<IncomingDocumentDto> {
    return this.receipt(actor, id, RECEIPTS.issue);
  }

  /**
   * "Đã nhận thông báo thu hồi": the receiving organization confirms it has withdrawn its copy.
   * Only for a revoked document; repeating it changes nothing.
   */
  acknowledgeRevocation(actor: Actor, id: string): Promise<IncomingDocumentDto> {
    return this.receipt(actor, id, RECEIPTS.revocation);
  }

  /** A receipt, once: written on the copy, mirrored on the sender's deliveries of that purpose, kept in the plan's trail. */
  private receipt(actor: Actor, id: string, kind: (typeof RECEIPTS)[keyof typeof RECEIPTS]): Promise<IncomingDocumentDto> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.keptBy(actor, manager, id, true);
      if (kind.purpose === 'revocation' && !doc.revokedAt) {
        throw new DistributionError(DistributionErrorCode.NotRevoked, 'Văn bản này chưa bị thu hồi: không có thông báo thu hồi để xác nhận', {
          refusedBy: 'revoked',
        });
      }
      if (!doc[kind.field]) {
        await manager.query(
          `UPDATE incoming_document SET ${kind.column} = now(), ${kind.column.replace(/_at$/, '_by_id')} = $2, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
          [id, actor.id],
        );
        await this.mirrorOnDeliveries(manager, doc, kind.purpose, { acknowledged: true });
        await this.record(manager, actor, doc, kind.event, {});
      }
      return toDto(await this.keptBy(actor, manager, id));
    });
  }

  /** A handling report (edXML status); a step that cannot follow the current one is refused with the allowed ones. */
  async reportHandling(actor: Actor, id: string, dto: ReportHandlingDto): Promise<IncomingDocumentDto> {
    const status = parseHandlingStatus(dto.status);
    if (!status || status === 'arrived') {
      throw new DistributionError(DistributionErrorCode.InvalidHandlingStatus, 'Trạng thái xử lý không hợp lệ', {
        errors: [
          {
            path: 'status',
            code: 'invalid_handling_status',
            message: 'status: trạng thái xử lý không hợp lệ (accepted, rejected, assigned, in_progress, done)',
          },
        ],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.keptBy(actor, manager, id, true);
      if (doc.revokedAt) {
        throw new DistributionError(DistributionErrorCode.HandlingStatusRefused, 'Văn bản đã bị thu hồi: không tiếp tục xử lý', {
          currentStatus: doc.handlingStatus,
          allowedStatuses: [],
        });
      }
      const allowed = HANDLING_NEXT[doc.handlingStatus];
      if (!allowed.includes(status)) {
        throw new DistributionError(
          DistributionErrorCode.HandlingStatusRefused,
          `Không thể chuyển từ "${HANDLING_STATUS_LABEL[doc.handlingStatus]}" sang "${HANDLING_STATUS_LABEL[status]}"`,
          { currentStatus: doc.handlingStatus, allowedStatuses: allowed },
        );
      }
      await manager.query(
        `UPDATE incoming_document
            SET handling_status = $2::handling_status, handling_note = $3, handling_updated_at = now(), handling_updated_by_id = $4,
                acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by_id = COALESCE(acknowledged_by_id, $4),
                updated_at = now(), row_version = row_version + 1
          WHERE id = $1`,
        [id, status, dto.note ?? null, actor.id],
      );
      await this.mirrorOnDeliveries(manager, doc, 'issue', { acknowledged: true, handlingStatus: status });
      await this.record(manager, actor, doc, 'INCOMING_HANDLING_REPORTED', {
        from: doc.handlingStatus,
        to: status,
        edxmlStatus: EDXML_STATUS_CODE[status],
        note: dto.note ?? null,
      });
      return toDto(await this.keptBy(actor, manager, id));
    });
  }

  /** Receipts go into the plan's own audit trail, next to its issuance and distribution. */
  private async record(manager: EntityManager, actor: Actor, doc: IncomingRow, event: string, data: Record<string, unknown>): Promise<void> {
    await this.audit.append(manager, {
      planId: doc.planId,
      actor: { id: actor.id, fullName: actor.fullName },
      event,
      data: { incomingDocumentId: doc.id, organizationId: doc.organizationId, ...data },
    });
  }

  /** The sender sees the receipt on every delivery that reached this organization with this plan. */
  private async mirrorOnDeliveries(
    manager: EntityManager,
    doc: IncomingDocument,
    purpose: DeliveryPurpose,
    change: { acknowledged: boolean; handlingStatus?: HandlingStatus },
  ): Promise<void> {
    await manager.query(
      `UPDATE delivery
          SET status = CASE WHEN $3 AND status = 'delivered' THEN 'acknowledged'::delivery_status ELSE status END,
              acknowledged_at = CASE WHEN $3 THEN COALESCE(acknowledged_at, now()) ELSE acknowledged_at END,
              handling_status = COALESCE($4::handling_status, handling_status),
              updated_at = now(), row_version = row_version + 1
        WHERE plan_id = $1 AND organization_id = $2 AND purpose = $5::delivery_purpose AND channel <> 'archive' AND status IN ('delivered', 'acknowledged')`,
      [doc.planId, doc.organizationId, change.acknowledged, change.handlingStatus ?? null, purpose],
    );
  }

  /** The document if the actor keeps that organization's inbox; 404 for anyone else. */
  private async keptBy(actor: Actor, manager: EntityManager, id: string, lock = false): Promise<IncomingRow> {
    const [row] = await this.rows(manager, `i.id = $1`, [id], lock);
    if (!row || !incomingOrganizations(actor).includes(row.organizationId)) {
      throw new DistributionError(DistributionErrorCode.IncomingNotFound, `Không tìm thấy văn bản đến ${id}`);
    }
    return row;
  }

  private rows(manager: EntityManager, where: string, params: unknown[], lock = false): Promise<IncomingRow[]> {
    return manager.query(
      `SELECT i.id, i.organization_id AS "organizationId", i.plan_id AS "planId", i.delivery_id AS "deliveryId",
              i.sender_organization_id AS "senderOrganizationId", i.received_at AS "receivedAt",
              i.acknowledged_at AS "acknowledgedAt", i.acknowledged_by_id AS "acknowledgedById",
              i.handling_status AS "handlingStatus", i.handling_note AS "handlingNote",
              i.handling_updated_at AS "handlingUpdatedAt", i.row_version AS "rowVersion",
              i.revoked_at AS "revokedAt", i.revocation_acknowledged_at AS "revocationAcknowledgedAt",
              i.replaced_at AS "replacedAt", i.replaced_by_plan_id AS "replacedByPlanId", r.number_symbol AS "replacedByNumberSymbol",
              p.revocation_reason AS "revocationReason", p.revocation_decision AS "revocationDecision",
              p.document_type AS "documentType", p.number_symbol AS "numberSymbol", to_char(p.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              p.summary, o.full_name AS "senderName"
         FROM incoming_document i
         JOIN plan p ON p.id = i.plan_id
         JOIN organization o ON o.id = i.sender_organization_id
         LEFT JOIN plan r ON r.id = i.replaced_by_plan_id
        WHERE ${where}${lock ? ' FOR UPDATE OF i' : ''}`,
      params,
    );
  }
}

/** The two receipts a copy takes: of the document, and of the notice that it was revoked. */
const RECEIPTS = {
  issue: { purpose: 'issue', field: 'acknowledgedAt', column: 'acknowledged_at', event: 'INCOMING_ACKNOWLEDGED' },
  revocation: {
    purpose: 'revocation',
    field: 'revocationAcknowledgedAt',
    column: 'revocation_acknowledged_at',
    event: 'INCOMING_REVOCATION_ACKNOWLEDGED',
  },
  // (a replacement notice takes none: the replacing plan arrives as a document of its own, with its receipt)
} as const satisfies Record<
  Exclude<DeliveryPurpose, 'replacement'>,
  { purpose: DeliveryPurpose; field: keyof IncomingDocument; column: string; event: string }
>;

/** The organizations whose inbox the actor keeps (as clerk or leader). */
export function incomingOrganizations(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.roles.some((role) => INCOMING_ROLES.includes(role))).map((m) => m.organizationId);
}

function toDto(row: IncomingRow): IncomingDocumentDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    planId: row.planId,
    documentType: row.documentType,
    documentTypeName: documentTypeName(row.documentType),
    numberSymbol: row.numberSymbol,
    issuedOn: row.issuedOn,
    summary: row.summary,
    senderOrganizationId: row.senderOrganizationId,
    senderName: row.senderName,
    receivedAt: row.receivedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedById: row.acknowledgedById,
    handlingStatus: row.handlingStatus,
    handlingStatusCode: EDXML_STATUS_CODE[row.handlingStatus],
    handlingStatusLabel: HANDLING_STATUS_LABEL[row.handlingStatus],
    handlingNote: row.handlingNote,
    handlingUpdatedAt: row.handlingUpdatedAt,
    allowedStatuses: row.revokedAt || row.replacedAt ? [] : HANDLING_NEXT[row.handlingStatus],
    revokedAt: row.revokedAt,
    revocationReason: row.revokedAt ? row.revocationReason : null,
    revocationDecision: row.revokedAt ? row.revocationDecision : null,
    revocationAcknowledgedAt: row.revocationAcknowledgedAt,
    replacedAt: row.replacedAt,
    replacedByPlanId: row.replacedByPlanId,
    replacedByNumberSymbol: row.replacedAt ? row.replacedByNumberSymbol : null,
    rowVersion: row.rowVersion,
  };
}
