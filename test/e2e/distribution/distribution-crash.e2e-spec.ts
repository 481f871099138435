import { distributionOnBuiltServer } from '../../support/built-server-distribution';
import { until, untilServing } from '../../support/server-process';

const RECIPIENTS = 500;
jest.setTimeout(600_000);

/**
 * Crash test: a plan to 500 organizations (inbox and e-mail each) is signed through the API; the
 * built server (node dist/apps/server/src/main.js) runs the issuance and the distribution, is
 * killed with SIGKILL in the middle of it and started again. The deliveries the dead process held
 * are taken up again within 30 s of the restart (short claims kept alive by a heartbeat, and a
 * sweep at start), with the default settings. In the end every delivery is delivered, the
 * SMTP server holds exactly 500 distinct mails (a mail sent twice because the crash came between
 * sending and recording carries the same Message-ID), and each inbox holds the plan once.
 */
describe('distribution survives a killed server: nothing lost, nothing twice', () => {
  const run = distributionOnBuiltServer('crash', RECIPIENTS);

  it('signs a plan to 500 organizations; the server issues it, is killed mid-distribution, restarts, and delivers everything once', async () => {
    const { db, sink, log, total: TOTAL } = run;
    await run.signPlanToNewOrganizations();
    const count = (where: string) => run.count(where);
    // The claim and sweep settings are the defaults: what an installation gets.
    const env = await run.serverEnv({});
    run.start(env);
    await until(async () => (await count(`status = 'delivered'`)) >= 300, 'issuance and a third of the deliveries', 240_000, log);
    expect(await count('true')).toBe(TOTAL);
    await run.stop('SIGKILL');
    const deliveredAtKill = await count(`status = 'delivered'`);
    const inFlightAtKill = await count(`status = 'sent'`);
    const heldAtKill: string[] = (await db.query(`SELECT id FROM delivery WHERE plan_id = $1 AND status = 'sent'`, [run.planId])).map(
      (r: { id: string }) => r.id,
    );
    expect(deliveredAtKill).toBeLessThan(TOTAL);

    run.start(env);
    await untilServing(`http://127.0.0.1:${env.PORT}`, log);
    // Work the dead process held resumes within 30 s: its held deliveries, and the queued ones.
    const restarted = Date.now();
    await until(
      async () =>
        Number((await db.query(`SELECT count(*)::int AS n FROM delivery WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [heldAtKill]))[0].n) ===
        heldAtKill.length,
      'the deliveries held by the killed process',
      30_000,
      log,
    );
    await until(
      async () => (await count(`status = 'delivered'`)) > deliveredAtKill + heldAtKill.length,
      'queued deliveries to go out again',
      30_000 - (Date.now() - restarted),
      log,
    );
    await until(async () => (await count(`status = 'delivered'`)) === TOTAL, 'every delivery', 240_000, log);
    console.log(
      `crash: ${deliveredAtKill} delivered and ${heldAtKill.length} held at the kill; held ones resumed and the rest done ${((Date.now() - restarted) / 1000).toFixed(1)} s after the restart`,
    );

    const emailIds: { id: string; message_id: string }[] = await db.query(
      `SELECT id, message_id FROM delivery WHERE plan_id = $1 AND channel = 'email'`,
      [run.planId],
    );
    const distinct = sink.distinctMessageIds();
    expect(distinct.size).toBe(RECIPIENTS);
    expect(emailIds.every((d) => d.message_id === `<${d.id}@kehoach>` && distinct.has(d.message_id))).toBe(true);
    // A repeat is at most the mails in flight at the kill, and each is recognizable by its Message-ID.
    expect(sink.count - RECIPIENTS).toBeLessThanOrEqual(inFlightAtKill);

    await run.expectEachInboxOnce();
    await run.untilDistributed(10_000);
  });
});
