import { DataSource } from 'typeorm';
import { WorkflowService } from '@app/workflow';
import { PLAN_STATES, planStateOf } from '../../workflows';
import { shortestRoadPaths } from '../support/plan-paths';
import { replayPath, ROAD_USERS } from '../support/road-replay';
import { createTestApp, TestApp } from '../support/test-app';
import { getJson, sendEvent } from '../support/workflow-client';

type StoredRow = { plan_id: string; machine_version: string; status: string; state: string };

/**
 * A machine version that migrates: plans stored by the application on version 1 in every
 * state of version 1, then the application switched to version 2 on the same database. Each
 * plan is read on version 2, moves on where the road goes on, and is stored as version 2.
 */
describe('workflow: plans stored on machine v1 carry on after the switch to v2', () => {
  let v1: TestApp | null = null;
  let v2: TestApp;
  const plans = new Map<string, string>();

  const stored = async (t: TestApp): Promise<Map<string, StoredRow>> => {
    const rows: StoredRow[] = await t.app
      .get(DataSource)
      .query(`SELECT w.plan_id, w.machine_version, w.snapshot->>'status' AS status, p.state FROM plan_workflow w JOIN plan p ON p.id = w.plan_id`);
    return new Map(rows.map((r) => [r.plan_id, r]));
  };

  beforeAll(async () => {
    v1 = await createTestApp({ demo: true, env: { RUN_WORKERS: '0', PLAN_MACHINE_VERSION: '1' } });
    // One plan in each state of version 1, by the shortest road there.
    for (const state of PLAN_STATES) {
      // (review at its first step, for the reviewer to approve on v2)
      const path = shortestRoadPaths('1').find(
        (p) => planStateOf(p.state) === state && p.steps.length > 1 && (state !== 'review' || p.state.context.step === 0),
      );
      if (!path) throw new Error(`no v1 path to ${state}`);
      plans.set(state, (await replayPath(v1, path)).planId);
    }
    const rows = await stored(v1);
    expect([...plans].map(([state, id]) => [state, rows.get(id)?.machine_version, rows.get(id)?.state])).toEqual(PLAN_STATES.map((s) => [s, '1', s]));
    // Version 1 ends the road: a distributed plan is stored done.
    expect(rows.get(plans.get('distributed')!)?.status).toBe('done');
    const databaseUrl = v1.databaseUrl;
    await v1.close();
    v1 = null;
    v2 = await createTestApp({ databaseUrl, env: { RUN_WORKERS: '0' } });
  });
  afterAll(async () => {
    await v1?.close();
    await v2?.close();
  });

  const system = (planId: string, type: 'NUMBERED' | 'ISSUED' | 'DISTRIBUTION_STARTED' | 'DISTRIBUTED') =>
    v2.app.get(DataSource).transaction((manager) => v2.app.get(WorkflowService).applySystemEvent(planId, { type }, { manager }));

  it('reads every stored plan on version 2, where it stood', async () => {
    for (const [state, planId] of plans) {
      const view = await getJson(v2, ROAD_USERS.drafter, `/api/plans/${planId}/workflow`);
      expect({ state, at: view.state, version: view.machineVersion }).toEqual({ state, at: state, version: '2' });
    }
  });

  it.each([
    ['draft', 'drafter', { type: 'CANCEL', reason: 'Thay bằng kế hoạch khác' }, 'cancelled'],
    ['consultation', 'drafter', { type: 'WITHDRAW' }, 'draft'],
    ['review', 'reviewer', { type: 'APPROVE' }, 'review'],
    ['awaitingSignature', 'signer', { type: 'SIGN', password: 'demo1234' }, 'signed'],
  ] as const)('%s moves on: %s sends %j', async (state, role, body, to) => {
    const planId = plans.get(state)!;
    const res = await sendEvent(v2, ROAD_USERS[role], planId, body);
    expect({ status: res.status, to: res.body.toState }).toEqual({ status: 200, to });
    expect((await stored(v2)).get(planId)).toMatchObject({ machine_version: '2', state: to, status: to === 'cancelled' ? 'done' : 'active' });
  });

  it.each([
    ['signed', 'NUMBERED', 'numbered'],
    ['numbered', 'ISSUED', 'issued'],
    ['issued', 'DISTRIBUTION_STARTED', 'distributing'],
    ['distributing', 'DISTRIBUTED', 'distributed'],
  ] as const)('%s moves on: the system sends %s', async (state, type, to) => {
    const planId = plans.get(state)!;
    const result = await system(planId, type);
    expect(result.toState).toBe(to);
    expect((await stored(v2)).get(planId)).toMatchObject({ machine_version: '2', state: to, status: 'active' });
  });

  it('a distributed plan is no longer done on version 2; a cancelled one still is', async () => {
    const distributed = plans.get('distributed')!;
    const view = await getJson(v2, ROAD_USERS.drafter, `/api/plans/${distributed}/workflow`);
    expect({ state: view.state, version: view.machineVersion, allowedEvents: view.allowedEvents }).toEqual({
      state: 'distributed',
      version: '2',
      allowedEvents: [],
    });
    const cancelled = plans.get('cancelled')!;
    const res = await sendEvent(v2, ROAD_USERS.drafter, cancelled, { type: 'SUBMIT' });
    expect({ status: res.status, refusedBy: res.body.refusedBy }).toEqual({ status: 409, refusedBy: 'not_in_state' });
    const rows = await stored(v2);
    // Stored as version 1 until a transition stores them again: reading migrates, it does not write.
    expect([rows.get(distributed)?.machine_version, rows.get(cancelled)?.machine_version]).toEqual(['1', '1']);
  });
});
