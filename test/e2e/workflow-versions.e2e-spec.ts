import { DataSource } from 'typeorm';
import { WorkflowService } from '@app/workflow';
import { LATEST_PLAN_MACHINE_VERSION, PLAN_STATES, planMachineVersion, planStateOf } from '../../workflows';
import { shortestRoadPaths } from '../support/plan-paths';
import { replayPath, ROAD_USERS } from '../support/road-replay';
import { createTestApp, TestApp } from '../support/test-app';
import { getJson, sendEvent } from '../support/workflow-client';

type StoredRow = { plan_id: string; machine_version: string; status: string; state: string };

const statesOf = (version: string) => PLAN_STATES.filter((state) => state in (planMachineVersion(version).machine.config.states ?? {}));
const knowsRevocation = (version: string) => statesOf(version).includes('revoked');
const knowsReplacement = (version: string) => statesOf(version).includes('replaced');

/**
 * A machine version that migrates: plans stored by the application on the older version in
 * every state of that version, then the application switched to the newer one on the same
 * database. Each plan is read on the newer version, moves on where the road goes on, and is
 * stored as the newer version. v1 → v2 (distributed no longer final), v2 → v3 (the clerk's desk),
 * v3 → v4 (revocation after issuance), v4 → v5 (replacement, the correction notice's short road).
 */
