import { DataSource } from 'typeorm';
import { Clock, DAY_MS } from '@app/jobs';
import { WorkflowService } from '@app/workflow';
import type { PlanEvent } from '../../workflows';
import { createPlan, planContent } from './plan-factory';
import { PathRole, RoadPath, roleOf } from './plan-paths';
import { TestApp } from './test-app';
import { getJson, sendEvent, userId, withFutureDeadlines } from './workflow-client';

/** The demo users in the roles of the generated paths. */
export const ROAD_USERS: Record<Exclude<PathRole, 'system'>, string> = {
  drafter: 'bcd-duk.drafter',
  reviewer: 'bcd-duk.reviewer',
  checker: 'bcd-duk.format_checker',
  signer: 'bcd-duk.signer',
  clerk: 'bcd-duk.clerk',
  consulteeA: 'bcd-duk.consultee',
  consulteeB: 'duk-bd.consultee',
  admin: 'bcd-duk.admin',
};

export const describePath = (path: RoadPath) =>
  path.steps
    .map((s) => s.event.type)
    .filter((type) => (type as string) !== 'xstate.init')
    .join(' → ') || '(start)';

/**
 * Replays a generated path through the real service with real users: people's events through
 * the API, the system's as the jobs send them. Returns the new plan's id and the events sent.
 */
export async function replayPath(t: TestApp, path: RoadPath): Promise<{ planId: string; events: PlanEvent[] }> {
  const consultees: Record<string, string> = {
    consulteeA: await userId(t, ROAD_USERS.consulteeA),
    consulteeB: await userId(t, ROAD_USERS.consulteeB),
  };
  const body = (event: PlanEvent, comments: Map<string, string>): Record<string, unknown> => {
    switch (event.type) {
      case 'CIRCULATE':
        return {
          type: event.type,
          consultees: event.consultees.map((c) => consultees[c]),
          deadline: new Date(t.app.get(Clock).now().getTime() + 5 * DAY_MS).toISOString(),
        };
      case 'COMMENT':
        return { type: event.type, comments: event.commentIds.map(() => ({ anchorId: 'p2', text: 'Đề nghị bổ sung chỉ tiêu.' })) };
      case 'RESOLVE_COMMENT':
        return { type: event.type, commentId: comments.get(event.commentId), resolution: event.resolution, note: event.note };
      case 'RETURN':
      case 'REFUSE_ISSUE':
      case 'CANCEL':
        return { type: event.type, reason: event.reason };
      case 'SIGN':
        return { type: event.type, password: 'demo1234' };
      case 'REVOKE':
        return { type: event.type, reason: event.reason, password: 'demo1234' };
      default:
        return { type: event.type };
    }
  };
  const planId = await createPlan(t, ROAD_USERS.drafter, withFutureDeadlines(planContent()));
  const events = path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));
  const comments = new Map<string, string>();
  for (const event of events) {
    const role = roleOf(event);
    if (role === 'system') {
      const view = await getJson(t, ROAD_USERS.drafter, `/api/plans/${planId}/workflow`);
      const systemEvent =
        event.type === 'DEADLINE'
          ? { type: 'DEADLINE' as const, round: view.consultation.round }
          : event.type === 'PARENT_REVOKED'
            ? { type: 'PARENT_REVOKED' as const, reason: event.reason }
            : event.type === 'REPLACED'
              ? // (the issuance sends it when the replacement is issued; here a draft stands for it, as the jobs are off)
                { type: 'REPLACED' as const, replacementId: await createPlan(t, ROAD_USERS.drafter, withFutureDeadlines(planContent())) }
              : { type: event.type as 'NUMBERED' };
      await t.app.get(DataSource).transaction((manager) => t.app.get(WorkflowService).applySystemEvent(planId, systemEvent, { manager }));
      continue;
    }
    const res = await sendEvent(t, ROAD_USERS[role], planId, body(event, comments));
    if (res.status !== 200) throw new Error(`${describePath(path)}: ${role} ${event.type} → ${res.status} ${JSON.stringify(res.body)}`);
    if (event.type === 'COMMENT') event.commentIds.forEach((abstract, i) => comments.set(abstract, res.body.commentIds[i]));
  }
  return { planId, events };
}
