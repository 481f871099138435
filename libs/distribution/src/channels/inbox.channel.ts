import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxService } from '@app/inbox';
import type { IssuedPlanFacts, ReplacementFacts, RevocationFacts } from '../services/delivery-message';

/** Roles told that a document arrived: the clerk (văn thư) and the leaders who direct its handling. */
export const NOTIFIED_ROLES = ['clerk', 'signer', 'reviewer'] as const;

/**
 * Puts an issued plan into a receiving organization's inbox (văn bản đến) and tells its clerks
 * and leaders, inside the caller's transaction. Idempotent by the unique (organization, plan):
 * a repeated delivery, or a second line naming the same organization, changes nothing.
 */
@Injectable()
export class InboxChannel {
  constructor(private readonly inbox: InboxService) {}

  /** Returns the incoming document's id, and whether this call created it. */
  async deliver(
    manager: EntityManager,
    deliveryId: string,
    organizationId: string,
    plan: IssuedPlanFacts,
  ): Promise<{ incomingId: string; created: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO incoming_document (organization_id, plan_id, delivery_id, sender_organization_id, received_at, handling_status, row_version)
       VALUES ($1, $2, $3, $4, now(), 'arrived', 1)
       ON CONFLICT ON CONSTRAINT uq_incoming_document_org_plan DO NOTHING
       RETURNING id`,
      [organizationId, plan.planId, deliveryId, plan.issuer.id],
    );
    if (!inserted.length) {
      const [existing]: { id: string }[] = await manager.query(`SELECT id FROM incoming_document WHERE organization_id = $1 AND plan_id = $2`, [
        organizationId,
        plan.planId,
      ]);
      return { incomingId: existing.id, created: false };
    }
    const incomingId = inserted[0].id;
    const message = `Văn bản đến: ${plan.documentTypeName} số ${plan.numberSymbol} của ${plan.issuer.fullName}`;
    await this.inbox.notifyMembers(manager, [
      {
        kind: 'incoming_document',
        organizationId,
        roles: NOTIFIED_ROLES,
        planId: plan.planId,
        incomingDocumentId: incomingId,
        message,
        dedupeKey: `incoming:${incomingId}`,
      },
    ]);
    return { incomingId, created: true };
  }

  /**
   * The revocation notice: the organization's copy is marked revoked (no longer offered as
   * current) and its clerks and leaders are told, once, whatever the repeats.
   */
  async revoke(manager: EntityManager, organizationId: string, plan: IssuedPlanFacts, revocation: RevocationFacts): Promise<boolean> {
    const marked: { id: string }[] = await manager.query(
      `UPDATE incoming_document SET revoked_at = now(), updated_at = now(), row_version = row_version + 1
        WHERE organization_id = $1 AND plan_id = $2 AND revoked_at IS NULL
        RETURNING id`,
      [organizationId, plan.planId],
    );
    if (!marked.length) return false;
    const incomingId = marked[0].id;
    await this.inbox.notifyMembers(manager, [
      {
        kind: 'plan_revoked',
        organizationId,
        roles: NOTIFIED_ROLES,
        planId: plan.planId,
        incomingDocumentId: incomingId,
        message: `Thu hồi ${plan.documentTypeName.toLowerCase()} số ${plan.numberSymbol} của ${plan.issuer.fullName}: ${revocation.reason}`,
        dedupeKey: `incoming:${incomingId}:revoked`,
      },
    ]);
    return true;
  }

  /**
   * The replacement notice: the organization's copy of the old plan, if it has one, is marked
   * replaced (no longer offered as current) and its clerks and leaders are told, once, whatever
   * the repeats. A recipient of the new plan only is told too: the new plan comes as its own document.
   */
  async replace(manager: EntityManager, organizationId: string, plan: IssuedPlanFacts, replacement: ReplacementFacts): Promise<void> {
    const marked: { id: string }[] = await manager.query(
      `UPDATE incoming_document SET replaced_at = now(), replaced_by_plan_id = $3, updated_at = now(), row_version = row_version + 1
        WHERE organization_id = $1 AND plan_id = $2 AND replaced_at IS NULL
        RETURNING id`,
      [organizationId, plan.planId, replacement.planId],
    );
    await this.inbox.notifyMembers(manager, [
      {
        kind: 'plan_replaced',
        organizationId,
        roles: NOTIFIED_ROLES,
        planId: replacement.planId,
        incomingDocumentId: marked[0]?.id ?? null,
        message:
          `${plan.documentTypeName} số ${plan.numberSymbol} của ${plan.issuer.fullName} đã được thay thế bằng ` +
          `${replacement.documentTypeName.toLowerCase()} số ${replacement.numberSymbol}`,
        dedupeKey: `replaced:${plan.planId}:${organizationId}`,
      },
    ]);
  }
}
