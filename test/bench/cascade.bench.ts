/**
 * `npm run bench:cascade`, on its own embedded PostgreSQL with the application's own workers:
 *  1. the time from issuing one plan with 1,000 implementing recipients (the issuing transaction
 *     writes its deliveries and the cascade job) to 1,000 prefilled child drafts created and the
 *     1,000 inbox deliveries delivered;
 *  2. the median and p95 time of GET /api/plans/:id/tree over HTTP for trees of 1,000 and 2,000
 *     descendants (one recursive query each).
 * Targets: under 10 s and under 100 ms. Nothing is asserted: it prints what it measured.
 * The clock starts at one transaction writing what ISSUED and its hand-overs write (the
 * deliveries, which distribution's own job creates, and the cascade job); the parent's own
 * number and PDF are made beforehand.
 * BENCH_SKIP_DELIVERIES=1 measures the cascade alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CascadeService, CREATE_CHILDREN_JOB, loadCascadeTree } from '@app/cascade';
import { toIsoDate, vietnamDate } from '@app/common';
import { loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { DistributionService } from '@app/distribution';
import { Organization } from '@app/identity';
import { JobsService } from '@app/jobs';
import { archiveRecipient, Plan, PlanVersion, Recipient, recipientLine } from '@app/plans';
import { IssuedDocumentService } from '@app/rendering';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { insertDraft } from '../support/issued-plan';
import { planContent } from '../support/plan-factory';

const CHILDREN = 1000;
const TREE_REQUESTS = 200;

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kehoach-bench-cascade-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(root, 'postgres') });
  try {
    await ensureDatabase(pg.url, 'bench');
    const config = loadConfig(
      { DATABASE_URL: withDatabase(pg.url, 'bench'), DATA_DIR: root, DEMO: '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' },
      process.cwd(),
    );

    // Set-up without workers: 1,000 organizations under the Ban Chỉ đạo, each with a drafter,
    // and the parent plan, numbered and rendered as the issuance makes it.
    const setup = await createServerApp(config);
    const db = setup.get(DataSource);
    const [issuer] = await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [author] = await db.query(`SELECT id, password_hash FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const orgs: { id: string; full_name: string }[] = await db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, header_name, version)
       SELECT 'bench-' || n, 'party', $1, 3, 'Đảng bộ cơ sở số ' || n, 'Đảng bộ ' || n, 'ĐU', 'Bình Định', 'ĐẢNG ỦY CƠ SỞ SỐ ' || n, 1 FROM generate_series(1, $2::int) AS n
       RETURNING id, full_name`,
      [issuer.id, CHILDREN],
    );
    await db.query(
      `WITH u AS (
         INSERT INTO app_user (username, full_name, password_hash, version)
         SELECT 'bench-' || n || '.drafter', 'Chuyên viên ' || n, $1, 1 FROM generate_series(1, $2::int) AS n RETURNING id, username)
       INSERT INTO membership (user_id, organization_id, roles)
       SELECT u.id, o.id, '{drafter}' FROM u JOIN organization o ON o.code = split_part(u.username, '.', 1)`,
      [author.password_hash, CHILDREN],
    );
    const today = toIsoDate(vietnamDate(new Date()));
    const line = (o: { id: string; full_name: string }, i: number): Recipient =>
      recipientLine(`o${i + 1}`, o.full_name, { organizationId: o.id, mustImplement: true });
    const content = planContent({
      recipients: [...orgs.map(line), archiveRecipient('luu', 'VP')],
      reportingDuties: [
        {
          id: 'd1',
          what: 'kết quả thực hiện 6 tháng',
          period: '6 tháng',
          deadline: `${Number(today.slice(0, 4)) + 1}-06-15`,
          to: 'Ban Chỉ đạo',
          toOrganizationId: issuer.id,
          reporterOrganizationIds: [],
        },
      ],
    });
    const planId = await insertDraft(db, issuer.id, author.id, content);
    const organization = await db.getRepository(Organization).findOneByOrFail({ id: issuer.id });
    const document = await setup
      .get(IssuedDocumentService)
      .produce({ organization, content, numberSymbol: '01-KH/BCĐ', issuedOn: today, signedAt: new Date(), issuedAt: new Date() });
    await db
      .getRepository(Plan)
      .update({ id: planId }, { number: 1, numberSymbol: '01-KH/BCĐ', issuedOn: today, signedAt: new Date(), pdfSha256: document.sha256 });
    await setup.close();

    // The measured run: the issuing transaction's effects, then the workers do the rest.
    const app = await createServerApp({ ...config, runWorkers: true, demo: false } as typeof config);
    const appDb = app.get(DataSource);
    const plan = await appDb.getRepository(Plan).findOneByOrFail({ id: planId });
    const { content: issued } = await appDb.getRepository(PlanVersion).findOneByOrFail({ planId, version: plan.currentVersion });
    const started = process.hrtime.bigint();
    await appDb.transaction(async (manager) => {
      await manager.update(Plan, { id: planId }, { state: 'issued' });
      if (!process.env.BENCH_SKIP_DELIVERIES) await app.get(DistributionService).createDeliveries(manager, plan, issued);
      await app.get(CascadeService).planIssued(manager, plan);
    });
    app.get(JobsService).wake([CREATE_CHILDREN_JOB.queue]);
    const committed = process.hrtime.bigint();
    let childrenAt: bigint | null = null;
    let deliveredAt: bigint | null = null;
    let progress = { children: 0, delivered: 0, deliveries: 0 };
    while (!childrenAt || !deliveredAt) {
      const [row] = await appDb.query(
        `SELECT (SELECT count(*)::int FROM plan WHERE parent_plan_id = $1) AS children,
                (SELECT count(*) FILTER (WHERE status = 'delivered')::int FROM delivery WHERE plan_id = $1) AS delivered,
                (SELECT count(*)::int FROM delivery WHERE plan_id = $1) AS deliveries`,
        [planId],
      );
      progress = row;
      const now = process.hrtime.bigint();
      if (!childrenAt && row.children === CHILDREN) childrenAt = now;
      if (!deliveredAt && (process.env.BENCH_SKIP_DELIVERIES || (row.deliveries > 0 && row.delivered === row.deliveries))) deliveredAt = now;
      if (ms(started, now) > 600_000) throw new Error(`gave up after 10 minutes: ${JSON.stringify(row)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const finished = childrenAt > deliveredAt ? childrenAt : deliveredAt;
    const [{ notices }] = await appDb.query(`SELECT count(*)::int AS notices FROM inbox_notice WHERE kind = 'child_plan_assigned'`);

    console.log(`cascade: 1 plan issued with ${CHILDREN} implementing recipients`);
    console.log(`  issuing transaction (deliveries + cascade job): ${ms(started, committed).toFixed(0)} ms`);
    console.log(
      `  until ${progress.children} child drafts created (prefilled, linked, ${notices} drafters told, deadline jobs scheduled): ${(ms(started, childrenAt) / 1000).toFixed(2)} s`,
    );
    console.log(`  until ${progress.delivered}/${progress.deliveries} deliveries delivered: ${(ms(started, deliveredAt) / 1000).toFixed(2)} s`);
    console.log(`  issued -> ${CHILDREN} children created and delivered: ${(ms(started, finished) / 1000).toFixed(2)} s (target < 10 s)`);

    // The tree over HTTP, as a client sees it.
    const server = await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bcd-duk.drafter', password: 'demo1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    const measureTree = async (label: string) => {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < TREE_REQUESTS + 20; i++) {
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${base}/api/plans/${planId}/tree`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { total: number };
        const t1 = process.hrtime.bigint();
        if (res.status !== 200) throw new Error(`tree: ${res.status} ${JSON.stringify(body)}`);
        total = body.total;
        if (i >= 20) times.push(ms(t0, t1));
      }
      times.sort((a, b) => a - b);
      const inProcess: number[] = [];
      for (let i = 0; i < TREE_REQUESTS; i++) {
        const t0 = process.hrtime.bigint();
        await loadCascadeTree(appDb.manager, planId, today);
        inProcess.push(ms(t0, process.hrtime.bigint()));
      }
      inProcess.sort((a, b) => a - b);
      console.log(
        `  the recursive query and the shaping alone, in process: median ${percentile(inProcess, 50).toFixed(1)} ms, p95 ${percentile(inProcess, 95).toFixed(1)} ms`,
      );
      console.log(
        `  GET /api/plans/:id/tree, ${label} (${total} descendants), ${TREE_REQUESTS} requests: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target p95 < 100 ms)`,
      );
    };
    console.log('tree:');
    await measureTree('two levels');
    // A third level: one draft under each child (its own subordinate's plan), written directly.
    await appDb.query(
      `INSERT INTO plan (organization_id, document_type, state, summary, created_by_id, parent_plan_id, due_date, row_version)
       SELECT p.organization_id, 'KH', 'draft', p.summary, p.created_by_id, p.id, p.due_date, 1 FROM plan p WHERE p.parent_plan_id = $1`,
      [planId],
    );
    await measureTree('three levels');
    await app.close();
  } finally {
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
