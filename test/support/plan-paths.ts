import { getShortestPaths, getSimplePaths, StatePath } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import {
  EventSender,
  LATEST_PLAN_MACHINE_VERSION,
  PlanEvent,
  PlanMachineContext,
  planMachineVersion,
  ReviewStep,
  SYSTEM_SENDER,
} from '../../workflows';

/**
 * Paths through the plan machine generated with @xstate/graph, with abstract people in the
 * roles of the road. The unit spec walks them on the machine; the e2e spec replays them
 * through the real service with real users in the same roles.
 */
export type PathRole = 'drafter' | 'reviewer' | 'checker' | 'signer' | 'clerk' | 'consulteeA' | 'consulteeB' | 'admin' | 'system';

export const PATH_PEOPLE: Record<PathRole, EventSender> = {
  drafter: { id: 'drafter', system: false, roles: ['drafter'], holdsAuthority: false },
  reviewer: { id: 'reviewer', system: false, roles: ['reviewer'], holdsAuthority: false },
  checker: { id: 'checker', system: false, roles: ['format_checker'], holdsAuthority: false },
  signer: { id: 'signer', system: false, roles: ['signer'], holdsAuthority: true, mayRevoke: true },
  clerk: { id: 'clerk', system: false, roles: ['clerk'], holdsAuthority: false },
  consulteeA: { id: 'consulteeA', system: false, roles: ['consultee'], holdsAuthority: false },
  consulteeB: { id: 'consulteeB', system: false, roles: ['consultee'], holdsAuthority: false },
  admin: { id: 'admin', system: false, roles: ['admin'], holdsAuthority: false },
  system: SYSTEM_SENDER,
};

export const PATH_CHAIN: ReviewStep[] = [
  { role: 'reviewer', label: 'Duyệt nội dung' },
  { role: 'format_checker', label: 'Kiểm tra thể thức' },
];

export const PATH_REVOCATION_REASON = 'Ban hành không đúng thẩm quyền';
/** The plan that replaces a distributed one (v5). */
export const PATH_REPLACEMENT_ID = 'replacement';

/** The parent of a plan still on its road was revoked: the cascade cancels it (versions that know the event). */
const parentRevoked: PlanEvent = { type: 'PARENT_REVOKED', by: SYSTEM_SENDER, reason: PATH_REVOCATION_REASON };

export const PATH_NOW = '2024-01-10T02:00:00.000Z';
export const PATH_DEADLINE = '2024-01-15T10:00:00.000Z';

/**
 * Which document walks the road: a plan (its organization's review chain) or, from v5, a
 * correction notice (đính chính: submitted without a chain, straight to the signer).
 */
export type RoadKind = 'plan' | 'correctionNotice';

export interface RoadOptions {
  kind?: RoadKind;
  /**
   * Whether a distributed plan's replacement gets issued (REPLACED, v5). The machine's paths
   * take it; a replay through the service leaves it out, since it needs a real replacement
   * walking its own road (test/e2e/replacement does that).
   */
  replaced?: boolean;
}

