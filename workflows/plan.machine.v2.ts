import { planMachineV1 } from './plan.machine';
import { PLAN_MACHINE_ID, planSetup } from './plan-setup';

/**
 * Version 2 of the plan's road: `distributed` is no longer final. A distributed plan stays
 * active so that later events can leave it (revocation, replacement, correction of an issued
 * plan). Everything else is version 1's chart.
 */
export const PLAN_MACHINE_V2 = '2';

// Version 1's chart (checked where it is written) with the states this version changes.
const { context, initial, states } = planMachineV1.config;

export const planMachineV2 = planSetup.createMachine({
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_V2,
  context: context as never,
  initial: initial as 'draft',
  states: {
    ...(states as object),
    /** Đã phát hành: the end of the ordinary road, but not of the plan's life. */
    distributed: { tags: ['issued'] },
  } as typeof states,
});

/** A v1 snapshot as v2 stores it: a distributed plan, final (`done`) in v1, is active again. */
export function migrateFromV1<T extends { status: string; value: unknown; output?: unknown }>(persisted: T): T {
  if (persisted.value !== 'distributed') return persisted;
  const { output: _output, ...rest } = persisted;
  return { ...rest, status: 'active' } as T;
}
