import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';

/**
 * Reads a machine's own configuration (the literal it was created from) to say which events
 * a sender may send now and why an event is refused. Works for any machine whose guards are
 * named lists of conditions, as plan.machine.ts defines them.
 */
export interface RuleCondition<TArgs> {
  kind: 'actor' | 'state' | 'payload';
  test(args: TArgs): boolean;
  reason(args: TArgs): string;
}

export interface MachineRules<TContext, TEvent extends { type: string }> {
  machine: AnyStateMachine;
  conditions: Record<string, RuleCondition<{ context: TContext; event: TEvent }>>;
  guardConditions: Record<string, readonly string[]>;
  eventTypes: readonly TEvent['type'][];
}

interface BranchConfig {
  guard?: string;
}

function branches(rules: MachineRules<unknown, { type: string }>, state: string, type: string): BranchConfig[] {
  const stateConfig = (rules.machine.config.states as Record<string, { on?: Record<string, unknown> }> | undefined)?.[state];
  const on = stateConfig?.on?.[type];
  if (!on) return [];
  const list = Array.isArray(on) ? on : [on];
  return list.map((b) => (typeof b === 'string' ? {} : (b as BranchConfig)));
}

function stateOf(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
}

/** Events the sender may send now, judged by who they are and where the plan stands (not by payload). */
export function allowedEventTypes<TContext, TEvent extends { type: string }>(
  rules: MachineRules<TContext, TEvent>,
  snapshot: AnyMachineSnapshot,
  probe: (type: TEvent['type']) => TEvent,
): TEvent['type'][] {
  if (snapshot.status !== 'active') return [];
  const state = stateOf(snapshot);
  return rules.eventTypes.filter((type) =>
    branches(rules as MachineRules<unknown, { type: string }>, state, type).some((branch) => {
      const names = branch.guard ? rules.guardConditions[branch.guard] : [];
      const args = { context: snapshot.context as TContext, event: probe(type) };
      return names.every((name) => rules.conditions[name].kind === 'payload' || rules.conditions[name].test(args));
    }),
  );
}

export interface Refusal {
  /** The first condition that failed, or why no transition exists. */
  code: string;
  reason: string;
}

/**
 * Why the event is refused: of the transitions this event could take from the current
 * state, the one that got furthest names its first failed condition.
 */
export function explainRefusal<TContext, TEvent extends { type: string }>(
  rules: MachineRules<TContext, TEvent>,
  snapshot: AnyMachineSnapshot,
  event: TEvent,
  stateLabel: (state: string) => string,
): Refusal {
  const state = stateOf(snapshot);
  const candidates = snapshot.status === 'active' ? branches(rules as MachineRules<unknown, { type: string }>, state, event.type) : [];
  if (!candidates.length) {
    return { code: 'not_in_state', reason: `Không thể thực hiện ${event.type} khi kế hoạch ở trạng thái "${stateLabel(state)}"` };
  }
  let best: { passed: number; refusal: Refusal } | null = null;
  const args = { context: snapshot.context as TContext, event };
  for (const branch of candidates) {
    const names = branch.guard ? rules.guardConditions[branch.guard] : [];
    let passed = 0;
    for (const name of names) {
      if (!rules.conditions[name].test(args)) {
        if (!best || passed > best.passed) best = { passed, refusal: { code: name, reason: rules.conditions[name].reason(args) } };
        break;
      }
      passed++;
    }
  }
  return best?.refusal ?? { code: 'refused', reason: 'Sự kiện bị từ chối' };
}
