import { assign, setup } from 'xstate';
import { ROLE_LABELS } from './plan-labels';

/**
 * What every version of the plan machine (Kế hoạch, from draft to distribution: domain.md
 * "Who does what") is made of: context, events, the conditions its guards are made of, the
 * actions and the effects it names. Pure: the machine never does I/O. The workflow service
 * hands it the facts it needs in the event (`by`: who sends it and what they hold at the
 * plan's organization; SUBMIT's review chain; SIGN's authority and step-up result...) and
 * performs the effects it names in the same transaction as the state change.
 *
 * The versions themselves (plan.machine.ts, plan.machine.v2.ts...) are state charts built from
 * `planSetup`, registered in index.ts. Services import from index.ts, never from a version.
 */

export const PLAN_MACHINE_ID = 'plan';

export const REVIEW_STEP_ROLES = ['reviewer', 'format_checker'] as const;
export type ReviewStepRole = (typeof REVIEW_STEP_ROLES)[number];

/** One step of an organization's review chain: content review by the head of the advising body, format check by the office... */
export interface ReviewStep {
  role: ReviewStepRole;
  label: string;
}

/** Who sends an event, as the service established it. */
export interface EventSender {
  /** User id, or 'system' for jobs. */
  id: string;
  system: boolean;
  /** Roles held at the plan's organization. */
  roles: string[];
  /** Holds a signing authority for the organization, in the capacity printed on the plan, today. */
  holdsAuthority: boolean;
  /** Wrote a version of the plan's content (a co-drafter): drafted it, for separation of duties. */
  authoredContent?: boolean;
  /** The plan's organization relaxed separation of duties (a tiny office): one person may approve several steps and sign. */
  dutiesRelaxed?: boolean;
  /**
   * Holds a signing authority today for the issuing organization (any capacity) or for the
   * organization above it: who may revoke an issued plan (Nghị định 30, Art. 18).
   */
  mayRevoke?: boolean;
}

export const SYSTEM_SENDER: EventSender = { id: 'system', system: true, roles: [], holdsAuthority: false };

export interface Consultation {
  round: number;
  /** User ids asked for an opinion. */
  consultees: string[];
  /** Those who answered (COMMENT or NO_COMMENT). */
  answered: string[];
  /** ISO instant. */
  deadline: string;
  /** The content version circulated. */
  version: number;
}

export interface ReturnNote {
  by: string;
  reason: string;
  from: 'review' | 'awaitingSignature';
  /** The review step that returned it (null from the signature). */
  step: number | null;
}

export interface PlanMachineContext {
  drafterId: string;
  /** DỰ THẢO round: 1, then 2 after the first return... */
  round: number;
  /** The content version frozen by the last SUBMIT. */
  submittedVersion: number | null;
  /** The review chain taken at SUBMIT: later changes of the organization's chain do not move a plan under way. */
  chain: ReviewStep[];
  /** Position in the chain while in review. */
  step: number;
  /** Approvals of the current round: [step, user id]. */
  approvals: { step: number; by: string }[];
  consultation: Consultation | null;
  consultationRounds: number;
  /** Comments of closed consultations the drafter has not yet accepted or declined. */
  openComments: string[];
  lastReturn: ReturnNote | null;
  signedBy: string | null;
  authorityId: string | null;
  cancelReason: string | null;
  /** Since v3: the clerk's last refusal to number and issue ("Từ chối cấp số"), which sent the plan back to its signer. */
  issueRefusal?: IssueRefusal | null;
}

export interface IssueRefusal {
  by: string;
  reason: string;
}

export interface PlanMachineInput {
  drafterId: string;
  round?: number;
}

