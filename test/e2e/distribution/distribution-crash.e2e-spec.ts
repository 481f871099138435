import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Recipient } from '@app/plans';
import { insertDraft } from '../../support/issued-plan';
import { planContent } from '../../support/plan-factory';
import { builtServer, exited, freePort, startBuiltServer, until, untilServing } from '../../support/server-process';
import { ReceivedMail, SmtpSink } from '../../support/smtp-sink';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, withFutureDeadlines } from '../../support/workflow-client';

const RECIPIENTS = 500;
jest.setTimeout(600_000);

/**
 * Crash test: a plan to 500 organizations (inbox and e-mail each) is signed through the API; the
 * built server (node dist/apps/server/src/main.js) runs the issuance and the distribution, is
 * killed with SIGKILL in the middle of it and started again. The deliveries the dead process held
 * are taken up again within 30 s of the restart (short claims kept alive by a heartbeat, and a
 * sweep at start), with the default settings. In the end every delivery is delivered, the
 * SMTP server holds exactly 500 distinct mails (a mail sent twice because the crash came between
 * sending and recording carries the same Message-ID), and each inbox holds the plan once. Then the
 * plan is revoked through the API and the server killed again in the middle of telling the 500
 * recipients: every notice goes out once (500 distinct revocation mails), every copy is marked.
 */