describe.each([
  ['1', '2'],
  ['2', '3'],
  ['3', '4'],
  ['4', LATEST_PLAN_MACHINE_VERSION],
])('workflow: plans stored on machine v%s carry on after the switch to v%s', (from, to) => {
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
    v1 = await createTestApp({ demo: true, env: { RUN_WORKERS: '0', PLAN_MACHINE_VERSION: from } });
    // One plan in each state of the older version, by the shortest road there.
    for (const state of statesOf(from)) {
      // (review at its first step, for the reviewer to approve on the newer version)
      const path = shortestRoadPaths(from).find(
        (p) => planStateOf(p.state) === state && p.steps.length > 1 && (state !== 'review' || p.state.context.step === 0),
      );
      if (!path) throw new Error(`no v${from} path to ${state}`);
      plans.set(state, (await replayPath(v1, path)).planId);
    }
    const rows = await stored(v1);
    expect([...plans].map(([state, id]) => [state, rows.get(id)?.machine_version, rows.get(id)?.state])).toEqual(
      statesOf(from).map((s) => [s, from, s]),
    );
    // Version 1 ends the road: a distributed plan is stored done.
    expect(rows.get(plans.get('distributed')!)?.status).toBe(from === '1' ? 'done' : 'active');
    const databaseUrl = v1.databaseUrl;
    await v1.close();
    v1 = null;
    v2 = await createTestApp({ databaseUrl, env: { RUN_WORKERS: '0', PLAN_MACHINE_VERSION: to } });
  });
  afterAll(async () => {
    await v1?.close();
    await v2?.close();
  });

  const system = (planId: string, type: 'NUMBERED' | 'ISSUED' | 'DISTRIBUTION_STARTED' | 'DISTRIBUTED' | 'REPLACED') =>
    v2.app
      .get(DataSource)
      .transaction((manager) =>
        v2.app.get(WorkflowService).applySystemEvent(planId, type === 'REPLACED' ? { type, replacementId: planId } : { type }, { manager }),
      );

  it('reads every stored plan on the newer version, where it stood', async () => {
    for (const [state, planId] of plans) {
      const view = await getJson(v2, ROAD_USERS.drafter, `/api/plans/${planId}/workflow`);
      expect({ state, at: view.state, version: view.machineVersion }).toEqual({ state, at: state, version: to });
    }
  });

  const moves = [
    ['draft', 'drafter', { type: 'CANCEL', reason: 'Thay bằng kế hoạch khác' }, 'cancelled'],
    ['consultation', 'drafter', { type: 'WITHDRAW' }, 'draft'],
    ['review', 'reviewer', { type: 'APPROVE' }, 'review'],
    // (from v3 a signed plan waits at the clerk's desk, the demo organizations' setting)
    ['awaitingSignature', 'signer', { type: 'SIGN', password: 'demo1234' }, statesOf(to).includes('awaitingIssue') ? 'awaitingIssue' : 'signed'],
    // (a plan stored at the desk by v3, issued by the clerk on the newer version)
    ['awaitingIssue', 'clerk', { type: 'ISSUE' }, 'signed'],
  ] as const;
  // (a state the older version does not have is left out)
  it.each(moves.filter(([state]) => statesOf(from).includes(state)))('%s moves on: %s sends %j', async (state, role, body, next) => {
    const planId = plans.get(state)!;
    const res = await sendEvent(v2, ROAD_USERS[role], planId, body);
    expect({ status: res.status, to: res.body.toState }).toEqual({ status: 200, to: next });
    expect((await stored(v2)).get(planId)).toMatchObject({ machine_version: to, state: next, status: next === 'cancelled' ? 'done' : 'active' });
    if (next === 'awaitingIssue') {
      const issued = await sendEvent(v2, ROAD_USERS.clerk, planId, { type: 'ISSUE' });
      expect({ status: issued.status, to: issued.body.toState }).toEqual({ status: 200, to: 'signed' });
    }
  });

  it.each([
    ['signed', 'NUMBERED', 'numbered'],
    ['numbered', 'ISSUED', 'issued'],
    ['issued', 'DISTRIBUTION_STARTED', 'distributing'],
    ['distributing', 'DISTRIBUTED', 'distributed'],
  ] as const)('%s moves on: the system sends %s', async (state, type, next) => {
    const planId = plans.get(state)!;
    const result = await system(planId, type);
    expect(result.toState).toBe(next);
    expect((await stored(v2)).get(planId)).toMatchObject({ machine_version: to, state: next, status: 'active' });
  });

  it('a distributed plan is active on the newer version (no longer done from v2, it may be revoked where that exists); a cancelled one is done', async () => {
    const distributed = plans.get('distributed')!;
    const view = await getJson(v2, ROAD_USERS.drafter, `/api/plans/${distributed}/workflow`);
    expect({ state: view.state, version: view.machineVersion, allowedEvents: view.allowedEvents }).toEqual({
      state: 'distributed',
      version: to,
      allowedEvents: [],
    });
    const signer = await getJson(v2, ROAD_USERS.signer, `/api/plans/${distributed}/allowed-events`);
    expect(signer.allowedEvents).toEqual(knowsRevocation(to) ? ['REVOKE'] : []);
    const cancelled = plans.get('cancelled')!;
    const res = await sendEvent(v2, ROAD_USERS.drafter, cancelled, { type: 'SUBMIT' });
    expect({ status: res.status, refusedBy: res.body.refusedBy }).toEqual({ status: 409, refusedBy: 'not_in_state' });
    const rows = await stored(v2);
    // Stored as the older version until a transition stores them again: reading migrates, it does not write.
    expect([rows.get(distributed)?.machine_version, rows.get(cancelled)?.machine_version]).toEqual([from, from]);
    if (knowsReplacement(to) && plans.has('revoked')) {
      // revoked on the older version: not in force, nothing to replace
      const refused = system(plans.get('revoked')!, 'REPLACED');
      await expect(refused).rejects.toMatchObject({ code: 'transition_refused', details: { refusedBy: 'not_in_state' } });
      expect((await stored(v2)).get(plans.get('revoked')!)).toMatchObject({ machine_version: from, state: 'revoked', status: 'active' });
    }
    if (knowsRevocation(to)) {
      const revoked = await sendEvent(v2, ROAD_USERS.signer, distributed, { type: 'REVOKE', reason: 'Ban hành nhầm', password: 'demo1234' });
      expect({ status: revoked.status, to: revoked.body.toState }).toEqual({ status: 200, to: 'revoked' });
      expect((await stored(v2)).get(distributed)).toMatchObject({ machine_version: to, state: 'revoked', status: 'active' });
    }
  });
});
