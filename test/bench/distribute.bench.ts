/**
 * `npm run bench:distribute`: the time to distribute one issued plan to 1,000 recipients
 * (500 organizations' inboxes, 500 e-mails to a local SMTP sink) and the deliveries per second,
 * on its own embedded PostgreSQL with the application's own workers. Nothing here is asserted:
 * it prints what it measured.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { DistributionService } from '@app/distribution';
import { PlanVersion, Recipient } from '@app/plans';
import { DOCUMENT_STORE, DocumentStore } from '@app/rendering';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { insertDraft, issuePlan } from '../support/issued-plan';
import { planContent } from '../support/plan-factory';

const INBOXES = Number(process.env.BENCH_INBOXES ?? 500);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 500);
const GOAL_SECONDS = 5;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kehoach-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(root, 'postgres') });
  const sink = await startSink();
  const concurrency = process.env.DELIVERY_CONCURRENCY ?? '8';
  const setupStarted = Date.now();
  try {
    await ensureDatabase(pg.url, 'bench');
    const config = loadConfig(
      {
        DATABASE_URL: withDatabase(pg.url, 'bench'),
        DATA_DIR: root,
        DEMO: '1',
        LOG_LEVEL: 'warn',
        RUN_WORKERS: '0',
        SMTP_URL: sink.url,
        DELIVERY_CONCURRENCY: concurrency,
      },
      process.cwd(),
    );
    // Set-up (migrations, demo data, the issued PDF) runs without workers; the measured run starts its own.
    const setup = await createServerApp(config);
    const db = setup.get(DataSource);
    const [issuer] = await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [author] = await db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const orgs: { id: string; full_name: string }[] = await db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, header_name, version)
       SELECT 'bench-' || n, 'party', $1, 3, 'Chi bộ số ' || n, 'Chi bộ ' || n, 'CB', 'Bình Định', 'CHI BỘ SỐ ' || n, 1 FROM generate_series(1, $2::int) AS n
       RETURNING id, full_name`,
      [issuer.id, INBOXES],
    );
    const line = (id: string, name: string, organizationId: string | null, email: string | null): Recipient => ({
      id,
      name,
      organizationId,
      purpose: 'implement',
      note: null,
      email,
      mustImplement: false,
      implementationDueDate: null,
    });
    const recipients = [
      ...orgs.map((o, i) => line(`o${i + 1}`, o.full_name, o.id, null)),
      ...Array.from({ length: EMAILS }, (_, i) => line(`e${i + 1}`, `Đơn vị ngoài số ${i + 1}`, null, `donvi${i + 1}@ngoai.demo`)),
    ];
    const planId = await insertDraft(db, issuer.id, author.id, planContent({ recipients }));
    // The issued PDF and the plan's number, as the issuance makes them; deliveries come next, timed.
    const issueStarted = Date.now();
    const plan = await issuePlan(setup, planId, { withDeliveries: false });
    const pdfBytes = (await setup.get<DocumentStore>(DOCUMENT_STORE).get(plan.pdfSha256!))!.length;
    const issueMs = Date.now() - issueStarted;
    const { content } = await db.getRepository(PlanVersion).findOneByOrFail({ planId, version: plan.currentVersion });
    await setup.close();

    // No demo loaders this time: they would give each of the 500 new organizations a demo certificate.
    const app = await createServerApp({ ...config, runWorkers: true, demo: false } as typeof config);
    const appDb = app.get(DataSource);
    const started = process.hrtime.bigint();
    await appDb.transaction((manager) => app.get(DistributionService).createDeliveries(manager, plan, content));
    const created = process.hrtime.bigint();
    // Distributed: every delivery delivered and the plan moved on.
    let delivered = 0;
    for (;;) {
      const [row] = await appDb.query(
        `SELECT count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered, count(*)::int AS total, p.state
           FROM plan p JOIN delivery d ON d.plan_id = p.id WHERE p.id = $1 GROUP BY p.state`,
        [planId],
      );
      delivered = row.delivered;
      if (delivered === row.total && row.state === 'distributed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const finished = process.hrtime.bigint();
    const [{ state }] = await appDb.query(`SELECT state FROM plan WHERE id = $1`, [planId]);
    await app.close();

    const seconds = Number(finished - started) / 1e9;
    console.log(`distribute: 1 plan, ${INBOXES} inbox + ${EMAILS} e-mail recipients (concurrency ${concurrency})`);
    console.log(
      `  set-up, not measured: ${((Date.now() - setupStarted) / 1000).toFixed(0)} s, of which the issued PDF (${INBOXES + EMAILS} lines of "Nơi nhận"): ${(issueMs / 1000).toFixed(1)} s`,
    );
    console.log(`  create ${delivered} deliveries in the issuing transaction: ${(Number(created - started) / 1e6).toFixed(0)} ms`);
    console.log(
      `  until the plan is distributed (every delivery delivered): ${seconds.toFixed(2)} s (goal < ${GOAL_SECONDS} s${seconds < GOAL_SECONDS ? ', met' : ', not met'})`,
    );
    console.log(
      `  deliveries per second: ${(delivered / seconds).toFixed(0)}` +
        (seconds < GOAL_SECONDS
          ? ''
          : `; the goal needs ${(delivered / GOAL_SECONDS).toFixed(0)}/s: raise DELIVERY_CONCURRENCY (now ${concurrency}) or give the workers more cores`),
    );
    const received = await sink.counts();
    console.log(
      `  mails received by the SMTP sink: ${received.count} (${received.distinct} distinct Message-IDs); issued PDF ${(pdfBytes / 1024).toFixed(0)} KiB; plan state: ${state}`,
    );
  } finally {
    await sink.stop();
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The SMTP sink in its own process (smtp-sink.process.ts). */
async function startSink(): Promise<{ url: string; counts(): Promise<{ count: number; distinct: number }>; stop(): Promise<void> }> {
  const child: ChildProcess = fork(join(__dirname, 'smtp-sink.process.ts'), [], {
    execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
  });
  const reply = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
  const { port } = await reply<{ port: number }>();
  return {
    url: `smtp://127.0.0.1:${port}`,
    async counts() {
      const answer = reply<{ count: number; distinct: number }>();
      child.send({ count: true });
      return answer;
    },
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await gone;
    },
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
