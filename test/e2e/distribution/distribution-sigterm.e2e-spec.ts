import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Recipient } from '@app/plans';
import { insertDraft } from '../../support/issued-plan';
import { planContent } from '../../support/plan-factory';
import { builtServer, exited, freePort, startBuiltServer, until, untilServing } from '../../support/server-process';
import { SmtpSink } from '../../support/smtp-sink';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, withFutureDeadlines, signAndIssue } from '../../support/workflow-client';

const RECIPIENTS = 200;
jest.setTimeout(600_000);

/**
 * SIGTERM in the middle of a distribution (the built server, as an operator stops it): the
 * process takes no new delivery, finishes and records those in hand, and exits 0 within
 * SHUTDOWN_TIMEOUT_SECONDS. Nothing is left half-done (no delivery held, no job running), every
 * mail the SMTP server got is recorded as delivered, and after a restart the rest goes out: each
 * mail exactly once, each inbox once.
 */
describe('distribution under SIGTERM: the server stops cleanly, nothing lost, nothing twice', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let child: ChildProcess | null = null;
  const log: string[] = [];

  beforeAll(async () => {
    builtServer();
    sink = await new SmtpSink().start();
    // Slow enough that the signal lands while mails are being sent.
    sink.delayMs = 20;
    t = await createTestApp({ env: { RUN_WORKERS: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-sigterm-')), SMTP_URL: sink.url } });
  });

  afterAll(async () => {
    if (child) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await t.close();
    await sink.stop();
  });

  it('stops on SIGTERM with every delivery in hand recorded, and delivers the rest once after a restart', async () => {
    const db = t.app.get(DataSource);
    const [issuer] = await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [author] = await db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const orgs: { id: string; full_name: string }[] = await db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, header_name, email, version)
       SELECT 'st-' || n, 'party', $1, 3, 'Chi bộ số ' || n, 'Chi bộ ' || n, 'CB', 'Bình Định', 'CHI BỘ SỐ ' || n, 'cb' || n || '@coso.demo', 1
         FROM generate_series(1, $2::int) AS n
       RETURNING id, full_name`,
      [issuer.id, RECIPIENTS],
    );
    const recipients: Recipient[] = orgs.map((o, i) => ({
      id: `r${i + 1}`,
      name: o.full_name,
      organizationId: o.id,
      purpose: 'implement',
      note: null,
      email: null,
      mustImplement: false,
      implementationDueDate: null,
    }));
    recipients.push({ ...recipients[0], id: 'luu', name: 'VP, BTGĐUK', organizationId: null, purpose: 'archive' });
    const planId = await insertDraft(db, issuer.id, author.id, withFutureDeadlines(planContent({ recipients })));
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
    await signAndIssue(t, 'bcd-duk.signer', planId, 'demo1234');
    const count = async (where: string) =>
      Number((await db.query(`SELECT count(*)::int AS n FROM delivery WHERE plan_id = $1 AND ${where}`, [planId]))[0].n);
    const TOTAL = 2 * RECIPIENTS + 1;

    const port = await freePort();
    const env = {
      DATABASE_URL: t.databaseUrl,
      SMTP_URL: sink.url,
      DATA_DIR: t.config.dataDir,
      PORT: String(port),
      PROCESSES: '1',
      DEMO: '0',
      LOG_LEVEL: 'warn',
      RUN_WORKERS: '1',
      SESSION_SECRET: 'sigterm-test-session-secret-0123',
      SHUTDOWN_TIMEOUT_SECONDS: '20',
    };
    child = startBuiltServer(env, log);
    await untilServing(`http://127.0.0.1:${port}`, log);
    await until(async () => (await count(`status = 'delivered'`)) >= TOTAL / 4, 'issuance and a quarter of the deliveries', 240_000, log);
    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(30_000);

    // Nothing half-done: no delivery is held, no job is left running.
    expect(await count(`status = 'sent'`)).toBe(0);
    const active = await db.query(`SELECT name FROM pgboss.job WHERE state = 'active'`);
    expect(active).toEqual([]);
    const deliveredAtStop = await count(`status = 'delivered'`);
    expect(deliveredAtStop).toBeLessThan(TOTAL);
    // Every mail that went out is recorded: none will go again.
    expect(sink.count).toBe(await count(`status = 'delivered' AND channel = 'email'`));

    child = startBuiltServer(env, log);
    await until(async () => (await count(`status = 'delivered'`)) === TOTAL, 'every delivery after the restart', 240_000, log);
    expect(sink.count).toBe(RECIPIENTS);
    expect(sink.distinctMessageIds().size).toBe(RECIPIENTS);
    const inbox: { n: number; orgs: number }[] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT organization_id)::int AS orgs FROM incoming_document WHERE plan_id = $1`,
      [planId],
    );
    expect(inbox[0]).toEqual({ n: RECIPIENTS, orgs: RECIPIENTS });
    await until(
      async () => (await db.query(`SELECT state FROM plan WHERE id = $1`, [planId]))[0].state === 'distributed',
      'the plan to be distributed',
      20_000,
      log,
    );
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    child = null;
  });
});
