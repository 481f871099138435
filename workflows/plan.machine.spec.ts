import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyMachineSnapshot } from 'xstate';
import {
  PATH_CHAIN,
  PATH_DEADLINE,
  PATH_NOW,
  PATH_PEOPLE as p,
  PATH_REVOCATION_REASON,
  PATH_REPLACEMENT_ID,
  roadState,
  shortestRoadPaths,
  simpleRoadPaths,
  correctionRoadPaths,
} from '../test/support/plan-paths';
import {
  allowedPlanEvents,
  EventSender,
  PersistedPlanSnapshot,
  AWAITING_STATES,
  awaitedIn,
  CANCELLED_STATES,
  EDITABLE_STATES,
  ISSUED_STATES,
  LATEST_PLAN_MACHINE_VERSION,
  PLAN_EVENT_TYPES,
  PLAN_EVENTS,
  PLAN_MACHINE_VERSIONS,
  PLAN_STATES,
  PlanEvent,
  PlanEventType,
  PlanMachineContext,
  PlanState,
  planMachineVersion,
  migratePlanSnapshot,
  planStateOf,
  persistPlanSnapshot,
  REVOKED_STATES,
  REPLACED_STATES,
  restorePlanSnapshot,
  startPlan,
  stepPlan,
} from './index';

/** Every version is held to the same road; where a version differs, the spec says so. */
const VERSIONS = PLAN_MACHINE_VERSIONS.map((v) => v.version);
let V = VERSIONS[0];
/** From v3 a signed plan waits at the clerk's desk (where its organization issues there). */
const hasDesk = (version: string) => Number(version) >= 3;

const BASE: PlanMachineContext = {
  drafterId: 'drafter',
  round: 1,
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
};

const SUBMITTED: Partial<PlanMachineContext> = { submittedVersion: 1, chain: PATH_CHAIN };

/** A representative context for each state, as the road leaves it there. */
const CONTEXT_IN: Record<PlanState, Partial<PlanMachineContext>> = {
  draft: {},
  consultation: {
    consultationRounds: 1,
    consultation: { round: 1, consultees: ['consulteeA', 'consulteeB'], answered: [], deadline: PATH_DEADLINE, version: 1 },
  },
  review: { ...SUBMITTED, step: 0 },
  awaitingSignature: {
    ...SUBMITTED,
    step: 1,
    approvals: [
      { step: 0, by: 'reviewer' },
      { step: 1, by: 'checker' },
    ],
  },
  awaitingIssue: { ...SUBMITTED, step: 1, signedBy: 'signer', authorityId: 'authority' },
  signed: { ...SUBMITTED, step: 1, signedBy: 'signer', authorityId: 'authority' },
  numbered: { ...SUBMITTED, signedBy: 'signer' },
  issued: { ...SUBMITTED, signedBy: 'signer' },
  distributing: { ...SUBMITTED, signedBy: 'signer' },
  distributed: { ...SUBMITTED, signedBy: 'signer' },
  revoked: { ...SUBMITTED, signedBy: 'signer' },
  replaced: { ...SUBMITTED, signedBy: 'signer' },
  cancelled: { cancelReason: 'Không còn cần thiết' },
};

/** The states and the events a version knows (a later version adds some: revocation after issuance). */
const statesOf = (version: string) => PLAN_STATES.filter((state) => state in (planMachineVersion(version).machine.config.states ?? {}));
const eventsOf = (version: string) =>
  PLAN_EVENT_TYPES.filter((type) =>
    Object.values(planMachineVersion(version).machine.config.states ?? {}).some((c) => type in ((c as { on?: object }).on ?? {})),
  );
/** The version knows what happens after issuance (REVOKE, PARENT_REVOKED, `revoked`). */
const knowsRevocation = (version: string) => statesOf(version).includes('revoked');
/** The version knows replacement (REPLACED, `replaced`) and the correction notice's short road (v5). */
const knowsReplacement = (version: string) => statesOf(version).includes('replaced');
const REPLACED_BY_SYSTEM: PlanEvent = { type: 'REPLACED', by: p.system, replacementId: PATH_REPLACEMENT_ID };
/** A correction notice's SUBMIT: no review chain. */
const SUBMIT_WITHOUT_REVIEW: PlanEvent = { type: 'SUBMIT', by: p.drafter, version: 1, formatErrors: 0, chain: [] };
const REVOKE_AS_SIGNER: PlanEvent = {
  type: 'REVOKE',
  by: p.signer,
  reason: PATH_REVOCATION_REASON,
  decisionNumber: '12-QĐ/TU',
  passwordConfirmed: true,
};

function at(state: PlanState, extra: Partial<PlanMachineContext> = {}): AnyMachineSnapshot {
  return planMachineVersion(V).machine.resolveState({ value: state, context: { ...BASE, ...CONTEXT_IN[state], ...extra } });
}

/** The event as the right person would send it, with a valid payload, in the given state. */
function qualified(type: PlanEventType, state: PlanState): PlanEvent {
  switch (type) {
    case 'SUBMIT':
      return { type, by: p.drafter, version: 1, formatErrors: 0, chain: PATH_CHAIN };
    case 'CIRCULATE':
      return { type, by: p.drafter, consultees: ['consulteeA', 'consulteeB'], deadline: PATH_DEADLINE, now: PATH_NOW, version: 1 };
    case 'COMMENT':
      return { type, by: p.consulteeA, commentIds: ['comment-1'] };
    case 'NO_COMMENT':
      return { type, by: p.consulteeB };
    case 'DEADLINE':
      return { type, by: p.system, round: 1 };
    case 'RESOLVE_COMMENT':
      return { type, by: p.drafter, commentId: 'open-comment', resolution: 'declined', note: 'Đã có trong mục II.2' };
    case 'APPROVE':
      return { type, by: p.reviewer, contentVersion: 1 };
    case 'RETURN':
      return { type, by: state === 'awaitingSignature' ? p.signer : p.reviewer, reason: 'Cần bổ sung chỉ tiêu' };
    case 'SIGN':
      return { type, by: p.signer, contentVersion: 1, passwordConfirmed: true, authorityId: 'authority', issuanceDesk: true };
    case 'ISSUE':
      return { type, by: p.clerk };
    case 'REFUSE_ISSUE':
      return { type, by: p.clerk, reason: 'Sai tên người ký' };
    case 'WITHDRAW':
      return { type, by: p.drafter };
    case 'CANCEL':
      return { type, by: p.drafter, reason: 'Không còn cần thiết' };
    case 'REVOKE':
      return REVOKE_AS_SIGNER;
    case 'PARENT_REVOKED':
      return { type, by: p.system, reason: PATH_REVOCATION_REASON };
    case 'REPLACED':
      return REPLACED_BY_SYSTEM;
    default:
      return { type, by: p.system } as PlanEvent;
  }
}

