import { DataSource } from 'typeorm';
import { Clock, DAY_MS } from '@app/jobs';
import { WorkflowService } from '@app/workflow';
import type { PlanEvent } from '../../workflows';
import { createPlan, planContent } from '../support/plan-factory';
import { PathRole, RoadPath, roleOf, shortestRoadPaths, simpleRoadPaths } from '../support/plan-paths';
import { createTestApp, TestApp } from '../support/test-app';
import { getJson, sendEvent, transitions, userId, withFutureDeadlines } from '../support/workflow-client';

/**
 * The paths @xstate/graph generates from the machine (shortest to every state, and every
 * simple path), replayed through the real service on the real database with real users in
 * the roles of the road. Each ends in the path's state, with the path's events in the trail.
 */
describe('workflow: paths generated from the machine, replayed through the service', () => {
  let t: TestApp;
  const USERS: Record<Exclude<PathRole, 'system'>, string> = {
    drafter: 'bcd-duk.drafter',
    reviewer: 'bcd-duk.reviewer',
    checker: 'bcd-duk.format_checker',
    signer: 'bcd-duk.signer',
    consulteeA: 'bcd-duk.consultee',
    consulteeB: 'duk-bd.consultee',
    admin: 'bcd-duk.admin',
  };
  let ids: Record<string, string>;

  beforeAll(async () => {
    // No workers: the test itself sends the system events the jobs would (issuance has its own tests).
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    ids = { consulteeA: await userId(t, USERS.consulteeA), consulteeB: await userId(t, USERS.consulteeB) };
  });
  afterAll(() => t.close());

  /** The request a person of the road would send for this machine event. */
  function body(event: PlanEvent, comments: Map<string, string>): Record<string, unknown> {
    switch (event.type) {
      case 'CIRCULATE':
        return { type: event.type, consultees: event.consultees.map((c) => ids[c]), deadline: new Date(t.app.get(Clock).now().getTime() + 5 * DAY_MS).toISOString() };
      case 'COMMENT':
        return { type: event.type, comments: event.commentIds.map(() => ({ anchorId: 'p2', text: 'Đề nghị bổ sung chỉ tiêu.' })) };
      case 'RESOLVE_COMMENT':
        return { type: event.type, commentId: comments.get(event.commentId), resolution: event.resolution, note: event.note };
      case 'RETURN':
      case 'CANCEL':
        return { type: event.type, reason: event.reason };
      case 'SIGN':
        return { type: event.type, password: 'demo1234' };
      default:
        return { type: event.type };
    }
  }

  async function replay(path: RoadPath): Promise<void> {
    const planId = await createPlan(t, USERS.drafter, withFutureDeadlines(planContent()));
    const events = path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));
    const comments = new Map<string, string>();
    for (const event of events) {
      const role = roleOf(event);
      if (role === 'system') {
        const view = await getJson(t, USERS.drafter, `/api/plans/${planId}/workflow`);
        const systemEvent = event.type === 'DEADLINE' ? { type: 'DEADLINE' as const, round: view.consultation.round } : { type: event.type as 'NUMBERED' };
        await t.app.get(DataSource).transaction((manager) => t.app.get(WorkflowService).applySystemEvent(planId, systemEvent, { manager }));
        continue;
      }
      const res = await sendEvent(t, USERS[role], planId, body(event, comments));
      if (res.status !== 200) throw new Error(`${describePath(path)}: ${role} ${event.type} → ${res.status} ${JSON.stringify(res.body)}`);
      if (event.type === 'COMMENT') event.commentIds.forEach((abstract, i) => comments.set(abstract, res.body.commentIds[i]));
    }
    const view = await getJson(t, USERS.drafter, `/api/plans/${planId}/workflow`);
    const expected = path.state.context;
    expect({ path: describePath(path), state: view.state, step: view.state === 'review' ? view.currentStep - 1 : expected.step, open: view.openComments.length, answered: view.consultation?.answered.length ?? null }).toEqual({
      path: describePath(path),
      state: path.state.value,
      step: expected.step,
      open: expected.openComments.length,
      answered: expected.consultation?.answered.length ?? null,
    });
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);
    expect(transitions(history)).toEqual(events.map((e) => e.type));
  }

  const describePath = (path: RoadPath) => path.steps.map((s) => s.event.type).filter((type) => (type as string) !== 'xstate.init').join(' → ') || '(start)';

  it('every shortest path', async () => {
    const paths = shortestRoadPaths();
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const path of paths) await replay(path);
  });

  it('every simple path', async () => {
    const paths = simpleRoadPaths();
    expect(paths.length).toBeGreaterThanOrEqual(20);
    for (const path of paths) await replay(path);
  });
});
