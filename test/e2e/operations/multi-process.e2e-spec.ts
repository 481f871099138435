import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Recipient } from '@app/plans';
import { PkiDemoLoader } from '@app/rendering';
import { archiveRecipient, recipientLine } from '@app/plans';
import { planContent } from '../../support/plan-factory';
import { builtServer, exited, freePort, startBuiltServer, until, untilServing } from '../../support/server-process';
import { SmtpSink } from '../../support/smtp-sink';
import { createTestApp, TestApp } from '../../support/test-app';
import { withFutureDeadlines } from '../../support/workflow-client';

jest.setTimeout(600_000);

const PLANS = 3;
const METRICS_TOKEN = 'multi-process-metrics-token';

/**
 * Several machines, one database: two web processes (web A itself a cluster of two processes
 * sharing its port) and one worker-only process (no HTTP), each with its own data folder, on one
 * PostgreSQL. Each road alternates between A and B, with tokens made on one and used on the
 * other; the worker numbers, renders, signs, stores and distributes. Then: numbers without gap
 * or duplicate, each PDF served byte for byte by both web processes (it lives in PostgreSQL, not
 * on the worker's disk), each delivery made once.
 */
describe('two web processes and a worker on one PostgreSQL, sharing nothing else', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const children: ChildProcess[] = [];
  const log: string[] = [];
  let webA: string;
  let webB: string;

  beforeAll(async () => {
    builtServer();
    sink = await new SmtpSink().start();
    // This process only prepares the database and looks at it afterwards.
    t = await createTestApp({ env: { RUN_WORKERS: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-multi-setup-')) } });
    // The organizations' keys, made once and handed to the worker as a read-only secret folder
    // (docs/operations.md: PKI_DIR with PKI_AUTO_CREATE=0 on every worker).
    await t.app.get(PkiDemoLoader).load();
    const common = {
      DATABASE_URL: t.databaseUrl,
      DEMO: '0',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'multi-process-session-secret-0123',
      METRICS_TOKEN,
      SMTP_URL: sink.url,
    };
    const own = (name: string) => mkdtempSync(join(tmpdir(), `kehoach-multi-${name}-`));
    const [portA, portB] = [await freePort(), await freePort()];
    webA = `http://127.0.0.1:${portA}`;
    webB = `http://127.0.0.1:${portB}`;
    children.push(startBuiltServer({ ...common, DATA_DIR: own('a'), PORT: String(portA), PROCESSES: '2', RUN_WORKERS: '0' }, log, 'web-a'));
    children.push(startBuiltServer({ ...common, DATA_DIR: own('b'), PORT: String(portB), PROCESSES: '1', RUN_WORKERS: '0' }, log, 'web-b'));
    const workerDir = own('worker');
    cpSync(t.config.pkiDir, join(workerDir, 'keys'), { recursive: true });
    children.push(
      startBuiltServer(
        {
          ...common,
          DATA_DIR: workerDir,
          PROCESSES: '1',
          SERVE_HTTP: '0',
          RUN_WORKERS: '1',
          PKI_DIR: join(workerDir, 'keys'),
          PKI_AUTO_CREATE: '0',
          PKI_PASSPHRASE: t.config.pkiPassphrase,
        },
        log,
        'worker',
      ),
    );
    await Promise.all([untilServing(webA, log), untilServing(webB, log)]);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => exited(c)));
    await t?.close();
    await sink?.stop();
  });

  async function call(
    base: string,
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: any; bytes: Buffer }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString('utf8')) : null;
    return { status: res.status, json, bytes };
  }

  it('walks three plans alternating between the web processes; numbers, PDFs and deliveries come out whole', async () => {
    const db = t.app.get(DataSource);
    const orgs: { id: string; full_name: string }[] = await db.query(
      `SELECT id, full_name FROM organization WHERE code IN ('db-stc', 'db-syt') ORDER BY code`,
    );
    const recipients: Recipient[] = [
      ...orgs.map((o, i) => recipientLine(`r${i + 1}`, o.full_name, { organizationId: o.id, purpose: 'implement' as const })),
      archiveRecipient('luu', 'VP, BTGĐUK'),
    ];

    // Each user signs in on one web process; the token is used on both.
    const users = ['bcd-duk.drafter', 'bcd-duk.reviewer', 'bcd-duk.format_checker', 'bcd-duk.signer', 'bcd-duk.clerk'];
    const tokens = new Map<string, string>();
    for (const [i, username] of users.entries()) {
      const login = await call(i % 2 ? webB : webA, null, 'POST', '/api/auth/login', { username, password: 'demo1234' });
      expect(login.status).toBe(200);
      tokens.set(username, login.json.token);
    }
    const road: [string, Record<string, unknown>, string][] = [
      ['bcd-duk.drafter', { type: 'SUBMIT' }, 'review'],
      ['bcd-duk.reviewer', { type: 'APPROVE' }, 'review'],
      ['bcd-duk.format_checker', { type: 'APPROVE' }, 'awaitingSignature'],
      ['bcd-duk.signer', { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue'],
      ['bcd-duk.clerk', { type: 'ISSUE' }, 'signed'],
    ];
    const planIds: string[] = [];
    for (let p = 0; p < PLANS; p++) {
      const created = await call(p % 2 ? webA : webB, tokens.get('bcd-duk.drafter')!, 'POST', '/api/plans', {
        content: withFutureDeadlines(planContent({ recipients })),
      });
      expect(created.status).toBe(201);
      planIds.push(created.json.id);
      for (const [step, [username, event, toState]] of road.entries()) {
        // The token was made on the other process for half of the steps.
        const res = await call((p + step) % 2 ? webA : webB, tokens.get(username)!, 'POST', `/api/plans/${created.json.id}/events`, event);
        expect({ step: event.type, status: res.status, toState: res.json?.toState }).toEqual({ step: event.type, status: 200, toState });
      }
    }

    // The worker (no HTTP) issues and distributes; both web processes see it.
    const auditor = tokens.get('bcd-duk.drafter')!;
    for (const [i, planId] of planIds.entries()) {
      await until(
        async () => (await call(i % 2 ? webA : webB, auditor, 'GET', `/api/plans/${planId}`)).json?.state === 'distributed',
        `plan ${i + 1} distributed`,
        240_000,
        log,
      );
    }

    const plans: { id: string; number: number; number_symbol: string; pdf_sha256: string }[] = await db.query(
      `SELECT id, number, number_symbol, pdf_sha256 FROM plan WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [planIds],
    );
    const numbers = plans.map((p) => p.number);
    expect(new Set(numbers).size).toBe(PLANS);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(new Set(plans.map((p) => p.number_symbol)).size).toBe(PLANS);

    for (const plan of plans) {
      const [fromA, fromB] = [
        await call(webA, auditor, 'GET', `/api/plans/${plan.id}/pdf`),
        await call(webB, auditor, 'GET', `/api/plans/${plan.id}/pdf`),
      ];
      expect([fromA.status, fromB.status]).toEqual([200, 200]);
      expect(fromA.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(fromA.bytes).digest('hex')).toBe(plan.pdf_sha256);
      expect(fromB.bytes.equals(fromA.bytes)).toBe(true);
    }

    const deliveries: { channel: string; status: string; n: number; distinct: number }[] = await db.query(
      `SELECT channel, status, count(*)::int AS n, count(DISTINCT (plan_id, recipient_id))::int AS distinct FROM delivery WHERE plan_id = ANY($1::uuid[]) GROUP BY channel, status ORDER BY channel`,
      [planIds],
    );
    expect(deliveries.every((d) => d.status === 'delivered' && d.n === d.distinct)).toBe(true);
    const inbox = deliveries.find((d) => d.channel === 'inbox');
    expect(inbox?.n).toBe(PLANS * orgs.length);
    const received: { n: number; distinct: number }[] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT (plan_id, organization_id))::int AS distinct FROM incoming_document WHERE plan_id = ANY($1::uuid[])`,
      [planIds],
    );
    expect(received[0]).toEqual({ n: PLANS * orgs.length, distinct: PLANS * orgs.length });
    const emails = deliveries.find((d) => d.channel === 'email')?.n ?? 0;
    expect(sink.distinctMessageIds().size).toBe(emails);

    // The operator's view of it: A's figures cover both of its processes; readiness on B.
    expect((await call(webA, null, 'GET', '/metrics')).status).toBe(401);
    const metrics = (await call(webA, METRICS_TOKEN, 'GET', '/metrics')).bytes.toString('utf8');
    const submits = Number(/kehoach_transitions_total\{event="SUBMIT",outcome="applied"\} (\d+)/.exec(metrics)?.[1]);
    // SUBMIT went to A for every second plan.
    expect(submits).toBe(planIds.filter((_, p) => p % 2).length);
    const eventsLatency = metrics
      .split('\n')
      .find((l) => l.startsWith('kehoach_http_request_duration_seconds_count') && l.includes('route="/api/plans/:id/events"'));
    // (half of the steps each, the odd one out to one of them)
    expect(Number(eventsLatency?.split(' ').pop())).toBeGreaterThanOrEqual(Math.floor((PLANS * road.length) / 2));
    expect(metrics).toMatch(/kehoach_db_pool_connections\{state="idle"\} \d+/);
    expect(metrics).toMatch(/kehoach_queue_jobs|kehoach_queue_oldest_job_age_seconds/);
    const ready = await call(webB, null, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ database: { status: 'up' }, queue: { status: 'up' }, renderer: { status: 'up' } });
  });
});
