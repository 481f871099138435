import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { MetricsService } from '@app/metrics';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import type { DeliveryChannel, DeliveryPurpose } from '../delivery-states';
import { DistributionQueue } from '../distribution.ports';
import { webhookPayload } from './delivery-message';
import { DistributionProgressService } from './distribution-progress.service';
import { IssuedPlanFactsService } from './issued-plan-facts.service';
import { nextAttemptDelayMs } from './retry-policy';
import { runAll } from './run-all';

export type AttemptOutcome = 'delivered' | 'failed' | 'dead' | 'skipped';

const RETRY_WINDOW_MS = 5_000;

interface ClaimedDelivery {
  id: string;
  planId: string;
  recipientId: string;
  recipientName: string;
  channel: DeliveryChannel;
  /** The plan itself, or the notice of its revocation or replacement. */
  purpose: DeliveryPurpose;
  target: string;
  organizationId: string | null;
  attempts: number;
}

/**
 * One attempt of one delivery, safe to run any number of times and in any number of processes:
 * 1. claim the delivery for a while (status `sent`, attempts + 1) unless it has ended or another
 *    worker holds it; a worker that dies lets it go when the claim expires;
 * 2. send it (outside any transaction: a slow SMTP server holds no database lock);
 * 3. record the outcome; once committed, see whether the plan's distribution ended.
 * A crash between 2 and 3 sends again: the inbox by its unique key changes nothing, mail and
 * webhook carry the delivery's id so the receiver recognizes the repeat.
 */
