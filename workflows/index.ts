import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { allowedEventTypes, explainRefusal, MachineRules, Refusal } from './machine-rules';
import { planStateLabel } from './plan-labels';
import {
  CONDITIONS,
  EventSender,
  GUARD_CONDITIONS,
  PLAN_EVENT_TYPES,
  PLAN_MACHINE_ID,
  PLAN_MACHINE_VERSION,
  PLAN_STATES,
  PlanEffect,
  PlanEvent,
  PlanEventType,
  PlanMachineContext,
  PlanMachineInput,
  planMachine,
} from './plan.machine';

export * from './machine-rules';
export * from './plan-labels';
export * from './plan.machine';

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
  machine: typeof planMachine;
  rules: MachineRules<PlanMachineContext, PlanEvent>;
  /** Turns a snapshot persisted by this version into one of the next version (absent on the newest). */
  migrateToNext?: (persisted: PersistedPlanSnapshot) => PersistedPlanSnapshot;
}

/**
 * Every plan machine version that stored snapshots may use. Never remove a version while
 * rows use it; a new version is added here with `migrateToNext` on the one before.
 */
export const PLAN_MACHINE_VERSIONS: Record<string, PlanMachineVersion> = {
  [PLAN_MACHINE_VERSION]: {
    id: PLAN_MACHINE_ID,
    version: PLAN_MACHINE_VERSION,
    machine: planMachine,
    rules: { machine: planMachine, conditions: CONDITIONS, guardConditions: GUARD_CONDITIONS, eventTypes: PLAN_EVENT_TYPES },
  },
};

export const CURRENT_PLAN_MACHINE_VERSION = PLAN_MACHINE_VERSION;

export function planMachineVersion(version: string): PlanMachineVersion {
  const found = PLAN_MACHINE_VERSIONS[version];
  if (!found) throw new Error(`unknown plan machine version ${version}: keep every version stored plans use in workflows/index.ts`);
  return found;
}

export interface StepResult {
  snapshot: AnyMachineSnapshot;
  /** Effects named by the transition, for the service to perform. */
  effects: PlanEffect[];
}

/** The first snapshot of a plan's workflow, on the current machine version. */
export function startPlan(input: PlanMachineInput): { version: string; snapshot: AnyMachineSnapshot } {
  const [snapshot] = initialTransition(planMachine, input);
  return { version: CURRENT_PLAN_MACHINE_VERSION, snapshot };
}

/**
 * A plan that has no workflow row yet but already stands somewhere (imported as issued, for
 * example): the current machine in that state, with a fresh context.
 */
export function adoptPlan(input: PlanMachineInput, state: string): { version: string; snapshot: AnyMachineSnapshot } {
  const started = startPlan(input);
  if (state === 'draft' || !(PLAN_STATES as readonly string[]).includes(state)) return started;
  return { version: started.version, snapshot: planMachine.resolveState({ value: state as never, context: started.snapshot.context }) };
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
export function stepPlan(version: string, snapshot: AnyMachineSnapshot, event: PlanEvent): { ok: true; result: StepResult } | { ok: false; refusal: Refusal } {
  const { machine, rules } = planMachineVersion(version);
  if (!snapshot.can(event)) return { ok: false, refusal: explainRefusal(rules, snapshot, event, planStateLabel) };
  const [next, actions] = transition(machine, snapshot as never, event);
  const effects = actions.map((a) => a.type).filter((type): type is PlanEffect => typeof type === 'string' && !type.startsWith('xstate.')) as PlanEffect[];
  return { ok: true, result: { snapshot: next, effects } };
}

/** Event types the sender may send now (the same list a refusal carries). */
export function allowedPlanEvents(version: string, snapshot: AnyMachineSnapshot, by: EventSender): PlanEventType[] {
  const { rules } = planMachineVersion(version);
  return allowedEventTypes(rules, snapshot, (type) => ({ type, by }) as PlanEvent);
}
