import { PLAN_MACHINE_ID, planSetup } from './plan-setup';
import { planMachineV2 } from './plan.machine.v2';

/**
 * Version 3 of the plan's road: the clerk's issuance desk (Nghị định 30, Art. 5 and 32: the
 * văn thư numbers, dates and applies the organization's seal and signature after the
 * competent person has signed). SIGN leads to `awaitingIssue` where the organization issues
 * at the desk (its setting, a fact of the SIGN event), or straight on to `signed` where it
 * keeps automatic issuance. At the desk the clerk issues (ISSUE, then the issuance's jobs as
 * before) or refuses with a reason (REFUSE_ISSUE), which sends the plan back to its signer.
 * Everything else is version 2's chart.
 */
export const PLAN_MACHINE_V3 = '3';

const { context, initial, states } = planMachineV2.config;
const v2States = states as Record<string, { meta?: object; on?: Record<string, unknown> }>;

export const planMachineV3 = planSetup.createMachine({
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_V3,
  context: context as never,
  initial: initial as 'draft',
  states: {
    ...(states as object),
    awaitingSignature: {
      ...v2States.awaitingSignature,
      on: {
        ...v2States.awaitingSignature.on,
        SIGN: [
          { guard: 'maySignForTheDesk', target: 'awaitingIssue', actions: ['recordSignature', 'awaitClerk', 'tellDrafter'] },
          { guard: 'maySignAndIssue', target: 'signed', actions: ['recordSignature', 'requestIssuance', 'tellDrafter'] },
        ],
      },
    },
    /** Chờ cấp số: signed by its signer, at the văn thư's desk for number, date, seal and the organization's signature. */
    awaitingIssue: {
      // Metadata, not behaviour: whom the reminders go to while the plan waits at the desk.
      meta: { awaits: 'clerks' },
      on: {
        ISSUE: { guard: 'mayIssueAtDesk', target: 'signed', actions: 'requestIssuance' },
        REFUSE_ISSUE: { guard: 'mayRefuseIssue', target: 'awaitingSignature', actions: ['recordIssueRefusal', 'awaitSigner', 'tellDrafter'] },
      },
    },
  } as typeof states,
});

/** A v2 snapshot as v3 stores it: every v2 state exists in v3 unchanged; the context gains `issueRefusal`. */
export function migrateFromV2<T extends { context: object }>(persisted: T): T {
  return { ...persisted, context: { issueRefusal: null, ...persisted.context } };
}
