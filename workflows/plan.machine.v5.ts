import { planMachineAfterIssuance } from './plan.machine.after-issuance';
import { PLAN_MACHINE_ID, planSetup } from './plan-setup';

/**
 * Version 5, over version 4's chart (issue 17, part 2 and 3):
 * - Replacement (thay thế, Nghị định 30 Art. 18: an error of content is corrected by a new
 *   document that replaces the old one). When the replacement is issued, the system sends
 *   REPLACED to the distributed plan it replaces, which becomes `replaced`: still numbered and
 *   filed (tag `issued`), no longer in force. A revoked plan is not in force already and cannot
 *   be replaced (REPLACED is known in `distributed` only).
 * - The short road of a correction notice (đính chính): a SUBMIT whose chain is empty (the
 *   service passes none for a correction notice; an organization's own chain is never empty)
 *   goes straight to the signer; every other SUBMIT goes to review as before.
 */
export const PLAN_MACHINE_V5 = '5';

// The previous version's chart (checked where it is written) with the states this version changes.
const { context, initial, states } = planMachineAfterIssuance.config;
const before = states as Record<string, { on?: Record<string, unknown> }>;

export const planMachineV5 = planSetup.createMachine({
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_V5,
  context: context as never,
  initial: initial as 'draft',
  states: {
    ...(states as object),
    draft: {
      ...before.draft,
      on: {
        ...before.draft.on,
        SUBMIT: [
          // the signers are told as after the last APPROVE
          { guard: 'maySubmitWithoutReview', target: 'awaitingSignature', actions: ['freezeSubmission', 'awaitSigner'] },
          { guard: 'maySubmit', target: 'review', actions: ['freezeSubmission', 'awaitReviewer'] },
        ],
      },
    },
    distributed: {
      ...before.distributed,
      on: {
        ...before.distributed.on,
        REPLACED: { guard: 'bySystem', target: 'replaced', actions: ['tellRecipientsOfReplacement', 'relinkChildren'] },
      },
    },
    /** Đã được thay thế: the register keeps its line; the replacement is in force in its place. */
    replaced: { tags: ['issued', 'replaced'] },
  } as typeof states,
});

/** A v4 snapshot as v5 stores it: every v4 state exists here unchanged, and the context is v4's. */
export function migrateToV5<T extends { status: string; value: unknown }>(persisted: T): T {
  return persisted;
}