@Injectable()
export class DeliveryRunnerService implements OnModuleDestroy {
  private readonly logger = new Logger('Distribution');
  private stopping = false;
  /** Deliveries this process is attempting now: their claims are renewed by the heartbeat. */
  private readonly held = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly facts: IssuedPlanFactsService,
    private readonly progress: DistributionProgressService,
    private readonly queue: DistributionQueue,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly metrics: MetricsService,
  ) {}

  /** The application is closing: runs finish the batch in hand and take no other. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  async attempt(deliveryId: string): Promise<AttemptOutcome> {
    const delivery = await this.claim(deliveryId);
    if (!delivery) return 'skipped';
    this.hold(delivery.id);
    try {
      const outcome = await this.send(delivery);
      this.metrics.deliveries.inc({ channel: delivery.channel, outcome });
      return outcome;
    } finally {
      this.release(delivery.id);
    }
  }

  /**
   * The heartbeat: while this process attempts a delivery it renews the claim every third of
   * DELIVERY_CLAIM_SECONDS, so the claim can be short (a process that died lets its deliveries
   * go within that time, and the sweep resumes them) while a slow send keeps its delivery.
   */
  private hold(id: string): void {
    this.held.add(id);
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.renewClaims(), (this.config.deliveryClaimSeconds * 1000) / 3);
    this.heartbeat.unref();
  }

  private release(id: string): void {
    this.held.delete(id);
    if (this.held.size || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async renewClaims(): Promise<void> {
    if (!this.held.size) return;
    try {
      await this.dataSource.query(
        `UPDATE delivery SET claimed_until = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
        [[...this.held], this.config.deliveryClaimSeconds],
      );
    } catch (error) {
      this.logger.warn({ message: 'could not renew delivery claims', error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    let ended: boolean;
    try {
      if (delivery.channel === 'inbox' || delivery.channel === 'archive') {
        // Both stay inside the database: the effect and its record commit together.
        ended = await this.dataSource.transaction(async (manager) => {
          if (delivery.channel === 'inbox') {
            const plan = await this.facts.load(delivery.planId, manager);
            if (delivery.purpose === 'revocation')
              await this.inbox.revoke(manager, delivery.target, plan, await this.facts.revocation(delivery.planId, manager));
            else if (delivery.purpose === 'replacement')
              await this.inbox.replace(manager, delivery.target, plan, await this.facts.replacement(delivery.planId, manager));
            else await this.inbox.deliver(manager, delivery.id, delivery.target, plan);
          }
          return this.recordDelivered(manager, delivery, null);
        });
      } else {
        const messageId = delivery.channel === 'email' ? await this.sendMail(delivery) : await this.callWebhook(delivery);
        ended = await this.recordDelivered(this.dataSource.manager, delivery, messageId);
      }
    } catch (error) {
      return this.recordFailure(delivery, error);
    }
    // Only the plan's own deliveries move it on (to `distributed`); a revocation or replacement notice ends on its own.
    if (ended && delivery.purpose === 'issue') await this.settle(delivery.planId);
    return 'delivered';
  }

  /**
   * The deliver job: attempts the plan's due deliveries, DELIVERY_CONCURRENCY at a time, batch
   * after batch, for at most `budgetMs`. Returns whether due deliveries remain (the caller hands
   * over to a new job then, so that one long run never holds the queue or outlives its expiry).
   */
  async attemptDue(planId: string, budgetMs: number): Promise<{ attempted: number; more: boolean }> {
    const until = Date.now() + budgetMs;
    const batch = this.config.deliveryConcurrency * 4;
    let attempted = 0;
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM delivery
          WHERE plan_id = $1
            AND ((status IN ('queued', 'failed') AND next_attempt_at <= now() + interval '2 seconds' AND (claimed_until IS NULL OR claimed_until < now()))
              OR (status = 'sent' AND claimed_until < now()))
          ORDER BY next_attempt_at
          LIMIT $2`,
        [planId, batch],
      );
      if (!rows.length) return { attempted, more: false };
      let progressed = 0;
      await runAll(rows, this.config.deliveryConcurrency, async ({ id }) => {
        if ((await this.attempt(id)) !== 'skipped') progressed++;
      });
      attempted += progressed;
      // Nothing could be claimed (other workers hold them): they are theirs to finish.
      if (!progressed) return { attempted, more: false };
      if (rows.length < batch) return { attempted, more: false };
      if (Date.now() > until || this.stopping) return { attempted, more: true };
    }
  }

  private async claim(deliveryId: string): Promise<ClaimedDelivery | null> {
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `UPDATE delivery
          SET status = 'sent', attempts = attempts + 1, claimed_until = now() + make_interval(secs => $2),
              updated_at = now(), row_version = row_version + 1
        WHERE id = $1
          AND (status IN ('queued', 'failed') OR (status = 'sent' AND claimed_until < now()))
          AND (claimed_until IS NULL OR claimed_until < now())
          -- a repeated job never cuts a back-off short (a little slack for clocks)
          AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '2 seconds')
        RETURNING id, plan_id AS "planId", recipient_id AS "recipientId", recipient_name AS "recipientName",
                  channel, purpose, target, organization_id AS "organizationId", attempts`,
      [deliveryId, this.config.deliveryClaimSeconds],
    );
    return rows[0] ?? null;
  }

  /**
   * The plan with its PDF, or the notice of its revocation or replacement (no attachment: the
   * recipient deletes the copy it has; the replacing plan comes with its own mail).
   */
  private async sendMail(delivery: ClaimedDelivery): Promise<string> {
    const plan = await this.facts.load(delivery.planId);
    const revocation = await this.revocationOf(delivery);
    const replacement = await this.replacementOf(delivery);
    const pdf = delivery.purpose === 'issue' ? await this.facts.pdf(plan.pdfSha256) : null;
    return this.email.send({
      deliveryId: delivery.id,
      to: delivery.target,
      recipientName: delivery.recipientName,
      plan,
      pdf,
      revocation,
      replacement,
    });
  }

  private async revocationOf(delivery: ClaimedDelivery) {
    return delivery.purpose === 'revocation' ? this.facts.revocation(delivery.planId) : null;
  }

  private async replacementOf(delivery: ClaimedDelivery) {
    return delivery.purpose === 'replacement' ? this.facts.replacement(delivery.planId) : null;
  }

  private async callWebhook(delivery: ClaimedDelivery): Promise<string> {
    const plan = await this.facts.load(delivery.planId);
    const org = delivery.organizationId
      ? await this.dataSource
          .getRepository(Organization)
          .createQueryBuilder('o')
          .addSelect('o.webhookSecret')
          .where('o.id = :id', { id: delivery.organizationId })
          .getOne()
      : null;
    const body = webhookPayload(
      plan,
      delivery,
      `${this.config.publicUrl}/api/plans/${plan.planId}/pdf`,
      await this.revocationOf(delivery),
      await this.replacementOf(delivery),
    );
    await this.webhook.send(delivery.target, delivery.id, body, org?.webhookSecret ?? null);
    return delivery.id;
  }

  /** True when this call ended the delivery (false: another worker had recorded it). */
  private async recordDelivered(manager: EntityManager, delivery: ClaimedDelivery, messageId: string | null): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE delivery
          SET status = 'delivered', delivered_at = now(), sent_at = COALESCE(sent_at, now()), message_id = COALESCE($2, message_id),
              last_error = NULL, next_attempt_at = NULL, claimed_until = NULL, updated_at = now(), row_version = row_version + 1
        WHERE id = $1 AND status IN ('queued', 'failed', 'sent')
        RETURNING id`,
      [delivery.id, messageId],
    );
    return rows.length > 0;
  }

  private async recordFailure(delivery: ClaimedDelivery, error: unknown): Promise<AttemptOutcome> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const delay = nextAttemptDelayMs(delivery.attempts, this.config.deliveryRetryLimit, this.config.deliveryRetryDelaySeconds);
    const outcome: AttemptOutcome = delay === null ? 'dead' : 'failed';
    this.logger.warn({ deliveryId: delivery.id, channel: delivery.channel, attempt: delivery.attempts, outcome, error: message });
    const recorded = await this.dataSource.transaction(async (manager) => {
      const [rows]: [{ nextAttemptAt: Date | null }[], number] = await manager.query(
        `UPDATE delivery
            SET status = $2::delivery_status, last_error = $3, claimed_until = NULL,
                next_attempt_at = CASE WHEN $4::int IS NULL THEN NULL ELSE now() + make_interval(secs => $4::int / 1000.0) END,
                updated_at = now(), row_version = row_version + 1
          WHERE id = $1 AND status = 'sent'
          RETURNING next_attempt_at AS "nextAttemptAt"`,
        [delivery.id, outcome, message, delay],
      );
      if (!rows.length) return false; // another worker recorded it meanwhile
      const retryAt = rows[0].nextAttemptAt;
      if (outcome === 'failed' && retryAt) {
        // Failures due within one short window share one run (one job, one line in the plan's trail).
        const windowMs = Math.min(RETRY_WINDOW_MS, this.config.deliveryRetryDelaySeconds * 1000);
        const windowEnd = Math.ceil(retryAt.getTime() / windowMs) * windowMs;
        await this.queue.enqueueDeliveries(manager, delivery.planId, new Date(windowEnd), `${delivery.planId}:retry:${windowEnd}`);
      }
      return true;
    });
    if (recorded && outcome === 'dead' && delivery.purpose === 'issue') await this.settle(delivery.planId);
    return outcome;
  }

  /** The delivery has ended whatever happens here; a plan left behind is moved on by the sweeper. */
  private async settle(planId: string): Promise<void> {
    try {
      await this.progress.settle(planId);
    } catch (error) {
      this.logger.error({
        planId,
        message: 'could not move the plan on after its deliveries',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
