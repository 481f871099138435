import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { Plan, PlanVersion } from '@app/plans';
import { PlanHandOversService, TransitionDone } from '@app/workflow';
import { DISTRIBUTION_DELIVER_JOB } from '../jobs/distribution-jobs';
import { DistributionQueue } from '../distribution.ports';
import { emailEnabled } from '../mail-sink/demo-mail-sink.service';
import { planDeliveries, RecipientOrganization } from './delivery-planner';

/**
 * Takes the machine's `tellRecipientsOfReplacement` (REPLACED, sent when the replacing plan is
 * issued), in that issuance's own transaction: one `replacement` delivery on the old plan for
 * each recipient the old plan reached and each recipient line of the new one, by the same
 * channel and target, and the job that sends them. A recipient on both lists is told once (one
 * notice per channel and target); they then go like the plan did (claimed, retried, swept
 * after a crash, once by the unique (plan, line, channel, purpose)).
 */
@Injectable()
export class ReplacementNoticesService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly queue: DistributionQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.handOvers.register('tellRecipientsOfReplacement', {
      queues: [DISTRIBUTION_DELIVER_JOB.queue],
      take: (manager, done) => this.createNotices(manager, done),
    });
  }

  /** Returns how many notices were planned (none more on a repeat). */
  async createNotices(manager: EntityManager, done: Pick<TransitionDone, 'plan' | 'event'>): Promise<number> {
    if (done.event.type !== 'REPLACED') throw new Error(`tellRecipientsOfReplacement taken for ${done.event.type}`);
    const oldPlanId = done.plan.id;
    const replacing = await manager.findOneByOrFail(Plan, { id: done.event.replacementId });
    const version = await manager.findOneByOrFail(PlanVersion, {
      planId: replacing.id,
      version: replacing.submittedVersion ?? replacing.currentVersion,
    });
    const lines = version.content.recipients;
    const organizationIds = [...new Set(lines.map((line) => line.organizationId).filter((id): id is string => !!id))];
    const organizations = organizationIds.length ? await manager.find(Organization, { where: { id: In(organizationIds) } }) : [];
    const known = new Map<string, RecipientOrganization>(organizations.map((o) => [o.id, { id: o.id, email: o.email, webhookUrl: o.webhookUrl }]));
    const planned = planDeliveries(lines, replacing.organizationId, known, { email: emailEnabled(this.config) }).filter(
      (p) => p.channel !== 'archive',
    );
    const rows: unknown[] = await manager.query(
      `WITH candidates AS (
         SELECT recipient_id, recipient_name, channel, target, organization_id, 0 AS rank
           FROM delivery
          WHERE plan_id = $1 AND purpose = 'issue' AND channel <> 'archive' AND status IN ('delivered', 'acknowledged')
         UNION ALL
         SELECT r.recipient_id, r.recipient_name, r.channel::delivery_channel, r.target, r.organization_id, 1
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS r(recipient_id, recipient_name, channel, target, organization_id)
       ), chosen AS (
         -- one notice per channel and target: a recipient of both plans is told once
         SELECT DISTINCT ON (channel, target) * FROM candidates ORDER BY channel, target, rank
       )
       INSERT INTO delivery (plan_id, recipient_id, recipient_name, channel, purpose, target, organization_id, status, next_attempt_at, row_version)
       SELECT $1, c.recipient_id, c.recipient_name, c.channel, 'replacement', c.target, c.organization_id, 'queued', now(), 1
         FROM chosen c
        WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.plan_id = $1 AND d.purpose = 'replacement' AND d.channel = c.channel AND d.target = c.target)
       ON CONFLICT ON CONSTRAINT uq_delivery_plan_recipient_channel_purpose DO NOTHING
       RETURNING id`,
      [
        oldPlanId,
        planned.map((p) => p.recipientId),
        planned.map((p) => p.recipientName),
        planned.map((p) => p.channel),
        planned.map((p) => p.target),
        planned.map((p) => p.organizationId),
      ],
    );
    if (rows.length) await this.queue.enqueueDeliveries(manager, oldPlanId, undefined, `${oldPlanId}:replaced`);
    return rows.length;
  }
}