describe('distribution survives a killed server: nothing lost, nothing twice', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let child: ChildProcess | null = null;
  const log: string[] = [];

  beforeAll(async () => {
    builtServer();
    sink = await new SmtpSink().start();
    // Slow enough that the kill lands while mails are being sent.
    sink.delayMs = 20;
    const dataDir = mkdtempSync(join(tmpdir(), 'kehoach-crash-'));
    // This process only sets up and looks; the server process does the distribution.
    t = await createTestApp({ env: { RUN_WORKERS: '0', DATA_DIR: dataDir, SMTP_URL: sink.url } });
  });

  afterAll(async () => {
    if (child) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await t.close();
    await sink.stop();
  });

  it('signs a plan to 500 organizations; the server issues it, is killed mid-distribution, restarts, and delivers everything once; then the same for its revocation', async () => {
    const db = t.app.get(DataSource);
    const [issuer] = await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [author] = await db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const orgs: { id: string; full_name: string }[] = await db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, header_name, email, version)
       SELECT 'cs-' || n, 'party', $1, 3, 'Chi bộ cơ sở số ' || n, 'Chi bộ ' || n, 'CB', 'Bình Định', 'CHI BỘ SỐ ' || n, 'chibo' || n || '@coso.demo', 1
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
    // Written straight to the database: the drafting API caps "Nơi nhận" below 500 lines.
    const planId = await insertDraft(db, issuer.id, author.id, withFutureDeadlines(planContent({ recipients })));
    // The road to SIGN through the API; the issuance job itself runs in the server process below.
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'signed');
    const count = async (where: string) =>
      Number((await db.query(`SELECT count(*)::int AS n FROM delivery WHERE plan_id = $1 AND ${where}`, [planId]))[0].n);
    const TOTAL = 2 * RECIPIENTS + 1;

    const env = {
      DATABASE_URL: t.databaseUrl,
      SMTP_URL: sink.url,
      DATA_DIR: t.config.dataDir,
      PORT: String(await freePort()),
      PROCESSES: '1',
      DEMO: '0',
      LOG_LEVEL: 'warn',
      RUN_WORKERS: '1',
      SESSION_SECRET: 'crash-test-session-secret-0123',
      // The claim and sweep settings are the defaults: what an installation gets.
    };

    /**
     * Kills the server with SIGKILL once `killAfter` deliveries of `purpose` are delivered,
     * starts it again, and waits for every one of the `total` to be delivered: those the dead
     * process held within 30 s of the restart. Returns what was in flight at the kill.
     */
    const crashAndRecover = async (purpose: 'issue' | 'revocation', total: number, killAfter: number, what: string) => {
      const of = `purpose = '${purpose}'`;
      await until(async () => (await count(`${of} AND status = 'delivered'`)) >= killAfter, what, 240_000, log);
      expect(await count(of)).toBe(total);
      child!.kill('SIGKILL');
      await exited(child!);
      const deliveredAtKill = await count(`${of} AND status = 'delivered'`);
      const inFlightAtKill = await count(`${of} AND status = 'sent'`);
      const heldAtKill: string[] = (await db.query(`SELECT id FROM delivery WHERE plan_id = $1 AND ${of} AND status = 'sent'`, [planId])).map(
        (r: { id: string }) => r.id,
      );
      expect(deliveredAtKill).toBeLessThan(total);

      child = startBuiltServer(env, log);
      await untilServing(`http://127.0.0.1:${env.PORT}`, log);
      // Work the dead process held resumes within 30 s: its held deliveries, and the queued ones.
      const restarted = Date.now();
      await until(
        async () =>
          Number(
            (await db.query(`SELECT count(*)::int AS n FROM delivery WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [heldAtKill]))[0].n,
          ) === heldAtKill.length,
        `the ${purpose} deliveries held by the killed process`,
        30_000,
        log,
      );
      await until(
        async () => (await count(`${of} AND status = 'delivered'`)) > deliveredAtKill + heldAtKill.length,
        `queued ${purpose} deliveries to go out again`,
        30_000 - (Date.now() - restarted),
        log,
      );
      await until(async () => (await count(`${of} AND status = 'delivered'`)) === total, `every ${purpose} delivery`, 240_000, log);
      console.log(
        `crash (${purpose}): ${deliveredAtKill} delivered and ${heldAtKill.length} held at the kill; held ones resumed and the rest done ${((Date.now() - restarted) / 1000).toFixed(1)} s after the restart`,
      );
      return { inFlightAtKill };
    };
    /** Every mail of `purpose` went out, each recognizable by its delivery's Message-ID: exactly `RECIPIENTS` distinct ones. */
    const expectMailsOnce = async (purpose: 'issue' | 'revocation', mails: ReceivedMail[]) => {
      const emailIds: { id: string; message_id: string }[] = await db.query(
        `SELECT id, message_id FROM delivery WHERE plan_id = $1 AND channel = 'email' AND purpose = $2`,
        [planId, purpose],
      );
      const distinct = new Set(mails.map((m) => m.messageId));
      expect(distinct.size).toBe(RECIPIENTS);
      expect(emailIds.every((d) => d.message_id === `<${d.id}@kehoach>` && distinct.has(d.message_id))).toBe(true);
    };

    child = startBuiltServer(env, log);
    const issue = await crashAndRecover('issue', TOTAL, 300, 'issuance and a third of the deliveries');
    const issueMails = sink.mails.filter((m) => !m.subject.startsWith('Thu hồi '));
    await expectMailsOnce('issue', issueMails);
    // A repeat is at most the mails in flight at the kill, and each is recognizable by its Message-ID.
    expect(issueMails.length - RECIPIENTS).toBeLessThanOrEqual(issue.inFlightAtKill);

    const inbox: { n: number; orgs: number }[] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT organization_id)::int AS orgs FROM incoming_document WHERE plan_id = $1`,
      [planId],
    );
    expect(inbox[0]).toEqual({ n: RECIPIENTS, orgs: RECIPIENTS });
    await until(
      async () => (await db.query(`SELECT state FROM plan WHERE id = $1`, [planId]))[0].state === 'distributed',
      'the plan to be distributed',
      10_000,
      log,
    );

    // Revocation: the 500 recipients are told through the inbox and by mail, and the server is killed in the middle again.
    // (The notices carry no PDF: a slower server keeps the kill in the middle of them.)
    sink.delayMs = 50;
    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'REVOKE', reason: 'Ban hành nhầm', password: 'demo1234' }, 'revoked');
    const REVOCATIONS = 2 * RECIPIENTS; // the archive line is told nothing
    const revocation = await crashAndRecover('revocation', REVOCATIONS, 300, 'a third of the revocation notices');
    const revocationMails = sink.mails.filter((m) => m.subject.startsWith('Thu hồi '));
    await expectMailsOnce('revocation', revocationMails);
    expect(revocationMails.length - RECIPIENTS).toBeLessThanOrEqual(revocation.inFlightAtKill);
    // Each copy marked once; the plan's own deliveries and the plan's state untouched by it.
    const copies: { revoked: number; total: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked, count(*)::int AS total FROM incoming_document WHERE plan_id = $1`,
      [planId],
    );
    expect(copies[0]).toEqual({ revoked: RECIPIENTS, total: RECIPIENTS });
    expect(await count(`purpose = 'issue' AND status = 'delivered'`)).toBe(TOTAL);
    expect((await db.query(`SELECT state FROM plan WHERE id = $1`, [planId]))[0].state).toBe('revoked');
  });
});
