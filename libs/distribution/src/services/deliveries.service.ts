import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, audits, hasRole } from '@app/common';
import { Organization } from '@app/identity';
import { Plan, PlanAccessService, PlansService } from '@app/plans';
import {
  CHANNEL_LABEL,
  DELIVERY_PURPOSE_LABEL,
  DELIVERY_STATUS_LABEL,
  DELIVERY_STATUSES,
  EDXML_STATUS_CODE,
  ENDED_STATUSES,
} from '../delivery-states';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { DistributionQueue } from '../distribution.ports';
import { DeliveryCountsDto, DeliveryDto, PlanDeliveriesDto, RecipientDeliveriesDto } from '../dtos/delivery.dto';
import { Delivery } from '../entities/delivery.entity';

/** Statuses a clerk may send again: dead, or failed and waiting for its next attempt. */
const RESENDABLE = ['dead', 'failed'];

/** The sender's side: every recipient line's deliveries with their status, and resending. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planAccess: PlanAccessService,
    private readonly plans: PlansService,
    private readonly queue: DistributionQueue,
    private readonly audit: AuditService,
  ) {}

  /** Recipient lines in printed order, each with its deliveries; lines no channel reaches are sent on paper. */
  async forPlan(actor: Actor, planId: string): Promise<PlanDeliveriesDto> {
    const plan = await this.senderPlan(actor, planId);
    const content = await this.plans.contentOf(plan);
    const deliveries = await this.dataSource.getRepository(Delivery).find({ where: { planId }, order: { createdAt: 'ASC', channel: 'ASC' } });
    const names = await this.organizationNames(deliveries);
    const isClerk = hasRole(actor, 'clerk', plan.organizationId);
    const byLine = new Map<string, DeliveryDto[]>();
    for (const d of deliveries) byLine.set(d.recipientId, [...(byLine.get(d.recipientId) ?? []), toDeliveryDto(d, names, isClerk)]);
    const recipients: RecipientDeliveriesDto[] = content.recipients.map((line) => ({
      recipientId: line.id,
      name: line.name,
      purpose: line.purpose,
      organizationId: line.organizationId,
      paperOnly: !byLine.has(line.id),
      deliveries: byLine.get(line.id) ?? [],
    }));
    const notices = deliveries.filter((d) => d.purpose === 'revocation');
    const replacementNotices = deliveries.filter((d) => d.purpose === 'replacement');
    return {
      planId,
      state: plan.state,
      numberSymbol: plan.numberSymbol,
      counts: countsOf(deliveries.filter((d) => d.purpose === 'issue')),
      revocationCounts: notices.length ? countsOf(notices) : null,
      replacementCounts: replacementNotices.length ? countsOf(replacementNotices) : null,
      recipients,
    };
  }

  /** A clerk of the issuing organization sends a dead (or waiting) delivery again, now, with a fresh set of attempts. */
  async resend(actor: Actor, deliveryId: string): Promise<DeliveryDto> {
    const resent = await this.dataSource.transaction(async (manager) => {
      const delivery = await manager.getRepository(Delivery).findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw new DistributionError(DistributionErrorCode.DeliveryNotFound, `Không tìm thấy lượt gửi ${deliveryId}`);
      const plan = await this.senderPlan(actor, delivery.planId, manager);
      if (!hasRole(actor, 'clerk', plan.organizationId)) {
        throw new DistributionError(DistributionErrorCode.Forbidden, 'Chỉ văn thư của cơ quan ban hành mới được gửi lại');
      }
      if (!RESENDABLE.includes(delivery.status)) {
        throw new DistributionError(
          DistributionErrorCode.DeliveryNotResendable,
          `Lượt gửi đang ở trạng thái "${DELIVERY_STATUS_LABEL[delivery.status]}", không gửi lại được`,
          {
            status: delivery.status,
            resendableStatuses: RESENDABLE,
          },
        );
      }
      await manager.query(
        `UPDATE delivery SET status = 'queued', attempts = 0, next_attempt_at = now(), claimed_until = NULL, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [deliveryId],
      );
      await this.queue.enqueueDeliveries(manager, delivery.planId);
      await this.audit.append(manager, {
        planId: plan.id,
        organizationId: plan.organizationId,
        actor: { id: actor.id, fullName: actor.fullName },
        event: 'DELIVERY_RESENT',
        fromState: plan.state,
        toState: plan.state,
        data: {
          deliveryId,
          recipientId: delivery.recipientId,
          recipientName: delivery.recipientName,
          channel: delivery.channel,
          previousStatus: delivery.status,
          attempts: delivery.attempts,
          lastError: delivery.lastError,
        },
      });
      const saved = await manager.getRepository(Delivery).findOneOrFail({ where: { id: deliveryId } });
      return toDeliveryDto(saved, await this.organizationNames([saved]), true);
    });
    this.queue.wake();
    return resent;
  }

  /** The plan, for someone of its issuing organization (or an auditor); 404 for those who may not read it at all. */
  private async senderPlan(actor: Actor, planId: string, manager = this.dataSource.manager): Promise<Plan> {
    const plan = await this.planAccess.readable(actor, planId, manager);
    if (!audits(actor, plan.organizationId) && !actor.memberships.some((m) => m.organizationId === plan.organizationId)) {
      throw new DistributionError(DistributionErrorCode.Forbidden, 'Chỉ cơ quan ban hành mới xem được tình hình gửi văn bản');
    }
    return plan;
  }

  private async organizationNames(deliveries: Delivery[]): Promise<Map<string, string>> {
    const ids = [...new Set(deliveries.filter((d) => d.channel === 'inbox' || d.channel === 'archive').map((d) => d.target))];
    if (!ids.length) return new Map();
    const orgs = await this.dataSource.getRepository(Organization).find({ where: { id: In(ids) }, select: { id: true, fullName: true } });
    return new Map(orgs.map((o) => [o.id, o.fullName]));
  }
}

export function countsOf(deliveries: Pick<Delivery, 'status'>[]): DeliveryCountsDto {
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<(typeof DELIVERY_STATUSES)[number], number>;
  for (const d of deliveries) counts[d.status]++;
  const ended = ENDED_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const total = deliveries.length;
  return { total, ...counts, ended, percent: total ? Math.floor((ended * 100) / total) : 100 };
}

function toDeliveryDto(d: Delivery, names: Map<string, string>, isClerk: boolean): DeliveryDto {
  return {
    id: d.id,
    planId: d.planId,
    recipientId: d.recipientId,
    recipientName: d.recipientName,
    channel: d.channel,
    channelLabel:
      d.purpose === 'issue' ? CHANNEL_LABEL[d.channel] : `${CHANNEL_LABEL[d.channel]}: ${DELIVERY_PURPOSE_LABEL[d.purpose].toLowerCase()}`,
    purpose: d.purpose,
    target: d.channel === 'webhook' ? withoutQuery(d.target) : (names.get(d.target) ?? d.target),
    organizationId: d.organizationId,
    status: d.status,
    statusLabel: DELIVERY_STATUS_LABEL[d.status],
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt,
    sentAt: d.sentAt,
    deliveredAt: d.deliveredAt,
    acknowledgedAt: d.acknowledgedAt,
    handlingStatus: d.handlingStatus,
    handlingStatusCode: d.handlingStatus ? EDXML_STATUS_CODE[d.handlingStatus] : null,
    messageId: d.messageId,
    canResend: isClerk && RESENDABLE.includes(d.status),
    rowVersion: d.rowVersion,
  };
}

/** A webhook address may carry a token in its query: never shown. */
function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}
