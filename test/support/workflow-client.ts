import request from 'supertest';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** Sends a workflow event as a user; returns the raw response (the caller asserts the status). */
export async function sendEvent(
  t: TestApp,
  username: string,
  planId: string,
  body: Record<string, unknown>,
  headers: { ifMatch?: number | string; key?: string } = {},
): Promise<request.Response> {
  let req = request(t.http)
    .post(`/api/plans/${planId}/events`)
    .set('Authorization', `Bearer ${await t.token(username)}`);
  if (headers.ifMatch !== undefined) req = req.set('If-Match', `"${headers.ifMatch}"`);
  if (headers.key !== undefined) req = req.set('Idempotency-Key', headers.key);
  return req.send(body);
}

/** Sends an event that must succeed; returns the transition result. */
export async function expectTransition(
  t: TestApp,
  username: string,
  planId: string,
  body: Record<string, unknown>,
  toState: string,
): Promise<Record<string, any>> {
  const res = await sendEvent(t, username, planId, body);
  if (res.status !== 200) throw new Error(`${username} ${String(body.type)}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.body.toState !== toState) throw new Error(`${username} ${String(body.type)}: reached ${res.body.toState}, expected ${toState}`);
  return res.body;
}

/**
 * SIGN by `signer`, then, where the organization issues at its clerk's desk (the default), the
 * clerk's ISSUE (`<organization code>.clerk`): the plan is `signed` and its issuance queued.
 * An organization with automatic issuance is `signed` by SIGN alone.
 */
export async function signAndIssue(t: TestApp, signer: string, planId: string, password = 'demo1234'): Promise<Record<string, any>> {
  const signed = await sendEvent(t, signer, planId, { type: 'SIGN', password });
  if (signed.status !== 200) throw new Error(`${signer} SIGN: ${signed.status} ${JSON.stringify(signed.body)}`);
  if (signed.body.toState === 'signed') return signed.body;
  if (signed.body.toState !== 'awaitingIssue') throw new Error(`${signer} SIGN: reached ${signed.body.toState}, expected awaitingIssue or signed`);
  return expectTransition(t, `${signer.split('.')[0]}.clerk`, planId, { type: 'ISSUE' }, 'signed');
}

/** A PDF (or any file) as a user, its bytes in `body`. */
export async function getPdf(t: TestApp, username: string, path: string): Promise<request.Response> {
  return request(t.http)
    .get(path)
    .set('Authorization', `Bearer ${await t.token(username)}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

export async function getJson(t: TestApp, username: string, path: string, status = 200): Promise<any> {
  const res = await request(t.http)
    .get(path)
    .set('Authorization', `Bearer ${await t.token(username)}`);
  if (res.status !== status) throw new Error(`GET ${path} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Waits for what a background job does (the queue's workers run in the test app): polls the
 * condition, never sleeps for a fixed time. Throws after the timeout with the last value seen.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const rows = await t.app.get(DataSource).query(`SELECT id FROM app_user WHERE username = $1`, [username]);
  if (!rows.length) throw new Error(`no user ${username}`);
  return rows[0].id;
}

/** The plan's audit events that are transitions (not job outcomes, which arrive on their own time). */
export function transitions(history: { event: string }[]): string[] {
  // Machine transitions only: job outcomes and content saves share the trail but are not transitions.
  return history.map((e) => e.event).filter((e) => !e.startsWith('JOB_') && e !== 'CREATED' && e !== 'CONTENT_SAVED');
}

/**
 * The content with its reporting deadlines moved to next year: the format check (run at
 * SUBMIT) judges deadlines against today, and the fixtures' 2024 deadlines are past.
 */
export function withFutureDeadlines<T extends { reportingDuties: { deadline: string }[] }>(content: T): T {
  const nextYear = new Date().getUTCFullYear() + 1;
  return { ...content, reportingDuties: content.reportingDuties.map((d) => ({ ...d, deadline: `${nextYear}${d.deadline.slice(4)}` })) };
}

/**
 * Waits until the queue has no job due (created, retrying or running): what a transition set in
 * motion (a revocation's notices, their JOB_COMPLETED rows in the trail) is done, so that what a
 * refusal writes can be counted after it.
 */
export async function untilJobsSettled(db: DataSource, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'the queued jobs to finish',
    async () =>
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`))[0].n,
      ),
    (pending) => pending === 0,
    timeoutMs,
  );
}