type By = { by: EventSender };
export type PlanEvent =
  | ({ type: 'SUBMIT'; version: number; formatErrors: number; chain: ReviewStep[] } & By)
  | ({ type: 'CIRCULATE'; consultees: string[]; deadline: string; now: string; version: number } & By)
  | ({ type: 'COMMENT'; commentIds: string[] } & By)
  | ({ type: 'NO_COMMENT' } & By)
  | ({ type: 'DEADLINE'; round: number } & By)
  | ({ type: 'RESOLVE_COMMENT'; commentId: string; resolution: 'accepted' | 'declined'; note: string } & By)
  | ({ type: 'APPROVE'; contentVersion: number } & By)
  | ({ type: 'RETURN'; reason: string } & By)
  | ({
      type: 'SIGN';
      contentVersion: number;
      passwordConfirmed: boolean;
      authorityId: string | null;
      /** Since v3: the organization issues at its clerk's desk (true) rather than automatically after the signature. */
      issuanceDesk?: boolean;
    } & By)
  | ({ type: 'ISSUE'; registerId?: string | null } & By)
  | ({ type: 'REFUSE_ISSUE'; reason: string } & By)
  | ({ type: 'WITHDRAW' } & By)
  | ({ type: 'CANCEL'; reason: string } & By)
  | ({ type: 'NUMBERED' } & By)
  | ({ type: 'ISSUED' } & By)
  | ({ type: 'DISTRIBUTION_STARTED' } & By)
  | ({ type: 'DISTRIBUTED' } & By)
  | ({ type: 'REVOKE'; reason: string; decisionNumber: string | null; passwordConfirmed: boolean } & By)
  | ({ type: 'PARENT_REVOKED'; reason: string } & By)
  /** Since v5: the plan that replaces this one (thay thế) was issued. */
  | ({ type: 'REPLACED'; replacementId: string } & By);

export type PlanEventType = PlanEvent['type'];

