import { defineJob } from '@app/jobs';

/**
 * Issues a signed plan (number, render, sign, store, hand over): enqueued in the SIGN
 * transaction by the issuance's taker of the machine's `requestIssuance` effect.
 */
export interface PlanIssueJob {
  planId: string;
  /** The audit sequence of the SIGN event, for the handler's own idempotency checks. */
  signedSeq: number;
}

export const PLAN_ISSUE_JOB = defineJob<PlanIssueJob>({
  name: 'plan_issue',
  version: 1,
  schema: {
    type: 'object',
    properties: { planId: { type: 'string', format: 'uuid' }, signedSeq: { type: 'integer', minimum: 1 } },
    required: ['planId', 'signedSeq'],
    additionalProperties: false,
  },
  retryLimit: 10,
  retryDelaySeconds: 30,
});
