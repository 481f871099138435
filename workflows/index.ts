import { AnyMachineSnapshot, AnyStateMachine, initialTransition, transition } from 'xstate';
import { allowedEventTypes, explainRefusal, MachineRules, Refusal } from './machine-rules';
import { PLAN_EVENT_TYPES } from './plan-events';
import { planStateLabel } from './plan-labels';
import {
  CONDITIONS,
  Consultation,
  EventSender,
  GUARD_CONDITIONS,
  PLAN_MACHINE_ID,
  PLAN_STATES,
  PlanEffect,
  PlanEvent,
  PlanEventType,
  PlanMachineContext,
  PlanMachineInput,
} from './plan-setup';
import { PLAN_MACHINE_V1, planMachineV1 } from './plan.machine';
import { migrateFromV1, PLAN_MACHINE_V2, planMachineV2 } from './plan.machine.v2';
import { migrateFromV2, PLAN_MACHINE_V3, planMachineV3 } from './plan.machine.v3';
import { migrateToAfterIssuance, PLAN_MACHINE_AFTER_ISSUANCE, planMachineAfterIssuance } from './plan.machine.after-issuance';
import { migrateToV5, PLAN_MACHINE_V5, planMachineV5 } from './plan.machine.v5';

export * from './machine-rules';
export * from './plan-events';
export * from './plan-labels';
export * from './plan-setup';
export { PLAN_MACHINE_V1, planMachineV1 } from './plan.machine';
export { PLAN_MACHINE_V2, planMachineV2 } from './plan.machine.v2';
export { PLAN_MACHINE_V3, planMachineV3 } from './plan.machine.v3';
export { PLAN_MACHINE_AFTER_ISSUANCE, planMachineAfterIssuance } from './plan.machine.after-issuance';
export { PLAN_MACHINE_V5, planMachineV5 } from './plan.machine.v5';

/** What is stored per plan: the machine's persisted snapshot, as JSON. */
export interface PersistedPlanSnapshot {
  status: string;
  value: unknown;
  context: PlanMachineContext;
  [key: string]: unknown;
}

/** One version of the plan machine and what the service needs to run it. */
export interface PlanMachineVersion {
  id: typeof PLAN_MACHINE_ID;
  version: string;
  machine: AnyStateMachine;
  rules: MachineRules<PlanMachineContext, PlanEvent>;
  /** Turns a snapshot persisted by this version into one of the next version (absent on the newest). */
  migrateToNext?: (persisted: PersistedPlanSnapshot) => PersistedPlanSnapshot;
}

/**
 * The machine stays flat (docs/workflow.md): a state's name is the whole of where a plan
 * stands, which the plan row, the state sets and machine-rules.ts rely on.
 */
function registered(version: string, machine: AnyStateMachine, migrateToNext?: PlanMachineVersion['migrateToNext']): PlanMachineVersion {
  const nested = Object.entries(machine.config.states ?? {}).filter(([, config]) => (config as { states?: unknown }).states);
  if (nested.length) throw new Error(`plan machine v${version}: nested states (${nested.map(([name]) => name).join(', ')}) are not supported`);
  const rules = { machine, conditions: CONDITIONS, guardConditions: GUARD_CONDITIONS, eventTypes: PLAN_EVENT_TYPES };
  return { id: PLAN_MACHINE_ID, version, machine, rules, migrateToNext };
}

/**
 * Every plan machine version that stored snapshots may use, oldest first. Never remove a
 * version while rows use it; a new version is a new file registered here, with
 * `migrateToNext` on the one before it.
 */
export const PLAN_MACHINE_VERSIONS: readonly PlanMachineVersion[] = [
  registered(PLAN_MACHINE_V1, planMachineV1, migrateFromV1),
  registered(PLAN_MACHINE_V2, planMachineV2, migrateFromV2),
  registered(PLAN_MACHINE_V3, planMachineV3, migrateToAfterIssuance),
  registered(PLAN_MACHINE_AFTER_ISSUANCE, planMachineAfterIssuance, migrateToV5),
  registered(PLAN_MACHINE_V5, planMachineV5),
];

/** The newest version: new plans start on it and stored ones move to it when loaded (unless the configuration holds back). */
export const LATEST_PLAN_MACHINE_VERSION = PLAN_MACHINE_VERSIONS[PLAN_MACHINE_VERSIONS.length - 1].version;

function positionOf(version: string): number {
  const index = PLAN_MACHINE_VERSIONS.findIndex((v) => v.version === version);
  if (index < 0) throw new Error(`unknown plan machine version ${version}: keep every version stored plans use in workflows/index.ts`);
  return index;
}

export function planMachineVersion(version: string): PlanMachineVersion {
  return PLAN_MACHINE_VERSIONS[positionOf(version)];
}

/**
 * A stored snapshot moved on to `target` (or kept on its own version when that is newer):
 * each version's `migrateToNext` in turn.
 */
export function migratePlanSnapshot(
  version: string,
  persisted: PersistedPlanSnapshot,
  target: string,
): { version: string; persisted: PersistedPlanSnapshot } {
  let at = positionOf(version);
  const goal = positionOf(target);
  let moved = persisted;
  while (at < goal) {
    const { migrateToNext } = PLAN_MACHINE_VERSIONS[at];
    if (!migrateToNext) throw new Error(`plan machine v${PLAN_MACHINE_VERSIONS[at].version} has no migrateToNext`);
    moved = migrateToNext(moved);
    at++;
  }
  return { version: PLAN_MACHINE_VERSIONS[at].version, persisted: moved };
}

