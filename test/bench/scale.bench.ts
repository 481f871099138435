/**
 * `npm run bench:scale`: the p95 of what people open every day, at a nation's size (50,000
 * organizations, 1,000,000 plans: scale-data.ts), through the application over HTTP (and the
 * work page through its service): the plans list, search with and without diacritics, a
 * person's work page, the outgoing register of a busy organization, a plan's history, the tree
 * of a plan with ~11,000 descendants. Goal: each under 200 ms p95. Nothing is asserted.
 *
 * The data is generated once into BENCH_SCALE_DIR (default /tmp/kehoach-scale) and kept for the
 * next run; delete that folder when done. BENCH_SCALE_PLANS makes a smaller nation for trials.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { AuthService, DEMO_PASSWORD } from '@app/identity';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { MyWorkService } from '../../apps/server/src/web/work/my-work.service';
import { fixed, login, percentile, since, startBenchDatabase } from './bench-support';
import { generateScaleData, NATION } from './scale-data';

const DIR = process.env.BENCH_SCALE_DIR ?? '/tmp/kehoach-scale';
const PLANS = Number(process.env.BENCH_SCALE_PLANS ?? NATION.plans);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const GOAL_MS = 200;

async function main(): Promise<void> {
  const db = await startBenchDatabase({ dataDir: DIR, database: 'scale' });
  try {
    // The demo data (its users, the auditor) goes in before the nation; once there, the demo
    // loaders are not run again (they walk every organization: minutes at 50,000).
    const marker = join(DIR, 'generated');
    const generated = existsSync(marker);
    const config = loadConfig(
      { DATABASE_URL: db.url, DATA_DIR: DIR, DEMO: generated ? '0' : '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' },
      process.cwd(),
    );
    const app = await createServerApp(config);
    const source = app.get(DataSource);
    if (!generated) {
      console.log(`generating ${PLANS} plans in ${DIR}:`);
      const t0 = performance.now();
      await generateScaleData(source, { ...NATION, plans: PLANS });
      console.log(`generated in ${fixed(since(t0) / 1000)} s`);
      writeFileSync(marker, new Date().toISOString());
    }
    const [size] = await source.query(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS size, (SELECT count(*) FROM organization) AS organizations,
              (SELECT count(*) FROM plan) AS plans, (SELECT count(*) FROM plan_version) AS versions, (SELECT count(*) FROM audit_event) AS audit,
              (SELECT count(*) FROM delivery) AS deliveries, (SELECT count(*) FROM child_plan) AS children, (SELECT count(*) FROM register_entry) AS entries`,
    );
    console.log(
      `database ${size.size}: ${size.organizations} organizations, ${size.plans} plans, ${size.versions} versions, ${size.audit} audit rows, ` +
        `${size.deliveries} deliveries, ${size.children} child links, ${size.entries} register entries`,
    );

    // The busiest organization (most register entries), its leader (clerk, signer) and drafter; the root of the big cascade.
    const [busy] = await source.query(
      `SELECT o.id, o.code, o.full_name FROM register_entry e JOIN organization o ON o.id = e.organization_id
        GROUP BY o.id ORDER BY count(*) DESC LIMIT 1`,
    );
    const [root] = await source.query(`SELECT parent_plan_id AS id FROM child_plan GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const [history] = await source.query(
      `SELECT id FROM plan WHERE organization_id = $1 AND state = 'distributed' ORDER BY created_at DESC LIMIT 1`,
      [busy.id],
    );
    const [{ year }] = await source.query(`SELECT max(extract(year FROM issued_on))::int AS year FROM register_entry WHERE organization_id = $1`, [
      busy.id,
    ]);
    const [drafter] = await source.query(`SELECT id FROM app_user WHERE username = $1`, [`${busy.code}.drafter`]);
    const [leader] = await source.query(`SELECT id FROM app_user WHERE username = $1`, [`${busy.code}.lead`]);

    await app.listen(0, '127.0.0.1');
    const baseUrl = await app.getUrl();
    const auditor = await login(baseUrl, 'nation.auditor', DEMO_PASSWORD);
    const lead = await login(baseUrl, `${busy.code}.lead`, DEMO_PASSWORD);
    // The leader of the body that issued the national plan, who follows its implementation.
    const [rootOrg] = await source.query(`SELECT o.code FROM plan p JOIN organization o ON o.id = p.organization_id WHERE p.id = $1`, [root.id]);
    const rootLead = await login(baseUrl, `${rootOrg.code}.lead`, DEMO_PASSWORD);
    const get = async (token: string, path: string) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<any>;
    };
    const work = app.get(MyWorkService);
    const drafterActor = (await app.get(AuthService).loadActor(drafter.id, 'token'))!;
    const leaderActor = (await app.get(AuthService).loadActor(leader.id, 'token'))!;

    const cases: [what: string, run: () => Promise<unknown>][] = [
      ['plans list, whole nation (auditor), page 1', () => get(auditor, '/api/plans')],
      [`plans list of ${busy.full_name}, page 50`, () => get(lead, '/api/plans?page=50')],
      ['search "chuyển đổi số", whole nation', () => get(auditor, `/api/plans?q=${encodeURIComponent('chuyển đổi số')}`)],
      ['search "chuyen doi so" (no diacritics)', () => get(auditor, '/api/plans?q=chuyen%20doi%20so')],
      ['search "biến đổi khí hậu" in one organization', () => get(lead, `/api/plans?q=${encodeURIComponent('biến đổi khí hậu')}`)],
      [`work page of ${busy.code}.drafter`, () => work.forActor(drafterActor)],
      [`work page of ${busy.code}.lead (reviews, signs, numbers)`, () => work.forActor(leaderActor)],
      [
        `outgoing register of ${busy.full_name}, ${year}`,
        () => get(lead, `/api/registers/outgoing?org=${busy.id}&from=${year}-01-01&to=${year}-12-31`),
      ],
      ["a plan's history", () => get(lead, `/api/plans/${history.id}/history`)],
      ['cascade tree of the national plan, by its issuer', () => get(rootLead, `/api/plans/${root.id}/tree`)],
      ['cascade tree of the national plan, by the national auditor', () => get(auditor, `/api/plans/${root.id}/tree`)],
    ];
    console.log(`\np95 over ${RUNS} runs (goal < ${GOAL_MS} ms):`);
    for (const [what, run] of cases) {
      const first = await run();
      const size = JSON.stringify(first).length;
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await run();
        times.push(since(t0));
      }
      const p95 = percentile(times, 95);
      console.log(
        `${p95 < GOAL_MS ? 'ok  ' : 'SLOW'} ${what.padEnd(72)} p50 ${fixed(percentile(times, 50)).padStart(7)} ms  p95 ${fixed(p95).padStart(7)} ms  (${size} bytes)`,
      );
    }
    await app.close();
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