/** Every (state, event) pair the road allows, with the state it leads to; every other pair is refused. */
const ALLOWED_V2: Record<PlanState, Partial<Record<PlanEventType, PlanState>>> = {
  draft: { SUBMIT: 'review', CIRCULATE: 'consultation', RESOLVE_COMMENT: 'draft', CANCEL: 'cancelled' },
  consultation: { COMMENT: 'consultation', NO_COMMENT: 'consultation', DEADLINE: 'draft', WITHDRAW: 'draft', CANCEL: 'cancelled' },
  review: { APPROVE: 'review', RETURN: 'draft', WITHDRAW: 'draft', CANCEL: 'cancelled' },
  awaitingSignature: { SIGN: 'signed', RETURN: 'draft', WITHDRAW: 'draft', CANCEL: 'cancelled' },
  awaitingIssue: {},
  signed: { NUMBERED: 'numbered' },
  numbered: { ISSUED: 'issued' },
  issued: { DISTRIBUTION_STARTED: 'distributing' },
  distributing: { DISTRIBUTED: 'distributed' },
  distributed: {},
  revoked: {},
  replaced: {},
  cancelled: {},
};

/** v3: a qualified SIGN (at an organization with the desk) leads to the desk, where the clerk issues or refuses. */
const ALLOWED_V3: Record<PlanState, Partial<Record<PlanEventType, PlanState>>> = {
  ...ALLOWED_V2,
  awaitingSignature: { ...ALLOWED_V2.awaitingSignature, SIGN: 'awaitingIssue' },
  awaitingIssue: { ISSUE: 'signed', REFUSE_ISSUE: 'awaitingSignature' },
};

/** What a version that knows revocation (v4) adds to the road. */
const AFTER_ISSUANCE: Partial<Record<PlanState, Partial<Record<PlanEventType, PlanState>>>> = {
  draft: { PARENT_REVOKED: 'cancelled' },
  consultation: { PARENT_REVOKED: 'cancelled' },
  review: { PARENT_REVOKED: 'cancelled' },
  awaitingSignature: { PARENT_REVOKED: 'cancelled' },
  awaitingIssue: { PARENT_REVOKED: 'cancelled' },
  distributed: { REVOKE: 'revoked' },
};

/** What v5 adds: the replaced plan (the correction notice's SUBMIT is a payload of its own, see the guards). */
const REPLACEMENT: Partial<Record<PlanState, Partial<Record<PlanEventType, PlanState>>>> = {
  distributed: { REVOKE: 'revoked', REPLACED: 'replaced' },
};

function allowedOn(version: string, state: PlanState): Partial<Record<PlanEventType, PlanState>> {
  return {
    ...(hasDesk(version) ? ALLOWED_V3 : ALLOWED_V2)[state],
    ...(knowsRevocation(version) ? AFTER_ISSUANCE[state] : {}),
    ...(knowsReplacement(version) ? REPLACEMENT[state] : {}),
  };
}

function send(snapshot: AnyMachineSnapshot, event: PlanEvent) {
  return stepPlan(V, snapshot, event);
}

function expectRefused(snapshot: AnyMachineSnapshot, event: PlanEvent, code: string) {
  const result = send(snapshot, event);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.refusal.code).toBe(code);
    expect(result.refusal.reason).toMatch(/[à-ỹ]/);
  }
}

function expectStep(snapshot: AnyMachineSnapshot, event: PlanEvent) {
  const result = send(snapshot, event);
  if (!result.ok) throw new Error(`refused: ${result.refusal.code} ${result.refusal.reason}`);
  return result.result;
}