/** The events the people of the road would send from this snapshot, each with a valid payload. */
export function roadEvents(snapshot: AnyMachineSnapshot, { kind = 'plan', replaced = false }: RoadOptions = {}): PlanEvent[] {
  const c = snapshot.context as PlanMachineContext;
  const version = c.submittedVersion ?? 1;
  const p = PATH_PEOPLE;
  switch (snapshot.value) {
    case 'draft':
      return [
        { type: 'SUBMIT', by: p.drafter, version: 1, formatErrors: 0, chain: kind === 'plan' ? PATH_CHAIN : [] },
        // One consultation at a time: comments of the last one are resolved before the next.
        ...(c.openComments.length
          ? []
          : [
              {
                type: 'CIRCULATE',
                by: p.drafter,
                consultees: ['consulteeA', 'consulteeB'],
                deadline: PATH_DEADLINE,
                now: PATH_NOW,
                version: 1,
              } as PlanEvent,
            ]),
        ...c.openComments
          .slice(0, 1)
          .map((commentId): PlanEvent => ({ type: 'RESOLVE_COMMENT', by: p.drafter, commentId, resolution: 'accepted', note: 'Tiếp thu' })),
        { type: 'CANCEL', by: p.drafter, reason: 'Không còn cần thiết' },
        parentRevoked,
      ];
    case 'consultation':
      return [
        { type: 'COMMENT', by: p.consulteeA, commentIds: [`comment-${c.consultation?.round}-A`] },
        { type: 'NO_COMMENT', by: p.consulteeB },
        { type: 'DEADLINE', by: p.system, round: c.consultation?.round ?? 0 },
        { type: 'WITHDRAW', by: p.drafter },
        parentRevoked,
      ];
    case 'review': {
      const holder = c.chain[c.step]?.role === 'format_checker' ? p.checker : p.reviewer;
      return [
        { type: 'APPROVE', by: holder, contentVersion: version },
        { type: 'RETURN', by: holder, reason: 'Cần bổ sung chỉ tiêu' },
        { type: 'WITHDRAW', by: p.drafter },
        { type: 'CANCEL', by: p.admin, reason: 'Thay bằng kế hoạch khác' },
        parentRevoked,
      ];
    }
    case 'awaitingSignature':
      return [
        // The organization issues at its clerk's desk (v3; earlier versions ignore the fact).
        { type: 'SIGN', by: p.signer, contentVersion: version, passwordConfirmed: true, authorityId: 'authority', issuanceDesk: true },
        { type: 'RETURN', by: p.signer, reason: 'Chưa rõ nguồn kinh phí' },
        { type: 'WITHDRAW', by: p.drafter },
        { type: 'CANCEL', by: p.drafter, reason: 'Không còn cần thiết' },
        parentRevoked,
      ];
    case 'awaitingIssue':
      return [{ type: 'ISSUE', by: p.clerk }, { type: 'REFUSE_ISSUE', by: p.clerk, reason: 'Sai tên người ký' }, parentRevoked];
    case 'signed':
      return [{ type: 'NUMBERED', by: p.system }];
    case 'numbered':
      return [{ type: 'ISSUED', by: p.system }];
    case 'issued':
      return [{ type: 'DISTRIBUTION_STARTED', by: p.system }];
    case 'distributing':
      return [{ type: 'DISTRIBUTED', by: p.system }];
    case 'distributed':
      return [
        { type: 'REVOKE', by: p.signer, reason: PATH_REVOCATION_REASON, decisionNumber: null, passwordConfirmed: true },
        // its replacement was issued (v5)
        ...(replaced ? [{ type: 'REPLACED', by: p.system, replacementId: PATH_REPLACEMENT_ID } as PlanEvent] : []),
      ];
    default:
      return [];
  }
}

/** What distinguishes two snapshots for the road (not counters such as the draft round). */
export function roadState(snapshot: AnyMachineSnapshot): string {
  const c = snapshot.context as PlanMachineContext;
  const answered = c.consultation ? [...c.consultation.answered].sort().join('+') : '-';
  return `${String(snapshot.value)}|step ${c.step}|answered ${answered}|open ${c.openComments.length}`;
}

const traversal = (options: RoadOptions) => ({
  input: { drafterId: 'drafter' },
  events: (snapshot: AnyMachineSnapshot) => roadEvents(snapshot, options),
  serializeState: (snapshot: AnyMachineSnapshot) => roadState(snapshot),
  serializeEvent: (event: PlanEvent) => `${event.type}:${event.by.id}`,
});

export type RoadPath = StatePath<AnyMachineSnapshot, PlanEvent>;

/** Paths on a machine version (the newest by default). */
export function shortestRoadPaths(version = LATEST_PLAN_MACHINE_VERSION, options: RoadOptions = {}): RoadPath[] {
  return getShortestPaths(planMachineVersion(version).machine, traversal(options) as never) as unknown as RoadPath[];
}

export function simpleRoadPaths(version = LATEST_PLAN_MACHINE_VERSION, options: RoadOptions = {}): RoadPath[] {
  return getSimplePaths(planMachineVersion(version).machine, traversal(options) as never) as unknown as RoadPath[];
}

/** The shortest paths of a correction notice (v5): its SUBMIT carries no review chain. */
export function correctionRoadPaths(version = LATEST_PLAN_MACHINE_VERSION, options: RoadOptions = {}): RoadPath[] {
  return shortestRoadPaths(version, { ...options, kind: 'correctionNotice' });
}

/** The role that sent an event of a path. */
export function roleOf(event: PlanEvent): PathRole {
  return (Object.keys(PATH_PEOPLE) as PathRole[]).find((role) => PATH_PEOPLE[role].id === event.by.id)!;
}
