import { defineJob } from '@app/jobs';

/**
 * Issues a signed plan (number, render, sign, store, hand over): enqueued by the issuance's
 * taker of the machine's `requestIssuance` effect, in the transaction of SIGN (automatic
 * issuance) or of the clerk's ISSUE at the desk.
 */
export interface PlanIssueJob {
  planId: string;
  /** The audit sequence of the event that asked for it (SIGN, or ISSUE at the desk), for the handler's own idempotency checks. */
  signedSeq: number;
  /** At the desk: the register the clerk chose (absent: the register of the plan's type). */
  registerId?: string;
  /** At the desk: when the clerk issued (the date on the document follows from it, not from the signature). */
  issuedAt?: string;
}

export const PLAN_ISSUE_JOB = defineJob<PlanIssueJob>({
  name: 'plan_issue',
  version: 1,
  schema: {
    type: 'object',
    properties: {
      planId: { type: 'string', format: 'uuid' },
      signedSeq: { type: 'integer', minimum: 1 },
      registerId: { type: 'string', format: 'uuid', nullable: true },
      issuedAt: { type: 'string', format: 'date-time', nullable: true },
    },
    required: ['planId', 'signedSeq'],
    additionalProperties: false,
  },
  retryLimit: 10,
  retryDelaySeconds: 30,
});