describe.each(VERSIONS)('plan machine v%s', (version) => {
  beforeAll(() => {
    V = version;
  });

  describe('plan machine: every (state, event) pair', () => {
    const pairs = statesOf(version).flatMap((state) => PLAN_EVENT_TYPES.map((type) => [state, type] as const));

    it('covers every state of the version and every event of the table', () => {
      // v1 and v2: 10 states; v3 adds the clerk's desk (awaitingIssue), v4 `revoked`, v5 `replaced`; 20 events (an event
      // a version does not know is refused in every state)
      expect(pairs).toHaveLength((10 + (hasDesk(version) ? 1 : 0) + (knowsRevocation(version) ? 1 : 0) + (knowsReplacement(version) ? 1 : 0)) * 20);
    });

    it.each(pairs)('%s + %s', (state, type) => {
      const expected = allowedOn(version, state)[type];
      const snapshot = at(state, type === 'RESOLVE_COMMENT' ? { openComments: ['open-comment'] } : {});
      const result = send(snapshot, qualified(type, state));
      if (expected) {
        expect(result.ok).toBe(true);
        if (result.ok) expect(planStateOf(result.result.snapshot)).toBe(expected);
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.refusal.code).toBe('not_in_state');
      }
    });
  });

  describe('plan machine: guards', () => {
    it('SUBMIT: only the drafter, with every comment resolved, a review chain and no format error', () => {
      expectRefused(at('draft'), { ...qualified('SUBMIT', 'draft'), by: p.reviewer }, 'byDrafter');
      expectRefused(at('draft', { openComments: ['c1', 'c2'] }), qualified('SUBMIT', 'draft'), 'noOpenComments');
      expectRefused(at('draft'), { type: 'SUBMIT', by: p.drafter, version: 1, formatErrors: 2, chain: PATH_CHAIN }, 'formatClean');
      // before v5 an empty chain is refused; from v5 it is a correction notice's short road (its own test)
      if (!knowsReplacement(V)) expectRefused(at('draft'), SUBMIT_WITHOUT_REVIEW, 'hasChain');
      const { snapshot, effects } = expectStep(at('draft', { round: 2 }), {
        type: 'SUBMIT',
        by: p.drafter,
        version: 7,
        formatErrors: 0,
        chain: PATH_CHAIN,
      });
      expect(snapshot.context).toMatchObject({ submittedVersion: 7, step: 0, chain: PATH_CHAIN, round: 2 });
      expect(effects).toEqual(['awaitReviewer']);
    });

    it('SUBMIT without a review chain (v5, a correction notice): the drafter, straight to the signers, who are told', () => {
      if (!knowsReplacement(V)) return expectRefused(at('draft'), SUBMIT_WITHOUT_REVIEW, 'hasChain');
      expectRefused(at('draft'), { ...SUBMIT_WITHOUT_REVIEW, by: p.reviewer } as PlanEvent, 'byDrafter');
      expectRefused(at('draft', { openComments: ['c1'] }), SUBMIT_WITHOUT_REVIEW, 'noOpenComments');
      expectRefused(at('draft'), { ...SUBMIT_WITHOUT_REVIEW, formatErrors: 1 } as PlanEvent, 'formatClean');
      const { snapshot, effects } = expectStep(at('draft'), SUBMIT_WITHOUT_REVIEW);
      expect(planStateOf(snapshot)).toBe('awaitingSignature');
      expect(snapshot.context).toMatchObject({ submittedVersion: 1, chain: [], step: 0, approvals: [] });
      expect(effects).toEqual(['awaitSigner']);
      // and on from there as any plan: signed, to the desk
      expect(planStateOf(expectStep(snapshot, qualified('SIGN', 'awaitingSignature')).snapshot)).toBe('awaitingIssue');
      // a plan with its chain still goes to review
      expect(planStateOf(expectStep(at('draft'), qualified('SUBMIT', 'draft')).snapshot)).toBe('review');
    });

    it('CIRCULATE: the drafter, to distinct consultees other than themself, before a future deadline', () => {
      expectRefused(at('draft'), { ...qualified('CIRCULATE', 'draft'), by: p.admin } as PlanEvent, 'byDrafter');
      expectRefused(at('draft'), { ...qualified('CIRCULATE', 'draft'), consultees: [] } as PlanEvent, 'hasConsultees');
      expectRefused(at('draft'), { ...qualified('CIRCULATE', 'draft'), consultees: ['consulteeA', 'drafter'] } as PlanEvent, 'hasConsultees');
      expectRefused(at('draft'), { ...qualified('CIRCULATE', 'draft'), consultees: ['consulteeA', 'consulteeA'] } as PlanEvent, 'hasConsultees');
      expectRefused(at('draft'), { ...qualified('CIRCULATE', 'draft'), deadline: '2024-01-01T00:00:00Z' } as PlanEvent, 'deadlineAhead');
      const { snapshot, effects } = expectStep(at('draft'), qualified('CIRCULATE', 'draft'));
      expect(snapshot.context.consultation).toEqual({
        round: 1,
        consultees: ['consulteeA', 'consulteeB'],
        answered: [],
        deadline: PATH_DEADLINE,
        version: 1,
      });
      expect(effects).toEqual(['scheduleConsultationDeadline', 'askConsultees']);
    });

    it('consultation: each invited person answers once; the last answer closes the round with comments to resolve', () => {
      const stranger: EventSender = { ...p.consulteeA, id: 'stranger' };
      expectRefused(at('consultation'), { type: 'NO_COMMENT', by: stranger }, 'byPendingConsultee');
      expectRefused(at('consultation'), { type: 'COMMENT', by: p.consulteeA, commentIds: [] }, 'hasComments');
      const first = expectStep(at('consultation'), { type: 'COMMENT', by: p.consulteeA, commentIds: ['k1', 'k2'] });
      expect(planStateOf(first.snapshot)).toBe('consultation');
      expect(first.effects).toEqual([]);
      expectRefused(first.snapshot, { type: 'NO_COMMENT', by: p.consulteeA }, 'byPendingConsultee');
      const last = expectStep(first.snapshot, { type: 'NO_COMMENT', by: p.consulteeB });
      expect(planStateOf(last.snapshot)).toBe('draft');
      expect(last.snapshot.context).toMatchObject({ consultation: null, openComments: ['k1', 'k2'] });
      expect(last.effects).toEqual(['tellDrafter']);
      // comments are answered one by one before the draft can go up
      expectRefused(last.snapshot, qualified('SUBMIT', 'draft'), 'noOpenComments');
      expectRefused(
        last.snapshot,
        { type: 'RESOLVE_COMMENT', by: p.drafter, commentId: 'k1', resolution: 'accepted', note: '' },
        'hasResolutionNote',
      );
      expectRefused(last.snapshot, { type: 'RESOLVE_COMMENT', by: p.drafter, commentId: 'nope', resolution: 'accepted', note: 'x' }, 'commentIsOpen');
      expectRefused(last.snapshot, { type: 'RESOLVE_COMMENT', by: p.reviewer, commentId: 'k1', resolution: 'accepted', note: 'x' }, 'byDrafter');
      const one = expectStep(last.snapshot, { type: 'RESOLVE_COMMENT', by: p.drafter, commentId: 'k1', resolution: 'accepted', note: 'Đã bổ sung' });
      const two = expectStep(one.snapshot, {
        type: 'RESOLVE_COMMENT',
        by: p.drafter,
        commentId: 'k2',
        resolution: 'declined',
        note: 'Không phù hợp',
      });
      expect(planStateOf(expectStep(two.snapshot, qualified('SUBMIT', 'draft')).snapshot)).toBe('review');
    });

    it('DEADLINE: only from the system, only for the round under way', () => {
      expectRefused(at('consultation'), { type: 'DEADLINE', by: p.drafter, round: 1 }, 'bySystem');
      expectRefused(at('consultation'), { type: 'DEADLINE', by: p.system, round: 0 }, 'deadlineOfThisRound');
      const { snapshot, effects } = expectStep(at('consultation'), { type: 'DEADLINE', by: p.system, round: 1 });
      expect(planStateOf(snapshot)).toBe('draft');
      expect(effects).toEqual(['tellDrafter']);
    });

    it('review: steps in order, each by its role, never by the drafter, on the submitted content', () => {
      const drafterReviewer: EventSender = { ...p.drafter, roles: ['drafter', 'reviewer'] };
      expectRefused(at('review'), { type: 'APPROVE', by: drafterReviewer, contentVersion: 1 }, 'notByDrafter');
      expectRefused(at('review'), { type: 'RETURN', by: drafterReviewer, reason: 'x' }, 'notByDrafter');
      expectRefused(at('review'), { type: 'APPROVE', by: { ...p.reviewer, authoredContent: true }, contentVersion: 1 }, 'notByDrafter');
      expectRefused(at('review'), { type: 'APPROVE', by: p.checker, contentVersion: 1 }, 'byStepHolder');
      expectRefused(at('review'), { type: 'APPROVE', by: p.reviewer, contentVersion: 2 }, 'contentFrozen');
      expectRefused(at('review'), { type: 'APPROVE', by: p.system, contentVersion: 1 }, 'byPerson');
      const first = expectStep(at('review'), { type: 'APPROVE', by: p.reviewer, contentVersion: 1 });
      expect(planStateOf(first.snapshot)).toBe('review');
      expect(first.snapshot.context).toMatchObject({ step: 1, approvals: [{ step: 0, by: 'reviewer' }] });
      expect(first.effects).toEqual(['awaitReviewer']);
      expectRefused(first.snapshot, { type: 'APPROVE', by: p.reviewer, contentVersion: 1 }, 'byStepHolder');
      const second = expectStep(first.snapshot, { type: 'APPROVE', by: p.checker, contentVersion: 1 });
      expect(planStateOf(second.snapshot)).toBe('awaitingSignature');
      expect(second.effects).toEqual(['awaitSigner']);
    });

    it('separation of duties: each review step needs another person, and the signer approved no step of the round, unless the office relaxed it', () => {
      const both: EventSender = { ...p.reviewer, roles: ['reviewer', 'format_checker', 'signer'], holdsAuthority: true };
      const first = expectStep(at('review'), { type: 'APPROVE', by: both, contentVersion: 1 });
      expectRefused(first.snapshot, { type: 'APPROVE', by: both, contentVersion: 1 }, 'notApproverThisRound');
      expect(allowedPlanEvents(V, first.snapshot, both)).toEqual(['RETURN']);
      const relaxed = { ...both, dutiesRelaxed: true };
      const second = expectStep(first.snapshot, { type: 'APPROVE', by: relaxed, contentVersion: 1 });
      expect(planStateOf(second.snapshot)).toBe('awaitingSignature');
      const sign = { type: 'SIGN', contentVersion: 1, passwordConfirmed: true, authorityId: 'authority' } as const;
      expectRefused(second.snapshot, { ...sign, by: both }, 'notApproverThisRound');
      expect(planStateOf(expectStep(second.snapshot, { ...sign, by: relaxed }).snapshot)).toBe('signed');
      // The approvals of a returned round do not count in the next one.
      const returned = expectStep(at('awaitingSignature'), { type: 'RETURN', by: p.signer, reason: 'Chưa rõ kinh phí' }).snapshot;
      expect(returned.context.approvals).toEqual([]);
    });

    it('RETURN: a reason is required; the plan goes back to draft in a new round', () => {
      expectRefused(at('review'), { type: 'RETURN', by: p.reviewer, reason: '  ' }, 'hasReason');
      const { snapshot, effects } = expectStep(at('review', { round: 1, step: 1 }), { type: 'RETURN', by: p.checker, reason: 'Sai thể thức' });
      expect(planStateOf(snapshot)).toBe('draft');
      expect(snapshot.context).toMatchObject({
        round: 2,
        lastReturn: { by: 'checker', reason: 'Sai thể thức', from: 'review', step: 1 },
        approvals: [],
        step: 0,
      });
      expect(effects).toEqual(['tellDrafter']);
      const fromSignature = expectStep(at('awaitingSignature'), { type: 'RETURN', by: p.signer, reason: 'Chưa rõ kinh phí' });
      expect(fromSignature.snapshot.context.lastReturn).toEqual({ by: 'signer', reason: 'Chưa rõ kinh phí', from: 'awaitingSignature', step: null });
      expectRefused(at('awaitingSignature'), { type: 'RETURN', by: p.reviewer, reason: 'x' }, 'bySigner');
    });

    it('SIGN: authority in the printed capacity, not the drafter, the submitted content, the password re-entered', () => {
      expectRefused(at('awaitingSignature'), { ...qualified('SIGN', 'awaitingSignature'), by: p.reviewer } as PlanEvent, 'bySigner');
      expectRefused(
        at('awaitingSignature'),
        { ...qualified('SIGN', 'awaitingSignature'), by: { ...p.drafter, holdsAuthority: true } } as PlanEvent,
        'notByDrafter',
      );
      expectRefused(
        at('awaitingSignature'),
        { ...qualified('SIGN', 'awaitingSignature'), passwordConfirmed: false } as PlanEvent,
        'passwordConfirmed',
      );
      expectRefused(at('awaitingSignature'), { ...qualified('SIGN', 'awaitingSignature'), contentVersion: 3 } as PlanEvent, 'contentFrozen');
      const { snapshot, effects } = expectStep(at('awaitingSignature'), qualified('SIGN', 'awaitingSignature'));
      expect(snapshot.context).toMatchObject({ signedBy: 'signer', authorityId: 'authority' });
      expect(effects).toEqual(hasDesk(V) ? ['awaitClerk', 'tellDrafter'] : ['requestIssuance', 'tellDrafter']);
      // an organization that keeps automatic issuance goes on to the number at once (v1 and v2: always)
      const automatic = expectStep(at('awaitingSignature'), { ...qualified('SIGN', 'awaitingSignature'), issuanceDesk: false } as PlanEvent);
      expect(planStateOf(automatic.snapshot)).toBe('signed');
      expect(automatic.effects).toEqual(['requestIssuance', 'tellDrafter']);
    });

    // the desk exists from v3 on
    if (hasDesk(version))
      it('the desk: only a clerk issues, or refuses with a reason, which goes back to the signer', () => {
        expectRefused(at('awaitingIssue'), { type: 'ISSUE', by: p.signer }, 'byClerk');
        expectRefused(at('awaitingIssue'), { type: 'ISSUE', by: p.system }, 'byPerson');
        expectRefused(at('awaitingIssue'), { type: 'REFUSE_ISSUE', by: p.drafter, reason: 'x' }, 'byClerk');
        expectRefused(at('awaitingIssue'), { type: 'REFUSE_ISSUE', by: p.clerk, reason: ' ' }, 'hasReason');
        expectRefused(at('awaitingIssue'), { type: 'NUMBERED', by: p.system }, 'not_in_state');
        expectRefused(at('awaitingIssue'), { type: 'CANCEL', by: p.drafter, reason: 'x' }, 'not_in_state');
        const issued = expectStep(at('awaitingIssue'), { type: 'ISSUE', by: p.clerk });
        expect(planStateOf(issued.snapshot)).toBe('signed');
        expect(issued.effects).toEqual(['requestIssuance']);
        const refused = expectStep(at('awaitingIssue'), { type: 'REFUSE_ISSUE', by: p.clerk, reason: 'Sai tên người ký' });
        expect(planStateOf(refused.snapshot)).toBe('awaitingSignature');
        expect(refused.snapshot.context.issueRefusal).toEqual({ by: 'clerk', reason: 'Sai tên người ký' });
        expect(refused.effects).toEqual(['awaitSigner', 'tellDrafter']);
        // the signer signs again, and it is at the desk again
        expect(planStateOf(expectStep(refused.snapshot, qualified('SIGN', 'awaitingSignature')).snapshot)).toBe('awaitingIssue');
      });

    it('WITHDRAW and CANCEL: the drafter (CANCEL also an admin), before the signature; CANCEL needs a reason and is final', () => {
      expectRefused(at('review'), { type: 'WITHDRAW', by: p.reviewer }, 'byDrafter');
      expectRefused(at('review'), { type: 'CANCEL', by: p.reviewer, reason: 'x' }, 'byDrafterOrAdmin');
      expectRefused(at('review'), { type: 'CANCEL', by: p.drafter, reason: '' }, 'hasReason');
      const cancelled = expectStep(at('review'), { type: 'CANCEL', by: p.admin, reason: 'Thay bằng kế hoạch khác' }).snapshot;
      expect(cancelled.status).toBe('done');
      expect(cancelled.context.cancelReason).toBe('Thay bằng kế hoạch khác');
      expectRefused(cancelled, { type: 'SUBMIT', by: p.drafter, version: 1, formatErrors: 0, chain: PATH_CHAIN }, 'not_in_state');
      expectRefused(at('signed'), { type: 'CANCEL', by: p.drafter, reason: 'x' }, 'not_in_state');
    });

    it('the system events move signed → numbered → issued → distributing → distributed, and only from the system', () => {
      expectRefused(at('signed'), { type: 'NUMBERED', by: { ...p.signer, roles: ['clerk', 'admin'] } }, 'bySystem');
      let snapshot = at('signed');
      for (const [type, next] of [
        ['NUMBERED', 'numbered'],
        ['ISSUED', 'issued'],
        ['DISTRIBUTION_STARTED', 'distributing'],
        ['DISTRIBUTED', 'distributed'],
      ] as const) {
        snapshot = expectStep(snapshot, { type, by: p.system }).snapshot;
        expect(planStateOf(snapshot)).toBe(next);
      }
      // v1 ends the road at distributed; from v2 a distributed plan stays active (later events may leave it)
      expect(snapshot.status).toBe(V === '1' ? 'done' : 'active');
    });

    it('REVOKE (versions after issuance): a signer of the issuer or the authority above, a reason, the password; once', () => {
      if (!knowsRevocation(V)) {
        expectRefused(at('distributed'), REVOKE_AS_SIGNER, 'not_in_state');
        return;
      }
      expectRefused(at('distributed'), { ...REVOKE_AS_SIGNER, by: { ...p.signer, mayRevoke: false } } as PlanEvent, 'byRevoker');
      expectRefused(at('distributed'), { ...REVOKE_AS_SIGNER, by: p.system } as PlanEvent, 'byPerson');
      expectRefused(at('distributed'), { ...REVOKE_AS_SIGNER, reason: ' ' } as PlanEvent, 'hasReason');
      expectRefused(at('distributed'), { ...REVOKE_AS_SIGNER, passwordConfirmed: false } as PlanEvent, 'passwordConfirmed');
      // a draft, a plan being issued, one revoked already: not yet or no longer
      for (const state of ['draft', 'awaitingSignature', 'awaitingIssue', 'signed', 'distributing', 'revoked', 'cancelled'] as const)
        expectRefused(at(state), REVOKE_AS_SIGNER, 'not_in_state');
      const { snapshot, effects } = expectStep(at('distributed'), REVOKE_AS_SIGNER);
      expect(planStateOf(snapshot)).toBe('revoked');
      // not final: a replacement may follow it
      expect(snapshot.status).toBe('active');
      expect(effects).toEqual(['tellRecipientsOfRevocation', 'revokeChildren']);
      expectRefused(snapshot, REVOKE_AS_SIGNER, 'not_in_state');
    });

    it('REPLACED (v5): by the system, from distributed only (a revoked plan is not replaced); tells the recipients and relinks the children', () => {
      if (!knowsReplacement(V)) return expectRefused(at('distributed'), REPLACED_BY_SYSTEM, 'not_in_state');
      expectRefused(at('distributed'), { ...REPLACED_BY_SYSTEM, by: p.signer } as PlanEvent, 'bySystem');
      for (const state of ['draft', 'awaitingSignature', 'awaitingIssue', 'signed', 'issued', 'distributing', 'revoked', 'cancelled'] as const)
        expectRefused(at(state), REPLACED_BY_SYSTEM, 'not_in_state');
      const { snapshot, effects } = expectStep(at('distributed'), REPLACED_BY_SYSTEM);
      expect(planStateOf(snapshot)).toBe('replaced');
      expect(effects).toEqual(['tellRecipientsOfReplacement', 'relinkChildren']);
      expect(snapshot.hasTag('issued')).toBe(true);
      // once replaced, neither replaced again nor revoked
      expectRefused(snapshot, REPLACED_BY_SYSTEM, 'not_in_state');
      expectRefused(snapshot, REVOKE_AS_SIGNER, 'not_in_state');
    });

    it("PARENT_REVOKED (versions after issuance): a child still on its road is cancelled with the parent's reason, by the system only", () => {
      const event: PlanEvent = { type: 'PARENT_REVOKED', by: p.system, reason: PATH_REVOCATION_REASON };
      if (!knowsRevocation(V)) return expectRefused(at('draft'), event, 'not_in_state');
      expectRefused(at('review'), { ...event, by: p.admin }, 'bySystem');
      // (signed at the desk but not issued: no number yet, so it stops too)
      for (const state of ['draft', 'consultation', 'review', 'awaitingSignature', 'awaitingIssue'] as const) {
        const { snapshot } = expectStep(at(state), event);
        expect(planStateOf(snapshot)).toBe('cancelled');
        expect(snapshot.context.cancelReason).toBe(`Văn bản cấp trên đã bị thu hồi: ${PATH_REVOCATION_REASON}`);
      }
      // signed or beyond, the child is its own organization's to decide (the cascade flags it)
      for (const state of ['signed', 'distributed'] as const) expectRefused(at(state), event, 'not_in_state');
    });

    it("ISSUED hands over to distribution and the cascade; SIGN (from v3: the clerk's ISSUE) to the issuance", () => {
      expect(expectStep(at('numbered'), { type: 'ISSUED', by: p.system }).effects).toEqual(['handOverToDistribution', 'handOverToCascade']);
      const issuing = hasDesk(V)
        ? expectStep(at('awaitingIssue'), qualified('ISSUE', 'awaitingIssue'))
        : expectStep(at('awaitingSignature'), qualified('SIGN', 'awaitingSignature'));
      expect(issuing.effects).toContain('requestIssuance');
    });
  });

  describe('plan machine: allowed events for a person', () => {
    const cases = [
      ['draft', p.drafter, {}, ['SUBMIT', 'CIRCULATE', 'CANCEL']],
      ['draft', p.drafter, { openComments: ['k'] }, ['CIRCULATE', 'RESOLVE_COMMENT', 'CANCEL']],
      ['draft', p.reviewer, {}, []],
      ['consultation', p.consulteeA, {}, ['COMMENT', 'NO_COMMENT']],
      ['consultation', p.drafter, {}, ['WITHDRAW', 'CANCEL']],
      ['consultation', p.system, {}, ['DEADLINE', 'PARENT_REVOKED']],
      ['review', p.reviewer, {}, ['APPROVE', 'RETURN']],
      ['review', p.checker, {}, []],
      ['review', p.checker, { step: 1 }, ['APPROVE', 'RETURN']],
      ['review', p.drafter, {}, ['WITHDRAW', 'CANCEL']],
      ['review', p.admin, {}, ['CANCEL']],
      ['awaitingSignature', p.signer, {}, ['RETURN', 'SIGN']],
      ['awaitingSignature', { ...p.reviewer, roles: ['reviewer', 'signer'] }, {}, []],
      ['signed', p.system, {}, ['NUMBERED']],
      ['awaitingIssue', p.clerk, {}, ['ISSUE', 'REFUSE_ISSUE']],
      ['awaitingIssue', p.signer, {}, []],
      ['signed', p.clerk, {}, []],
      ['signed', p.signer, {}, []],
      ['distributed', p.system, {}, ['REPLACED']],
      ['distributed', p.signer, {}, ['REVOKE']],
      ['distributed', p.drafter, {}, []],
      ['revoked', p.signer, {}, []],
      ['revoked', p.system, {}, []],
      ['replaced', p.signer, {}, []],
      ['replaced', p.system, {}, []],
      ['cancelled', p.admin, {}, []],
    ] as const;
    // (a state the version does not have is left out, and so is an event it does not know)
    it.each(cases.filter(([state]) => statesOf(version).includes(state)))('%s, %j %j', (state, by, extra, expected) => {
      const known = (expected as readonly PlanEventType[]).filter((type) => eventsOf(V).includes(type));
      expect(allowedPlanEvents(V, at(state, extra as Partial<PlanMachineContext>), by as EventSender)).toEqual(known);
    });
  });

  describe('plan machine: paths generated with @xstate/graph', () => {
    const replay = (events: PlanEvent[]) => {
      let { version, snapshot } = startPlan({ drafterId: 'drafter' }, V);
      for (const event of events) {
        snapshot = expectStep(snapshot, event).snapshot;
        version = V;
      }
      return { version, snapshot };
    };

    it('the shortest paths reach every state of the road', () => {
      const paths = shortestRoadPaths(version);
      const reached = new Set(paths.map((path) => planStateOf(path.state)));
      expect([...reached].sort()).toEqual([...statesOf(version)].sort());
    });

    it("a correction notice's road (v5: SUBMIT without a chain) never passes review and reaches the end of the road", () => {
      if (!knowsReplacement(version)) return;
      const paths = correctionRoadPaths(version);
      for (const path of paths) expect(path.steps.map((s) => planStateOf(s.state))).not.toContain('review');
      const reached = new Set(paths.map((path) => planStateOf(path.state)));
      expect(reached).toEqual(new Set(statesOf(version).filter((state) => state !== 'review')));
      for (const path of paths) {
        const events = path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));
        expect(roadState(replay(events).snapshot)).toBe(roadState(path.state));
      }
    });

    it.each([
      ['shortest', shortestRoadPaths(version)],
      ['simple', simpleRoadPaths(version)],
    ] as const)('every %s path replays step by step to its end state', (_kind, paths) => {
      expect(paths.length).toBeGreaterThan(10);
      for (const path of paths) {
        const events = path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));
        const { snapshot } = replay(events);
        expect(roadState(snapshot)).toBe(roadState(path.state));
      }
    });
  });
});

