import type { ReceivedMail } from '../../support/smtp-sink';
import { distributionOnBuiltServer } from '../../support/built-server-distribution';
import { until } from '../../support/server-process';
import { expectTransition } from '../../support/workflow-client';

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
  const run = distributionOnBuiltServer('crash', RECIPIENTS);

  it('signs a plan to 500 organizations; the server issues it, is killed mid-distribution, restarts, and delivers everything once; then the same for its revocation', async () => {
    const { db, sink, log, total: TOTAL } = run;
    await run.signPlanToNewOrganizations();
    const count = (where: string) => run.count(where);
    // The claim and sweep settings are the defaults: what an installation gets.
    const env = run.serverEnv({});

    /**
     * Kills the server with SIGKILL once `killAfter` deliveries of `purpose` are delivered,
     * starts it again, and waits for every one of the `total` to be delivered: those the dead
     * process held within 30 s of the restart. Returns what was in flight at the kill.
     */
    const crashAndRecover = async (purpose: 'issue' | 'revocation', total: number, killAfter: number, what: string) => {
      const of = `purpose = '${purpose}'`;
      await until(async () => (await count(`${of} AND status = 'delivered'`)) >= killAfter, what, 240_000, log);
      expect(await count(of)).toBe(total);
      await run.stop('SIGKILL');
      const deliveredAtKill = await count(`${of} AND status = 'delivered'`);
      const inFlightAtKill = await count(`${of} AND status = 'sent'`);
      const heldAtKill: string[] = (await db.query(`SELECT id FROM delivery WHERE plan_id = $1 AND ${of} AND status = 'sent'`, [run.planId])).map(
        (r: { id: string }) => r.id,
      );
      expect(deliveredAtKill).toBeLessThan(total);

      await run.start(env);
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
        [run.planId, purpose],
      );
      const distinct = new Set(mails.map((m) => m.messageId));
      expect(distinct.size).toBe(RECIPIENTS);
      expect(emailIds.every((d) => d.message_id === `<${d.id}@kehoach>` && distinct.has(d.message_id))).toBe(true);
    };

    await run.start(env);
    const issue = await crashAndRecover('issue', TOTAL, 300, 'issuance and a third of the deliveries');
    const issueMails = sink.mails.filter((m) => !m.subject.startsWith('Thu hồi '));
    await expectMailsOnce('issue', issueMails);
    // A repeat is at most the mails in flight at the kill, and each is recognizable by its Message-ID.
    expect(issueMails.length - RECIPIENTS).toBeLessThanOrEqual(issue.inFlightAtKill);

    await run.expectEachInboxOnce();
    await run.untilDistributed(10_000);

    // Revocation: the 500 recipients are told through the inbox and by mail, and the server is killed in the middle again.
    // (The notices carry no PDF: a slower server keeps the kill in the middle of them.)
    sink.delayMs = 50;
    await expectTransition(run.t, 'bcd-duk.signer', run.planId, { type: 'REVOKE', reason: 'Ban hành nhầm', password: 'demo1234' }, 'revoked');
    const REVOCATIONS = 2 * RECIPIENTS; // the archive line is told nothing
    const revocation = await crashAndRecover('revocation', REVOCATIONS, 300, 'a third of the revocation notices');
    const revocationMails = sink.mails.filter((m) => m.subject.startsWith('Thu hồi '));
    await expectMailsOnce('revocation', revocationMails);
    expect(revocationMails.length - RECIPIENTS).toBeLessThanOrEqual(revocation.inFlightAtKill);
    // Each copy marked once; the plan's own deliveries and the plan's state untouched by it.
    const copies: { revoked: number; total: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked, count(*)::int AS total FROM incoming_document WHERE plan_id = $1`,
      [run.planId],
    );
    expect(copies[0]).toEqual({ revoked: RECIPIENTS, total: RECIPIENTS });
    expect(await count(`purpose = 'issue' AND status = 'delivered'`)).toBe(TOTAL);
    expect((await db.query(`SELECT state FROM plan WHERE id = $1`, [run.planId]))[0].state).toBe('revoked');
  });
});
