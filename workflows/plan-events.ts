import type { PlanEvent, PlanEventType, PlanMachineContext } from './plan-setup';

/**
 * The table of plan events: for each event type, what a person sends with it and how that is
 * checked, whether it needs a step-up, the facts the service establishes for the machine, the
 * plan columns it writes, the audit data it records and how it reads in Vietnamese. The DTO,
 * the workflow service, its facts and effects, the web forms and the OpenAPI description all
 * read it; a new event type does not compile until it has its row here.
 */

/** A problem with one field of a request (the shape of @app/common's FieldProblem). */
export interface EventFieldProblem {
  path: string;
  code: string;
  message: string;
}

export interface EventFieldSpec {
  /** Vietnamese, as in "cần có {label}". */
  label: string;
  /** For the OpenAPI description. */
  doc: string;
  /** Never echoed, hashed or stored (the step-up password). */
  secret?: boolean;
  /** A check beyond presence, for a value that is there. */
  check?: (value: unknown) => EventFieldProblem | null;
}

/** A deadline as an instant: a bare date is the end of that day in Vietnam (UTC+7). */
export function parseDeadline(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [y, m, d] = day.slice(1).map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    return real ? new Date(`${value}T23:59:59+07:00`) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The longest reason kept (a return's notes, a revocation's grounds). */
export const REASON_MAX_LENGTH = 2000;

export const PLAN_EVENT_FIELDS = {
  reason: {
    label: 'lý do',
    doc: `why (required, at most ${REASON_MAX_LENGTH} characters)`,
    check: (value) =>
      typeof value === 'string' && value.trim().length <= REASON_MAX_LENGTH
        ? null
        : { path: 'reason', code: 'too_long', message: `reason: lý do dài quá ${REASON_MAX_LENGTH} ký tự` },
  },
  decisionNumber: {
    label: 'số quyết định thu hồi',
    doc: 'number and symbol of the decision that revokes the plan (optional), e.g. "12-QĐ/TU"',
    check: (value) =>
      typeof value === 'string' && value.trim().length <= 60
        ? null
        : { path: 'decisionNumber', code: 'invalid', message: 'decisionNumber: số quyết định tối đa 60 ký tự' },
  },
  consultees: { label: 'người được xin ý kiến', doc: 'user ids asked for an opinion' },
  deadline: {
    label: 'hạn góp ý',
    doc: 'YYYY-MM-DD (end of that day, Vietnam time) or an ISO date-time',
    check: (value) =>
      typeof value === 'string' && parseDeadline(value)
        ? null
        : { path: 'deadline', code: 'invalid_date', message: 'deadline: ngày không hợp lệ (YYYY-MM-DD hoặc ngày giờ ISO 8601)' },
  },
  comments: { label: 'góp ý', doc: 'the comments' },
  commentId: { label: 'góp ý cần xử lý', doc: 'the comment' },
  resolution: { label: 'tiếp thu hay giải trình', doc: 'accepted (tiếp thu) or declined (giải trình)' },
  note: { label: 'ghi chú', doc: 'the note' },
  registerId: { label: 'sổ đăng ký', doc: 'the register that numbers the plan (default: the register of its document type)' },
  password: { label: 'mật khẩu xác nhận', doc: 'the signer re-enters the password (step-up); never stored', secret: true },
} satisfies Record<string, EventFieldSpec>;

export type PlanEventField = keyof typeof PLAN_EVENT_FIELDS;
export const PLAN_EVENT_FIELD_NAMES = Object.keys(PLAN_EVENT_FIELDS) as PlanEventField[];
/** Fields never hashed, echoed or stored (the step-up password). */
export const SECRET_EVENT_FIELDS = PLAN_EVENT_FIELD_NAMES.filter((f) => (PLAN_EVENT_FIELDS[f] as EventFieldSpec).secret);

/**
 * What the service establishes before the machine judges an event, each giving fields of the
 * machine event: `currentVersion` → version, `contentVersion` → contentVersion (the version
 * approved or signed), `formatCheck` → formatErrors, `reviewChain` → chain, `consultation` →
 * consultees (active users), deadline, now, `comments` → commentIds (anchors checked, rows
 * written with the transition), `consultationRound` → round, `resolution` → commentId,
 * resolution, note, `reason` → reason (NFC, trimmed), `stepUp` → passwordConfirmed, `authority`
 * → authorityId, `issuanceDesk` → issuanceDesk (the organization issues at its clerk's desk), `register` → registerId (the
 * register chosen at the desk, one of the organization's, else null: the register of its type), `revocation` →
 * decisionNumber (NFC, trimmed, or null).
 */
export const PLAN_EVENT_FACTS = [
  'currentVersion',
  'contentVersion',
  'formatCheck',
  'reviewChain',
  'consultation',
  'comments',
  'consultationRound',
  'resolution',
  'reason',
  'stepUp',
  'authority',
  'issuanceDesk',
  'register',
  'revocation',
] as const;
export type PlanEventFact = (typeof PLAN_EVENT_FACTS)[number];

/** Plan row columns an event writes besides `state`. */
export interface PlanColumns {
  submittedVersion: number;
  draftRound: number;
  signedAt: Date;
  signedById: string;
  revokedAt: Date;
  revokedById: string;
  revocationReason: string;
  revocationDecision: string | null;
}

type EventOf<T extends PlanEventType> = Extract<PlanEvent, { type: T }>;

/** A transition that happened, as the table's functions see it. */
export interface EventTransition<T extends PlanEventType = PlanEventType> {
  event: EventOf<T>;
  before: PlanMachineContext;
  after: PlanMachineContext;
  now: Date;
  /** The signing authority used (SIGN). */
  authority: { id: string; delegatedFromId: string | null; capacityLines: string[] } | null;
}

export type DrafterNoticeKind = 'returned' | 'signed' | 'consultation_closed';

export interface EventSpec<T extends PlanEventType = PlanEventType> {
  /** Vietnamese, as the UI and the history show it. */
  label: string;
  /** People send it through the API; the system's jobs send the others. */
  sentBy: 'person' | 'system';
  /** The fields it requires; any other field is refused. */
  fields: readonly PlanEventField[];
  /** The fields it takes when given (a choice with a default; checked then), besides the required ones. */
  optionalFields?: readonly PlanEventField[];
  /** Verified before the plan is locked; a failure is recorded as STEP_UP_FAILED. */
  stepUp: 'password' | null;
  facts: readonly PlanEventFact[];
  planColumns?: (t: EventTransition<T>) => Partial<PlanColumns>;
  /** What its audit event records beyond from/to, the reason and the content version. */
  audit?: (t: EventTransition<T>) => Record<string, unknown>;
  /** What the drafter is told when the machine names `tellDrafter` for it. */
  drafterNotice?: { kind: DrafterNoticeKind; message: (title: string, event: EventOf<T>, toStateLabel: string) => string };
}

const consultationClosed: EventSpec['drafterNotice'] = {
  kind: 'consultation_closed',
  message: (title, _event, toState) => `Đợt xin ý kiến về dự thảo ${title} đã kết thúc (${toState}): hãy tiếp thu hoặc giải trình từng góp ý`,
};

const system = <T extends PlanEventType>(label: string): EventSpec<T> => ({ label, sentBy: 'system', fields: [], stepUp: null, facts: [] });

export const PLAN_EVENTS = {
  SUBMIT: {
    label: 'Trình duyệt',
    sentBy: 'person',
    fields: [],
    stepUp: null,
    facts: ['currentVersion', 'formatCheck', 'reviewChain'],
    planColumns: ({ event }) => ({ submittedVersion: event.version }),
    audit: ({ event, after }) => ({ submittedVersion: event.version, chain: event.chain, round: after.round }),
  },
  CIRCULATE: {
    label: 'Xin ý kiến',
    sentBy: 'person',
    fields: ['consultees', 'deadline'],
    stepUp: null,
    facts: ['currentVersion', 'consultation'],
    audit: ({ event, after }) => ({ round: after.consultation?.round, consultees: event.consultees, deadline: event.deadline }),
  },
  COMMENT: {
    label: 'Góp ý',
    sentBy: 'person',
    fields: ['comments'],
    stepUp: null,
    facts: ['comments'],
    audit: ({ event, before }) => ({ round: before.consultation?.round, commentIds: event.commentIds }),
    drafterNotice: consultationClosed,
  },
  NO_COMMENT: {
    label: 'Không có ý kiến',
    sentBy: 'person',
    fields: [],
    stepUp: null,
    facts: [],
    audit: ({ before }) => ({ round: before.consultation?.round }),
    drafterNotice: consultationClosed,
  },
  DEADLINE: {
    label: 'Hết hạn góp ý',
    sentBy: 'system',
    fields: [],
    stepUp: null,
    facts: ['consultationRound'],
    audit: ({ event, before }) => ({
      round: event.round,
      unanswered: (before.consultation?.consultees ?? []).filter((id) => !before.consultation?.answered.includes(id)),
    }),
    drafterNotice: consultationClosed,
  },
  RESOLVE_COMMENT: {
    label: 'Tiếp thu / giải trình góp ý',
    sentBy: 'person',
    fields: ['commentId', 'resolution', 'note'],
    stepUp: null,
    facts: ['resolution'],
    audit: ({ event }) => ({ commentId: event.commentId, resolution: event.resolution, note: event.note }),
  },
  APPROVE: {
    label: 'Duyệt',
    sentBy: 'person',
    fields: [],
    stepUp: null,
    facts: ['contentVersion'],
    audit: ({ before }) => {
      const step = before.chain[before.step];
      return { step: before.step + 1, of: before.chain.length, role: step?.role, label: step?.label };
    },
  },
  RETURN: {
    label: 'Trả lại',
    sentBy: 'person',
    fields: ['reason'],
    stepUp: null,
    facts: ['reason'],
    planColumns: ({ after }) => ({ draftRound: after.round }),
    audit: ({ after }) => {
      const step = after.lastReturn?.step;
      return { from: after.lastReturn?.from, step: step === null || step === undefined ? null : step + 1, round: after.round };
    },
    drafterNotice: { kind: 'returned', message: (title, event) => `Kế hoạch ${title} bị trả lại: ${event.reason}` },
  },
  SIGN: {
    label: 'Ký ban hành',
    sentBy: 'person',
    fields: ['password'],
    stepUp: 'password',
    facts: ['contentVersion', 'stepUp', 'authority', 'issuanceDesk'],
    planColumns: ({ event, now }) => ({ signedAt: now, signedById: event.by.id }),
    audit: ({ authority }) => ({
      stepUp: 'password',
      authorityId: authority?.id ?? null,
      delegatedFromId: authority?.delegatedFromId ?? null,
      capacityLines: authority?.capacityLines ?? [],
    }),
    drafterNotice: { kind: 'signed', message: (title) => `Kế hoạch ${title} đã được ký, chờ cấp số và ban hành` },
  },
  ISSUE: {
    label: 'Cấp số, ban hành',
    sentBy: 'person',
    fields: [],
    optionalFields: ['registerId'],
    stepUp: null,
    facts: ['register'],
    audit: ({ event }) => ({ registerId: event.registerId ?? null }),
  },
  REFUSE_ISSUE: {
    label: 'Từ chối cấp số',
    sentBy: 'person',
    fields: ['reason'],
    stepUp: null,
    facts: ['reason'],
    drafterNotice: { kind: 'returned', message: (title, event) => `Văn thư từ chối cấp số kế hoạch ${title}, trả lại người ký: ${event.reason}` },
  },
  WITHDRAW: { label: 'Rút lại', sentBy: 'person', fields: [], stepUp: null, facts: [] },
  CANCEL: { label: 'Hủy', sentBy: 'person', fields: ['reason'], stepUp: null, facts: ['reason'] },
  NUMBERED: system('Cấp số'),
  ISSUED: system('Ban hành'),
  DISTRIBUTION_STARTED: system('Bắt đầu phát hành'),
  DISTRIBUTED: system('Phát hành xong'),
  REVOKE: {
    label: 'Thu hồi',
    sentBy: 'person',
    fields: ['reason', 'password'],
    optionalFields: ['decisionNumber'],
    stepUp: 'password',
    facts: ['reason', 'stepUp', 'revocation'],
    planColumns: ({ event, now }) => ({
      revokedAt: now,
      revokedById: event.by.id,
      revocationReason: event.reason,
      revocationDecision: event.decisionNumber,
    }),
    audit: ({ event }) => ({ stepUp: 'password', decisionNumber: event.decisionNumber }),
  },
  PARENT_REVOKED: system('Hủy do văn bản cấp trên bị thu hồi'),
  REPLACED: {
    ...system<'REPLACED'>('Được thay thế bằng văn bản mới'),
    audit: ({ event }) => ({ replacementId: event.replacementId }),
  },
} satisfies { [T in PlanEventType]: EventSpec<T> };

export const PLAN_EVENT_TYPES = Object.keys(PLAN_EVENTS) as PlanEventType[];

/** The row of an event type (any type: the table's functions take that type's event). */
export function planEventSpec(type: PlanEventType): EventSpec {
  return PLAN_EVENTS[type] as EventSpec;
}

export const PERSON_EVENT_TYPES = PLAN_EVENT_TYPES.filter((t) => PLAN_EVENTS[t].sentBy === 'person');
export const SYSTEM_EVENT_TYPES = PLAN_EVENT_TYPES.filter((t) => PLAN_EVENTS[t].sentBy === 'system');

/** Event types that take a field (for the OpenAPI description). */
export function eventsTaking(field: PlanEventField): PlanEventType[] {
  return PLAN_EVENT_TYPES.filter((t) => eventTakes(t, field));
}

/** The OpenAPI description of a field: the events that take it and what it is. */
export function eventFieldDoc(field: PlanEventField): string {
  return `${eventsTaking(field).join(', ')}: ${PLAN_EVENT_FIELDS[field].doc}`;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The fields an event type takes: those it requires, then those it takes when given. */
export function fieldsTakenBy(type: PlanEventType): readonly PlanEventField[] {
  const spec = planEventSpec(type);
  return [...spec.fields, ...(spec.optionalFields ?? [])];
}

function eventTakes(type: PlanEventType, field: PlanEventField): boolean {
  return fieldsTakenBy(type).includes(field);
}

/** Field problems of an event body beyond its shape: what the type requires, what it does not take. */
export function eventFieldProblems(type: PlanEventType, body: Partial<Record<PlanEventField, unknown>>): EventFieldProblem[] {
  const problems: EventFieldProblem[] = [];
  const required: readonly string[] = planEventSpec(type).fields;
  const optional: readonly string[] = planEventSpec(type).optionalFields ?? [];
  for (const field of PLAN_EVENT_FIELD_NAMES) {
    const value = body[field];
    const spec: EventFieldSpec = PLAN_EVENT_FIELDS[field];
    const given = optional.includes(field) && value !== undefined && value !== null && value !== '';
    if (required.includes(field) && isEmpty(value)) {
      problems.push({ path: field, code: 'required', message: `${field}: cần có ${spec.label} cho sự kiện ${type}` });
    } else if (!eventTakes(type, field) && value !== undefined) {
      problems.push({ path: field, code: 'not_allowed', message: `${field}: sự kiện ${type} không nhận trường này` });
    } else if ((required.includes(field) || given) && spec.check) {
      const problem = spec.check(value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}
