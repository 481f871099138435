import { defineJob } from '@app/jobs';

/** { planId }: the plan moves to `distributing` (and on to `distributed` at once if it has nothing to send). */
export interface DistributionStartJob {
  planId: string;
}

/**
 * { planId }: attempt the plan's deliveries that are due. One job per plan and wake-up (issue,
 * each scheduled retry, a resend), not per delivery: the delivery rows carry each one's status,
 * attempts and next attempt, and one run attempts many of them at once (DELIVERY_CONCURRENCY).
 */
export interface DistributionDeliverJob {
  planId: string;
}

const planPayload = {
  type: 'object',
  properties: { planId: { type: 'string', format: 'uuid' } },
  required: ['planId'],
  additionalProperties: false,
} as const;

/**
 * { planId }: plan the deliveries of a plan just issued (one per recipient line and channel) and
 * start them. Enqueued in the ISSUED transaction: the taker of the machine's `handOverToDistribution`.
 */
export const DISTRIBUTION_CREATE_JOB = defineJob<DistributionStartJob>({
  name: 'distribution_create',
  version: 1,
  schema: planPayload,
  retryLimit: 10,
  retryDelaySeconds: 10,
});

export const DISTRIBUTION_START_JOB = defineJob<DistributionStartJob>({
  name: 'distribution_start',
  version: 1,
  schema: planPayload,
  retryLimit: 10,
  retryDelaySeconds: 10,
});

export const DISTRIBUTION_DELIVER_JOB = defineJob<DistributionDeliverJob>({
  name: 'distribution_deliver',
  version: 1,
  schema: planPayload,
  // Failed deliveries schedule their own retries; these cover a run that crashed as a whole.
  retryLimit: 10,
  retryDelaySeconds: 10,
  // A run stops taking new deliveries after RUN_BUDGET_MS and hands over to a new job.
  expireInSeconds: 5 * 60,
});
