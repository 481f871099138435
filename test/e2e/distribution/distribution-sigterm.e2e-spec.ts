import { distributionOnBuiltServer } from '../../support/built-server-distribution';
import { until } from '../../support/server-process';

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
  const run = distributionOnBuiltServer('sigterm', RECIPIENTS);

  it('stops on SIGTERM with every delivery in hand recorded, and delivers the rest once after a restart', async () => {
    const { db, sink, log, total: TOTAL } = run;
    await run.signPlanToNewOrganizations();
    const count = (where: string) => run.count(where);
    const env = run.serverEnv({ SHUTDOWN_TIMEOUT_SECONDS: '20' });
    await run.start(env);
    await until(async () => (await count(`status = 'delivered'`)) >= TOTAL / 4, 'issuance and a quarter of the deliveries', 240_000, log);
    const signalled = Date.now();
    expect(await run.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(30_000);

    // Nothing half-done: no delivery is held, no job is left running.
    expect(await count(`status = 'sent'`)).toBe(0);
    const active = await db.query(`SELECT name FROM pgboss.job WHERE state = 'active'`);
    expect(active).toEqual([]);
    const deliveredAtStop = await count(`status = 'delivered'`);
    expect(deliveredAtStop).toBeLessThan(TOTAL);
    // Every mail that went out is recorded: none will go again.
    expect(sink.count).toBe(await count(`status = 'delivered' AND channel = 'email'`));

    await run.start(env);
    await until(async () => (await count(`status = 'delivered'`)) === TOTAL, 'every delivery after the restart', 240_000, log);
    expect(sink.count).toBe(RECIPIENTS);
    expect(sink.distinctMessageIds().size).toBe(RECIPIENTS);
    await run.expectEachInboxOnce();
    await run.untilDistributed(20_000);
    expect(await run.stop('SIGTERM')).toBe(0);
  });
});