describe('plan machine versions', () => {
  const folder = join(__dirname, 'snapshots');
  const files = readdirSync(folder).filter((f) => f.endsWith('.snapshots.json'));

  it('every registered version has snapshots saved by it', () => {
    const saved = files.map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')).machineVersion);
    expect(saved.sort()).toEqual(VERSIONS.sort());
  });

  it('every state of every version is flat, and the state sets come from the charts', () => {
    for (const { machine } of PLAN_MACHINE_VERSIONS) {
      for (const config of Object.values(machine.config.states ?? {})) expect((config as { states?: unknown }).states).toBeUndefined();
    }
    expect(EDITABLE_STATES).toEqual(['draft']);
    expect([...ISSUED_STATES].sort()).toEqual(['distributed', 'distributing', 'issued', 'replaced', 'revoked']);
    expect(CANCELLED_STATES).toEqual(['cancelled']);
    expect(REVOKED_STATES).toEqual(['revoked']);
    expect(REPLACED_STATES).toEqual(['replaced']);
    expect(AWAITING_STATES).toEqual(['review', 'awaitingSignature', 'awaitingIssue']);
    expect(VERSIONS.map((v) => [awaitedIn('review', v), awaitedIn('awaitingSignature', v), awaitedIn('draft', v)])).toEqual(
      VERSIONS.map(() => ['stepHolders', 'signers', null]),
    );
    // the desk exists from v3 on: its clerks are reminded
    expect(VERSIONS.map((v) => awaitedIn('awaitingIssue', v))).toEqual(VERSIONS.map((v) => (Number(v) >= 3 ? 'clerks' : null)));
  });

  it('the event table has a row for every event of the machines, and the newest machine knows every event of the table', () => {
    // an older version knows fewer events: the desk's from v3, those after issuance (revocation) from v4, replacement from v5
    for (const version of VERSIONS) {
      const desk = ['ISSUE', 'REFUSE_ISSUE'];
      const revocation = ['REVOKE', 'PARENT_REVOKED'];
      const replacement = ['REPLACED'];
      const expected = PLAN_EVENT_TYPES.filter(
        (type) =>
          (hasDesk(version) || !desk.includes(type)) &&
          (knowsRevocation(version) || !revocation.includes(type)) &&
          (knowsReplacement(version) || !replacement.includes(type)),
      );
      expect([...eventsOf(version)].sort()).toEqual([...expected].sort());
    }
    expect([...eventsOf(LATEST_PLAN_MACHINE_VERSION)].sort()).toEqual([...PLAN_EVENT_TYPES].sort());
    expect(Object.keys(PLAN_EVENTS).sort()).toEqual([...PLAN_EVENT_TYPES].sort());
    expect(statesOf(VERSIONS[VERSIONS.length - 1]).sort()).toEqual([...PLAN_STATES].sort());
  });

  it('migrates every v1 snapshot to v2, where it carries on; a distributed plan is no longer done', () => {
    const saved = JSON.parse(readFileSync(join(folder, 'plan-v1.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    const v1States = new Set(saved.fixtures.map((f) => f.snapshot.value));
    expect([...v1States].sort()).toEqual([...statesOf('1')].sort());
    for (const { snapshot: persisted } of saved.fixtures) {
      const moved = migratePlanSnapshot('1', persisted, '2');
      expect(moved.version).toBe('2');
      const snapshot = restorePlanSnapshot('2', moved.persisted);
      expect(planStateOf(snapshot)).toBe(persisted.value);
      expect(snapshot.context).toEqual(persisted.context);
      expect(snapshot.status).toBe(persisted.value === 'cancelled' ? 'done' : 'active');
      // stored again, it is a v2 snapshot like any other
      expect(persistPlanSnapshot('2', snapshot)).toMatchObject({ status: snapshot.status, value: persisted.value });
    }
    // a newer snapshot is never moved back
    expect(migratePlanSnapshot('2', saved.fixtures[0].snapshot, '1').version).toBe('2');
  });

  it('migrates every v2 snapshot to v3, where it carries on; a plan signed under v2 goes on to its number', () => {
    const saved = JSON.parse(readFileSync(join(folder, 'plan-v2.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    expect([...new Set(saved.fixtures.map((f) => f.snapshot.value))].sort()).toEqual([...statesOf('2')].sort());
    for (const { snapshot: persisted } of saved.fixtures) {
      const moved = migratePlanSnapshot('2', persisted, '3');
      expect(moved.version).toBe('3');
      const snapshot = restorePlanSnapshot('3', moved.persisted);
      expect(planStateOf(snapshot)).toBe(persisted.value);
      expect(snapshot.context).toEqual({ ...persisted.context, issueRefusal: null });
      expect(snapshot.status).toBe(persisted.status);
      expect(persistPlanSnapshot('3', snapshot)).toMatchObject({ status: snapshot.status, value: persisted.value });
    }
    // v1 goes through v2 to v3
    const v1 = JSON.parse(readFileSync(join(folder, 'plan-v1.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    const distributed = v1.fixtures.find((f) => f.snapshot.value === 'distributed')!.snapshot;
    expect(migratePlanSnapshot('1', distributed, '3')).toMatchObject({
      version: '3',
      persisted: { status: 'active', context: { issueRefusal: null } },
    });
    // signed under v2 (its issuance job already queued): no desk, the system numbers it
    const signed = restorePlanSnapshot(
      '3',
      migratePlanSnapshot('2', saved.fixtures.find((f) => f.snapshot.value === 'signed')!.snapshot, '3').persisted,
    );
    V = '3';
    expect(planStateOf(expectStep(signed, { type: 'NUMBERED', by: p.system }).snapshot)).toBe('numbered');
    // awaiting signature under v2, signed under v3: to the desk
    const waiting = restorePlanSnapshot(
      '3',
      migratePlanSnapshot('2', saved.fixtures.find((f) => f.snapshot.value === 'awaitingSignature')!.snapshot, '3').persisted,
    );
    expect(planStateOf(expectStep(waiting, qualified('SIGN', 'awaitingSignature')).snapshot)).toBe('awaitingIssue');
  });

  it('migrates every snapshot of the version before revocation to the one after issuance, where it carries on (a distributed plan may be revoked)', () => {
    const after = PLAN_MACHINE_VERSIONS.find((v) => knowsRevocation(v.version))!.version;
    const previous = VERSIONS[VERSIONS.indexOf(after) - 1];
    V = after;
    const saved = JSON.parse(readFileSync(join(folder, `plan-v${previous}.snapshots.json`), 'utf8')) as {
      fixtures: { snapshot: PersistedPlanSnapshot }[];
    };
    expect(new Set(saved.fixtures.map((f) => f.snapshot.value))).toEqual(new Set(statesOf(previous)));
    for (const { snapshot: persisted } of saved.fixtures) {
      const moved = migratePlanSnapshot(previous, persisted, after);
      expect(moved.version).toBe(after);
      const snapshot = restorePlanSnapshot(after, moved.persisted);
      expect(planStateOf(snapshot)).toBe(persisted.value);
      expect(snapshot.context).toEqual(persisted.context);
      expect(snapshot.status).toBe(persisted.status);
      if (persisted.value === 'distributed') expect(planStateOf(expectStep(snapshot, REVOKE_AS_SIGNER).snapshot)).toBe('revoked');
    }
    // and a v1 plan goes all the way
    const v1 = JSON.parse(readFileSync(join(folder, 'plan-v1.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    const distributed = v1.fixtures.find((f) => f.snapshot.value === 'distributed')!.snapshot;
    const moved = migratePlanSnapshot('1', distributed, after);
    expect(planStateOf(expectStep(restorePlanSnapshot(after, moved.persisted), REVOKE_AS_SIGNER).snapshot)).toBe('revoked');
  });

  it('migrates every v4 snapshot to v5 unchanged, where it carries on (a distributed plan may be replaced; a revoked one not)', () => {
    const saved = JSON.parse(readFileSync(join(folder, 'plan-v4.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    expect(new Set(saved.fixtures.map((f) => f.snapshot.value))).toEqual(new Set(statesOf('4')));
    V = '5';
    for (const { snapshot: persisted } of saved.fixtures) {
      const moved = migratePlanSnapshot('4', persisted, '5');
      expect(moved).toEqual({ version: '5', persisted });
      const snapshot = restorePlanSnapshot('5', moved.persisted);
      expect(planStateOf(snapshot)).toBe(persisted.value);
      expect(snapshot.context).toEqual(persisted.context);
      expect(snapshot.status).toBe(persisted.status);
      if (persisted.value === 'distributed') expect(planStateOf(expectStep(snapshot, REPLACED_BY_SYSTEM).snapshot)).toBe('replaced');
      if (persisted.value === 'revoked') expectRefused(snapshot, REPLACED_BY_SYSTEM, 'not_in_state');
    }
    // and a v1 plan goes all the way
    const v1 = JSON.parse(readFileSync(join(folder, 'plan-v1.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    const distributed = v1.fixtures.find((f) => f.snapshot.value === 'distributed')!.snapshot;
    const moved = migratePlanSnapshot('1', distributed, '5');
    expect(planStateOf(expectStep(restorePlanSnapshot('5', moved.persisted), REPLACED_BY_SYSTEM).snapshot)).toBe('replaced');
  });

  it.each(files)('restores every snapshot of %s and runs on from it', (file) => {
    const saved = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      machineVersion: string;
      fixtures: { name: string; snapshot: PersistedPlanSnapshot }[];
    };
    expect(saved.fixtures.length).toBeGreaterThan(0);
    for (const fixture of saved.fixtures) {
      const snapshot = restorePlanSnapshot(saved.machineVersion, fixture.snapshot);
      expect(planStateOf(snapshot)).toBe(fixture.snapshot.value);
      expect(snapshot.context).toEqual(fixture.snapshot.context);
      // the restored plan carries on: someone may act on it now
      const who = [p.drafter, p.reviewer, p.checker, p.signer, p.clerk, p.consulteeA, p.consulteeB, p.system];
      const allowed = who.flatMap((by) => allowedPlanEvents(saved.machineVersion, snapshot, by));
      // (a final state has nothing left to do: cancelled, and distributed in v1; distributed waits for a revocation
      // or a replacement where they exist, revoked and replaced for what follows them)
      const waiting = ['distributed', 'revoked', 'replaced'].includes(planStateOf(snapshot));
      if (snapshot.status === 'active' && !waiting) expect(allowed.length).toBeGreaterThan(0);
      else if (!knowsRevocation(saved.machineVersion) || snapshot.status !== 'active' || planStateOf(snapshot) !== 'distributed')
        expect(allowed).toEqual([]);
      else expect(allowed).toEqual(knowsReplacement(saved.machineVersion) ? ['REVOKE', 'REPLACED'] : ['REVOKE']);
    }
  });

  it('a plan saved mid-review by version 1 finishes its review on version 1', () => {
    const saved = JSON.parse(readFileSync(join(folder, 'plan-v1.snapshots.json'), 'utf8')) as { fixtures: { snapshot: PersistedPlanSnapshot }[] };
    const snapshot = restorePlanSnapshot('1', saved.fixtures.find((f) => f.snapshot.value === 'review')!.snapshot);
    const { snapshot: next } = expectStep(snapshot, { type: 'APPROVE', by: p.checker, contentVersion: 1 });
    expect(planStateOf(next)).toBe('awaitingSignature');
  });
});
