import { PLAN_MACHINE_ID, planSetup } from './plan-setup';

/**
 * Version 1 of the plan's road. Kept while stored plans use it; its snapshots migrate to
 * version 2 (plan.machine.v2.ts) when a plan is loaded. Never change its states or context.
 */
export const PLAN_MACHINE_V1 = '1';

export const planMachineV1 = planSetup.createMachine({
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_V1,
  context: ({ input }) => ({
    drafterId: input.drafterId,
    round: input.round ?? 1,
    submittedVersion: null,
    chain: [],
    step: 0,
    approvals: [],
    consultation: null,
    consultationRounds: 0,
    openComments: [],
    lastReturn: null,
    signedBy: null,
    authorityId: null,
    cancelReason: null,
  }),
  initial: 'draft',
  states: {
    /** DỰ THẢO: the drafter writes, circulates for comments, resolves them, submits. */
    draft: {
      tags: ['editable'],
      on: {
        SUBMIT: { guard: 'maySubmit', target: 'review', actions: ['freezeSubmission', 'awaitReviewer'] },
        CIRCULATE: { guard: 'mayCirculate', target: 'consultation', actions: ['openConsultation', 'scheduleConsultationDeadline', 'askConsultees'] },
        RESOLVE_COMMENT: { guard: 'mayResolveComment', actions: 'resolveComment' },
        CANCEL: { guard: 'mayCancel', target: 'cancelled', actions: 'recordCancel' },
      },
    },
    /** Xin ý kiến: consultees answer until all have, or the deadline passes. */
    consultation: {
      on: {
        COMMENT: [
          { guard: 'mayAnswerLast', target: 'draft', actions: ['recordAnswer', 'closeConsultation', 'tellDrafter'] },
          { guard: 'mayAnswer', actions: 'recordAnswer' },
        ],
        NO_COMMENT: [
          { guard: 'mayDeclineLast', target: 'draft', actions: ['recordAnswer', 'closeConsultation', 'tellDrafter'] },
          { guard: 'mayDecline', actions: 'recordAnswer' },
        ],
        DEADLINE: { guard: 'deadlineFires', target: 'draft', actions: ['closeConsultation', 'tellDrafter'] },
        WITHDRAW: { guard: 'mayWithdraw', target: 'draft', actions: 'closeConsultation' },
        CANCEL: { guard: 'mayCancel', target: 'cancelled', actions: 'recordCancel' },
      },
    },
    /** The organization's chain of review steps, in order (context.step). */
    review: {
      meta: { awaits: 'stepHolders' },
      on: {
        APPROVE: [
          { guard: 'mayApproveLast', target: 'awaitingSignature', actions: ['recordApproval', 'awaitSigner'] },
          { guard: 'mayApprove', actions: ['recordApproval', 'advanceStep', 'awaitReviewer'] },
        ],
        RETURN: { guard: 'mayReturnInReview', target: 'draft', actions: ['returnFromReview', 'tellDrafter'] },
        WITHDRAW: { guard: 'mayWithdraw', target: 'draft', actions: 'reopenDraft' },
        CANCEL: { guard: 'mayCancel', target: 'cancelled', actions: 'recordCancel' },
      },
    },
    awaitingSignature: {
      meta: { awaits: 'signers' },
      on: {
        SIGN: { guard: 'maySign', target: 'signed', actions: ['recordSignature', 'requestIssuance', 'tellDrafter'] },
        RETURN: { guard: 'mayReturnAtSignature', target: 'draft', actions: ['returnFromSignature', 'tellDrafter'] },
        WITHDRAW: { guard: 'mayWithdraw', target: 'draft', actions: 'reopenDraft' },
        CANCEL: { guard: 'mayCancel', target: 'cancelled', actions: 'recordCancel' },
      },
    },
    /** From here the system's jobs drive the plan: numbering, rendering, distribution. */
    signed: { on: { NUMBERED: { guard: 'bySystem', target: 'numbered' } } },
    numbered: { on: { ISSUED: { guard: 'bySystem', target: 'issued', actions: ['handOverToDistribution', 'handOverToCascade'] } } },
    issued: { tags: ['issued'], on: { DISTRIBUTION_STARTED: { guard: 'bySystem', target: 'distributing' } } },
    distributing: { tags: ['issued'], on: { DISTRIBUTED: { guard: 'bySystem', target: 'distributed' } } },
    distributed: { tags: ['issued'], type: 'final' },
    cancelled: { tags: ['cancelled'], type: 'final' },
  },
});