/** Every state of every registered version (the plan row's `state` is one of them). */
export const PLAN_STATES = [
  'draft',
  'consultation',
  'review',
  'awaitingSignature',
  'awaitingIssue',
  'signed',
  'numbered',
  'issued',
  'distributing',
  'distributed',
  'revoked',
  'replaced',
  'cancelled',
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

type Args = { context: PlanMachineContext; event: PlanEvent };

/**
 * The conditions guards are made of. `actor` and `state` conditions decide which events a
 * person may send now (the allowed-events list); `payload` conditions judge what was sent.
 * Each says in Vietnamese why it failed.
 */
export interface Condition {
  kind: 'actor' | 'state' | 'payload';
  test(args: Args): boolean;
  reason(args: Args): string;
}

const ev = <T extends PlanEventType>(event: PlanEvent, _type: T) => event as Extract<PlanEvent, { type: T }>;
const currentStep = (c: PlanMachineContext): ReviewStep | undefined => c.chain[c.step];

export const CONDITIONS = {
  byPerson: { kind: 'actor', test: ({ event }) => !event.by.system, reason: () => 'Sự kiện này do người dùng gửi, không phải hệ thống' },
  bySystem: { kind: 'actor', test: ({ event }) => event.by.system, reason: () => 'Chỉ hệ thống mới gửi được sự kiện này' },
  byDrafter: {
    kind: 'actor',
    test: ({ context, event }) => event.by.id === context.drafterId,
    reason: () => 'Chỉ người soạn thảo kế hoạch mới được làm việc này',
  },
  byDrafterOrAdmin: {
    kind: 'actor',
    test: ({ context, event }) => event.by.id === context.drafterId || event.by.roles.includes('admin'),
    reason: () => 'Chỉ người soạn thảo hoặc quản trị của cơ quan ban hành mới được hủy kế hoạch',
  },
  notByDrafter: {
    kind: 'actor',
    test: ({ context, event }) => event.by.id !== context.drafterId && !event.by.authoredContent,
    reason: () => 'Người soạn thảo không được duyệt hay ký văn bản do chính mình soạn',
  },
  notApproverThisRound: {
    kind: 'actor',
    test: ({ context, event }) => !!event.by.dutiesRelaxed || !context.approvals.some((a) => a.by === event.by.id),
    reason: ({ event }) =>
      event.type === 'SIGN'
        ? 'Người ký không được là người đã duyệt một bước của vòng trình này (phân tách nhiệm vụ)'
        : 'Mỗi bước duyệt cần một người khác: bạn đã duyệt một bước của vòng trình này (phân tách nhiệm vụ)',
  },
  byStepHolder: {
    kind: 'actor',
    test: ({ context, event }) => !!currentStep(context) && event.by.roles.includes(currentStep(context)!.role),
    reason: ({ context }) => {
      const step = currentStep(context);
      return step
        ? `Bước "${step.label}" cần người có vai trò "${ROLE_LABELS[step.role] ?? step.role}" của cơ quan ban hành`
        : 'Kế hoạch không ở bước duyệt nào';
    },
  },
  bySigner: {
    kind: 'actor',
    test: ({ event }) => event.by.holdsAuthority,
    reason: () => 'Bạn không có thẩm quyền ký cho cơ quan ban hành với chức danh ghi trên kế hoạch vào ngày hôm nay',
  },
  byPendingConsultee: {
    kind: 'actor',
    test: ({ context, event }) => !!context.consultation?.consultees.includes(event.by.id) && !context.consultation.answered.includes(event.by.id),
    reason: ({ context, event }) =>
      context.consultation?.answered.includes(event.by.id)
        ? 'Bạn đã gửi ý kiến trong đợt xin ý kiến này'
        : 'Bạn không được xin ý kiến về dự thảo này',
  },
  isLastAnswer: {
    kind: 'state',
    test: ({ context, event }) =>
      !!context.consultation && context.consultation.consultees.every((id) => id === event.by.id || context.consultation!.answered.includes(id)),
    reason: () => 'Còn người được xin ý kiến chưa trả lời',
  },
  notLastAnswer: {
    kind: 'state',
    test: ({ context, event }) =>
      !!context.consultation && !context.consultation.consultees.every((id) => id === event.by.id || context.consultation!.answered.includes(id)),
    reason: () => 'Đây là ý kiến cuối cùng của đợt',
  },
  isLastStep: { kind: 'state', test: ({ context }) => context.step >= context.chain.length - 1, reason: () => 'Chưa phải bước duyệt cuối' },
  notLastStep: { kind: 'state', test: ({ context }) => context.step < context.chain.length - 1, reason: () => 'Đã là bước duyệt cuối' },
  noOpenComments: {
    kind: 'state',
    test: ({ context }) => context.openComments.length === 0,
    reason: ({ context }) => `Còn ${context.openComments.length} góp ý chưa được tiếp thu hoặc giải trình`,
  },
  formatClean: {
    kind: 'payload',
    test: ({ event }) => ev(event, 'SUBMIT').formatErrors === 0,
    reason: ({ event }) => `Dự thảo còn ${ev(event, 'SUBMIT').formatErrors} lỗi thể thức cần sửa trước khi trình`,
  },
  withoutReviewChain: {
    kind: 'payload',
    test: ({ event }) => Array.isArray(ev(event, 'SUBMIT').chain) && ev(event, 'SUBMIT').chain.length === 0,
    reason: () => 'Văn bản này phải qua các bước duyệt của cơ quan ban hành trước khi trình ký',
  },
  hasChain: {
    kind: 'payload',
    test: ({ event }) => Array.isArray(ev(event, 'SUBMIT').chain) && ev(event, 'SUBMIT').chain.length > 0,
    reason: () => 'Cơ quan ban hành chưa có quy trình duyệt',
  },
  hasConsultees: {
    kind: 'payload',
    test: ({ context, event }) => {
      const c = ev(event, 'CIRCULATE');
      return (
        Array.isArray(c.consultees) &&
        c.consultees.length > 0 &&
        !c.consultees.includes(context.drafterId) &&
        new Set(c.consultees).size === c.consultees.length
      );
    },
    reason: () => 'Cần ít nhất một người được xin ý kiến, không trùng nhau và không phải người soạn thảo',
  },
  deadlineAhead: {
    kind: 'payload',
    test: ({ event }) => {
      const c = ev(event, 'CIRCULATE');
      return Date.parse(c.deadline) > Date.parse(c.now);
    },
    reason: () => 'Hạn góp ý phải sau thời điểm hiện tại',
  },
  deadlineOfThisRound: {
    kind: 'payload',
    test: ({ context, event }) => context.consultation?.round === ev(event, 'DEADLINE').round,
    reason: () => 'Hạn này thuộc một đợt xin ý kiến đã kết thúc',
  },
  hasOpenComments: { kind: 'state', test: ({ context }) => context.openComments.length > 0, reason: () => 'Không có góp ý nào cần xử lý' },
  commentIsOpen: {
    kind: 'payload',
    test: ({ context, event }) => context.openComments.includes(ev(event, 'RESOLVE_COMMENT').commentId),
    reason: () => 'Góp ý này không tồn tại hoặc đã được xử lý',
  },
  hasComments: {
    kind: 'payload',
    test: ({ event }) => Array.isArray(ev(event, 'COMMENT').commentIds) && ev(event, 'COMMENT').commentIds.length > 0,
    reason: () => 'Cần ít nhất một góp ý (hoặc gửi "không có ý kiến")',
  },
  hasResolutionNote: {
    kind: 'payload',
    test: ({ event }) => {
      const r = ev(event, 'RESOLVE_COMMENT');
      return (r.resolution === 'accepted' || r.resolution === 'declined') && typeof r.note === 'string' && r.note.trim().length > 0;
    },
    reason: () => 'Cần ghi rõ tiếp thu hay giải trình, kèm ghi chú',
  },
  hasReason: {
    kind: 'payload',
    test: ({ event }) => typeof (event as { reason?: unknown }).reason === 'string' && (event as { reason: string }).reason.trim().length > 0,
    reason: () => 'Cần ghi rõ lý do',
  },
  contentFrozen: {
    kind: 'payload',
    test: ({ context, event }) => (event as { contentVersion?: number }).contentVersion === context.submittedVersion,
    reason: () => 'Nội dung đã thay đổi sau khi trình: không thể duyệt hay ký một phiên bản khác phiên bản đã trình',
  },
  byClerk: {
    kind: 'actor',
    test: ({ event }) => event.by.roles.includes('clerk'),
    reason: () => 'Chỉ văn thư của cơ quan ban hành mới được cấp số hoặc từ chối cấp số',
  },
  toTheDesk: {
    kind: 'payload',
    test: ({ event }) => ev(event, 'SIGN').issuanceDesk === true,
    reason: () => 'Cơ quan ban hành cấp số tự động sau khi ký, không qua văn thư',
  },
  issuedAutomatically: {
    kind: 'payload',
    test: ({ event }) => ev(event, 'SIGN').issuanceDesk !== true,
    reason: () => 'Cơ quan ban hành cấp số tại bàn văn thư sau khi ký',
  },
  byRevoker: {
    kind: 'actor',
    test: ({ event }) => event.by.mayRevoke === true,
    reason: () => 'Chỉ người có thẩm quyền ký của cơ quan ban hành hoặc của cơ quan cấp trên mới được thu hồi văn bản đã ban hành',
  },
  passwordConfirmed: {
    kind: 'payload',
    test: ({ event }) => (event as { passwordConfirmed?: boolean }).passwordConfirmed === true,
    reason: () => 'Mật khẩu xác nhận không đúng',
  },
} satisfies Record<string, Condition>;

export type ConditionName = keyof typeof CONDITIONS;

/** Each named guard of the machine is all of these conditions, checked in this order. */
export const GUARD_CONDITIONS = {
  maySubmit: ['byDrafter', 'noOpenComments', 'hasChain', 'formatClean'],
  /** Since v5: a correction notice (đính chính) goes from its drafter straight to its signer. */
  maySubmitWithoutReview: ['byDrafter', 'noOpenComments', 'withoutReviewChain', 'formatClean'],
  mayCirculate: ['byDrafter', 'hasConsultees', 'deadlineAhead'],
  mayAnswerLast: ['byPendingConsultee', 'hasComments', 'isLastAnswer'],
  mayAnswer: ['byPendingConsultee', 'hasComments', 'notLastAnswer'],
  mayDeclineLast: ['byPendingConsultee', 'isLastAnswer'],
  mayDecline: ['byPendingConsultee', 'notLastAnswer'],
  deadlineFires: ['bySystem', 'deadlineOfThisRound'],
  mayResolveComment: ['byDrafter', 'hasOpenComments', 'commentIsOpen', 'hasResolutionNote'],
  mayApproveLast: ['byPerson', 'notByDrafter', 'byStepHolder', 'notApproverThisRound', 'contentFrozen', 'isLastStep'],
  mayApprove: ['byPerson', 'notByDrafter', 'byStepHolder', 'notApproverThisRound', 'contentFrozen', 'notLastStep'],
  mayReturnInReview: ['byPerson', 'notByDrafter', 'byStepHolder', 'hasReason'],
  mayReturnAtSignature: ['byPerson', 'notByDrafter', 'bySigner', 'hasReason'],
  maySign: ['byPerson', 'notByDrafter', 'bySigner', 'notApproverThisRound', 'contentFrozen', 'passwordConfirmed'],
  maySignForTheDesk: ['byPerson', 'notByDrafter', 'bySigner', 'notApproverThisRound', 'contentFrozen', 'passwordConfirmed', 'toTheDesk'],
  maySignAndIssue: ['byPerson', 'notByDrafter', 'bySigner', 'notApproverThisRound', 'contentFrozen', 'passwordConfirmed', 'issuedAutomatically'],
  mayIssueAtDesk: ['byPerson', 'byClerk'],
  mayRefuseIssue: ['byPerson', 'byClerk', 'hasReason'],
  mayWithdraw: ['byDrafter'],
  mayCancel: ['byPerson', 'byDrafterOrAdmin', 'hasReason'],
  mayRevoke: ['byPerson', 'byRevoker', 'hasReason', 'passwordConfirmed'],
  bySystem: ['bySystem'],
} satisfies Record<string, ConditionName[]>;

export type GuardName = keyof typeof GUARD_CONDITIONS;

function guard(name: GuardName) {
  return (args: Args) => GUARD_CONDITIONS[name].every((c: ConditionName) => (CONDITIONS[c] as Condition).test(args));
}

/**
 * Effects the workflow performs in the transition's transaction (the machine only names them):
 * notifications, reminders and deadlines as scheduled jobs.
 */
export const PLAN_EFFECTS = ['scheduleConsultationDeadline', 'askConsultees', 'awaitReviewer', 'awaitSigner', 'awaitClerk', 'tellDrafter'] as const;
/**
 * Effects handed over to other modules, each taken by the module that registers for it (in
 * the same transaction, usually by enqueuing its own job): the issuance after SIGN, the
 * deliveries and the child plans after ISSUED.
 */
export const PLAN_HAND_OVERS = [
  'requestIssuance',
  'handOverToDistribution',
  'handOverToCascade',
  // REVOKE: the recipients told through the channels that delivered the plan; its children cancelled or flagged
  'tellRecipientsOfRevocation',
  'revokeChildren',
  // REPLACED: the recipients of the old plan and of its replacement told; the old plan's children linked to the new one
  'tellRecipientsOfReplacement',
  'relinkChildren',
] as const;
export type PlanHandOver = (typeof PLAN_HAND_OVERS)[number];
export type PlanEffect = (typeof PLAN_EFFECTS)[number] | PlanHandOver;
const effect = () => undefined;

/** Guards and actions every version of the plan machine is made of; a version is `planSetup.createMachine(...)`. */
export const planSetup = setup({
  types: {
    context: {} as PlanMachineContext,
    events: {} as PlanEvent,
    input: {} as PlanMachineInput,
  },
  guards: {
    maySubmit: guard('maySubmit'),
    maySubmitWithoutReview: guard('maySubmitWithoutReview'),
    mayCirculate: guard('mayCirculate'),
    mayAnswerLast: guard('mayAnswerLast'),
    mayAnswer: guard('mayAnswer'),
    mayDeclineLast: guard('mayDeclineLast'),
    mayDecline: guard('mayDecline'),
    deadlineFires: guard('deadlineFires'),
    mayResolveComment: guard('mayResolveComment'),
    mayApproveLast: guard('mayApproveLast'),
    mayApprove: guard('mayApprove'),
    mayReturnInReview: guard('mayReturnInReview'),
    mayReturnAtSignature: guard('mayReturnAtSignature'),
    maySign: guard('maySign'),
    maySignForTheDesk: guard('maySignForTheDesk'),
    maySignAndIssue: guard('maySignAndIssue'),
    mayIssueAtDesk: guard('mayIssueAtDesk'),
    mayRefuseIssue: guard('mayRefuseIssue'),
    mayWithdraw: guard('mayWithdraw'),
    mayCancel: guard('mayCancel'),
    mayRevoke: guard('mayRevoke'),
    bySystem: guard('bySystem'),
  },
  actions: {
    freezeSubmission: assign(({ event }) => {
      const e = ev(event, 'SUBMIT');
      return { submittedVersion: e.version, chain: e.chain.map((s) => ({ role: s.role, label: s.label })), step: 0, approvals: [], lastReturn: null };
    }),
    openConsultation: assign(({ context, event }) => {
      const e = ev(event, 'CIRCULATE');
      const round = context.consultationRounds + 1;
      return {
        consultationRounds: round,
        consultation: { round, consultees: [...e.consultees], answered: [], deadline: e.deadline, version: e.version },
      };
    }),
    recordAnswer: assign(({ context, event }) => ({
      consultation: context.consultation && { ...context.consultation, answered: [...context.consultation.answered, event.by.id] },
      openComments: event.type === 'COMMENT' ? [...context.openComments, ...event.commentIds] : context.openComments,
    })),
    closeConsultation: assign({ consultation: null }),
    resolveComment: assign(({ context, event }) => ({
      openComments: context.openComments.filter((id) => id !== ev(event, 'RESOLVE_COMMENT').commentId),
    })),
    recordApproval: assign(({ context, event }) => ({ approvals: [...context.approvals, { step: context.step, by: event.by.id }] })),
    advanceStep: assign(({ context }) => ({ step: context.step + 1 })),
    returnFromReview: assign(({ context, event }) => ({
      round: context.round + 1,
      lastReturn: { by: event.by.id, reason: ev(event, 'RETURN').reason, from: 'review' as const, step: context.step },
      approvals: [],
      step: 0,
    })),
    returnFromSignature: assign(({ context, event }) => ({
      round: context.round + 1,
      lastReturn: { by: event.by.id, reason: ev(event, 'RETURN').reason, from: 'awaitingSignature' as const, step: null },
      approvals: [],
      step: 0,
    })),
    reopenDraft: assign({ consultation: null, approvals: [], step: 0 }),
    recordSignature: assign(({ event }) => ({ signedBy: event.by.id, authorityId: ev(event, 'SIGN').authorityId })),
    recordIssueRefusal: assign(({ event }) => ({ issueRefusal: { by: event.by.id, reason: ev(event, 'REFUSE_ISSUE').reason } })),
    recordCancel: assign(({ event }) => ({ cancelReason: ev(event, 'CANCEL').reason, consultation: null })),
    /** A child not yet signed whose parent was revoked: cancelled with the parent's reason. */
    recordParentRevoked: assign(({ event }) => ({
      cancelReason: `Văn bản cấp trên đã bị thu hồi: ${ev(event, 'PARENT_REVOKED').reason}`,
      consultation: null,
    })),
    scheduleConsultationDeadline: effect,
    askConsultees: effect,
    awaitReviewer: effect,
    awaitSigner: effect,
    awaitClerk: effect,
    tellDrafter: effect,
    requestIssuance: effect,
    handOverToDistribution: effect,
    handOverToCascade: effect,
    tellRecipientsOfRevocation: effect,
    revokeChildren: effect,
    tellRecipientsOfReplacement: effect,
    relinkChildren: effect,
  },
});