export interface StepResult {
  snapshot: AnyMachineSnapshot;
  /** Effects named by the transition, for the service to perform. */
  effects: PlanEffect[];
}

/** The first snapshot of a plan's workflow. */
export function startPlan(input: PlanMachineInput, version = LATEST_PLAN_MACHINE_VERSION): { version: string; snapshot: AnyMachineSnapshot } {
  const [snapshot] = initialTransition(planMachineVersion(version).machine, input);
  return { version, snapshot };
}

/**
 * A plan that has no workflow row yet but already stands somewhere (imported as issued, for
 * example): the machine in that state, with a fresh context.
 */
export function adoptPlan(
  input: PlanMachineInput,
  state: string,
  version = LATEST_PLAN_MACHINE_VERSION,
): { version: string; snapshot: AnyMachineSnapshot } {
  const started = startPlan(input, version);
  if (state === 'draft' || !(PLAN_STATES as readonly string[]).includes(state)) return started;
  const { machine } = planMachineVersion(version);
  return { version, snapshot: machine.resolveState({ value: state, context: started.snapshot.context }) };
}

/** Rebuilds a snapshot stored by the given machine version. */
export function restorePlanSnapshot(version: string, persisted: PersistedPlanSnapshot): AnyMachineSnapshot {
  const { machine } = planMachineVersion(version);
  return machine.resolveState({ value: persisted.value as never, context: persisted.context });
}

export function persistPlanSnapshot(version: string, snapshot: AnyMachineSnapshot): PersistedPlanSnapshot {
  const { machine } = planMachineVersion(version);
  return JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot as never))) as PersistedPlanSnapshot;
}

export function planStateOf(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
}

/**
 * Applies an event with XState's pure transition: the next snapshot and the named effects,
 * or the refusal (why, in Vietnamese) when no transition is enabled.
 */
export function stepPlan(
  version: string,
  snapshot: AnyMachineSnapshot,
  event: PlanEvent,
): { ok: true; result: StepResult } | { ok: false; refusal: Refusal } {
  const { machine, rules } = planMachineVersion(version);
  if (!snapshot.can(event)) return { ok: false, refusal: explainRefusal(rules, snapshot, event, planStateLabel) };
  const [next, actions] = transition(machine, snapshot as never, event);
  const effects = actions.map((a) => String(a.type)).filter((type) => !type.startsWith('xstate.')) as PlanEffect[];
  return { ok: true, result: { snapshot: next, effects } };
}

/** Event types the sender may send now (the same list a refusal carries). */
export function allowedPlanEvents(version: string, snapshot: AnyMachineSnapshot, by: EventSender): PlanEventType[] {
  const { rules } = planMachineVersion(version);
  return allowedEventTypes(rules, snapshot, (type) => ({ type, by }) as PlanEvent);
}

/** People asked for an opinion in the round under way, read through the snapshot's own version. */
export function planConsultees(version: string, persisted: PersistedPlanSnapshot): string[] {
  return planConsultation(version, persisted)?.consultees ?? [];
}

/** The consultation under way (who is asked, about which content version), read through the snapshot's own version. */
export function planConsultation(version: string, persisted: PersistedPlanSnapshot): Consultation | null {
  return (restorePlanSnapshot(version, persisted).context as PlanMachineContext).consultation;
}

// ---- Sets of states, read from the state charts (tags and meta) of every version ----

interface StateConfig {
  tags?: string | string[];
  meta?: { awaits?: Awaited };
}

/** Whom a plan waits for in a state (`meta.awaits`): the holders of the review step's role, the signers, or the clerks at the desk. */
export type Awaited = 'stepHolders' | 'signers' | 'clerks';

function stateConfigs(): [string, StateConfig][] {
  return PLAN_MACHINE_VERSIONS.flatMap((v) => Object.entries((v.machine.config.states ?? {}) as Record<string, StateConfig>));
}

function statesTagged(tag: string): string[] {
  const names = stateConfigs()
    .filter(([, config]) => ([] as string[]).concat(config.tags ?? []).includes(tag))
    .map(([name]) => name);
  return [...new Set(names)];
}

/** Content may change only here (draft): from SUBMIT, and while circulated for comments, it is frozen. */
export const EDITABLE_STATES: readonly string[] = statesTagged('editable');
/** The plan has its number, its date and its PDF: issued, being distributed, distributed. */
export const ISSUED_STATES: readonly string[] = statesTagged('issued');
export const CANCELLED_STATES: readonly string[] = statesTagged('cancelled');
/** Revoked after issuance (thu hồi): still numbered and filed, no longer in force. */
export const REVOKED_STATES: readonly string[] = statesTagged('revoked');
/** Replaced after issuance (thay thế): still numbered and filed, its replacement in force instead. */
export const REPLACED_STATES: readonly string[] = statesTagged('replaced');

export function isContentEditable(state: string): boolean {
  return EDITABLE_STATES.includes(state);
}

/** Whom the plan waits for in `state` on `version`, or null when it waits for no person. */
export function awaitedIn(state: string, version = LATEST_PLAN_MACHINE_VERSION): Awaited | null {
  const states = (planMachineVersion(version).machine.config.states ?? {}) as Record<string, StateConfig>;
  return states[state]?.meta?.awaits ?? null;
}

/** States where a plan waits for a person named by the chart (review steps, signature). */
export const AWAITING_STATES: readonly string[] = [
  ...new Set(
    stateConfigs()
      .filter(([, c]) => c.meta?.awaits)
      .map(([name]) => name),
  ),
];
