import { planMachineV3 } from './plan.machine.v3';
import { PLAN_MACHINE_ID, planSetup } from './plan-setup';

/**
 * Version 4, the plan's road after issuance (issue 17), over version 3's chart: a distributed
 * plan may be revoked (thu hồi, Nghị định 30 Art. 18) by a signer of the issuing organization or
 * of the one above it, with step-up and a reason. A revoked plan keeps its number, date and PDF
 * (tag `issued`) and is not final: a replacement may follow it. A child plan not yet signed is
 * cancelled when its parent is revoked (PARENT_REVOKED, sent by the cascade), including one
 * signed but still waiting at the clerk's desk (`awaitingIssue`): it has no number yet.
 */
export const PLAN_MACHINE_AFTER_ISSUANCE = '4';

// The previous version's chart (checked where it is written) with the states this version changes.
const { context, initial, states } = planMachineV3.config;
const before = states as Record<string, { on?: Record<string, unknown> }>;

/** The parent was revoked: a draft still on its road stops there, with the parent's reason. */
const PARENT_REVOKED = { guard: 'bySystem', target: 'cancelled', actions: 'recordParentRevoked' } as const;
const stoppedByParent = (state: string) => ({ ...before[state], on: { ...before[state].on, PARENT_REVOKED } });

export const planMachineAfterIssuance = planSetup.createMachine({
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_AFTER_ISSUANCE,
  context: context as never,
  initial: initial as 'draft',
  states: {
    ...(states as object),
    draft: stoppedByParent('draft'),
    consultation: stoppedByParent('consultation'),
    review: stoppedByParent('review'),
    awaitingSignature: stoppedByParent('awaitingSignature'),
    awaitingIssue: stoppedByParent('awaitingIssue'),
    distributed: {
      tags: ['issued'],
      on: { REVOKE: { guard: 'mayRevoke', target: 'revoked', actions: ['tellRecipientsOfRevocation', 'revokeChildren'] } },
    },
    /** Đã thu hồi: the register keeps its line, its recipients were told; a replacement may follow. */
    revoked: { tags: ['issued', 'revoked'] },
  } as typeof states,
});

/** A v3 snapshot as v4 stores it: every v3 state exists here unchanged, and the context is v3's. */
export function migrateToAfterIssuance<T extends { status: string; value: unknown }>(persisted: T): T {
  return persisted;
}
