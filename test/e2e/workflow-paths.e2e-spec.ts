import { RoadPath, shortestRoadPaths, simpleRoadPaths } from '../support/plan-paths';
import { describePath, replayPath, ROAD_USERS } from '../support/road-replay';
import { createTestApp, TestApp } from '../support/test-app';
import { getJson, transitions } from '../support/workflow-client';

/**
 * The paths @xstate/graph generates from the machine (shortest to every state, and every
 * simple path), replayed through the real service on the real database with real users in
 * the roles of the road. Each ends in the path's state, with the path's events in the trail.
 */
describe('workflow: paths generated from the machine, replayed through the service', () => {
  let t: TestApp;
  const USERS = ROAD_USERS;
  beforeAll(async () => {
    // No workers: the test itself sends the system events the jobs would (issuance has its own tests).
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
  });
  afterAll(() => t.close());

  async function replay(path: RoadPath): Promise<void> {
    const { planId, events } = await replayPath(t, path);
    const view = await getJson(t, USERS.drafter, `/api/plans/${planId}/workflow`);
    const expected = path.state.context;
    expect({
      path: describePath(path),
      state: view.state,
      step: view.state === 'review' ? view.currentStep - 1 : expected.step,
      open: view.openComments.length,
      answered: view.consultation?.answered.length ?? null,
    }).toEqual({
      path: describePath(path),
      state: path.state.value,
      step: expected.step,
      open: expected.openComments.length,
      answered: expected.consultation?.answered.length ?? null,
    });
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);
    expect(transitions(history)).toEqual(events.map((e) => e.type));
  }

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
