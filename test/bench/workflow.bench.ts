/**
 * `npm run bench:workflow`: transitions per second through WorkflowService.apply (lock, facts,
 * format check at SUBMIT, audit, notifications, jobs, all in one transaction each), the cost of
 * the step-up at SIGN, and 20 concurrent APPROVE on one plan. Its own embedded PostgreSQL;
 * nothing is asserted, it prints what it measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Actor } from '@app/common';
import { loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { AuthService } from '@app/identity';
import { PlansService } from '@app/plans';
import { WorkflowService } from '@app/workflow';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { planContent } from '../support/plan-factory';
import { withFutureDeadlines } from '../support/workflow-client';

const PLANS = Number(process.env.BENCH_PLANS ?? 100);
const SIGNS = Number(process.env.BENCH_SIGNS ?? 10);
const CONTENDED = Number(process.env.BENCH_CONTENDED ?? 10);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kehoach-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(root, 'postgres') });
  try {
    await ensureDatabase(pg.url, 'bench');
    const config = loadConfig(
      { DATABASE_URL: withDatabase(pg.url, 'bench'), DATA_DIR: root, DEMO: '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' },
      process.cwd(),
    );
    const app = await createServerApp(config);
    const db = app.get(DataSource);
    const workflow = app.get(WorkflowService);
    const actor = async (username: string): Promise<Actor> => {
      const [row] = await db.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
      return (await app.get(AuthService).loadActor(row.id, 'token'))!;
    };
    const [drafter, reviewer, checker, signer] = await Promise.all(
      ['bcd-duk.drafter', 'bcd-duk.reviewer', 'bcd-duk.format_checker', 'bcd-duk.signer'].map(actor),
    );
    const [org] = await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const plans = app.get(PlansService);
    const ids: string[] = [];
    for (let i = 0; i < PLANS + CONTENDED; i++) {
      ids.push(
        await db.transaction((manager) =>
          plans.createDraft(manager, { organizationId: org.id, authorId: drafter.id, content: withFutureDeadlines(planContent()) }),
        ),
      );
    }

    const latencies: Record<string, number[]> = { SUBMIT: [], APPROVE: [] };
    const started = Date.now();
    for (const id of ids.slice(0, PLANS)) {
      for (const [who, type] of [
        [drafter, 'SUBMIT'],
        [reviewer, 'APPROVE'],
        [checker, 'APPROVE'],
      ] as const) {
        const t0 = performance.now();
        await workflow.apply(who, id, { type });
        latencies[type].push(performance.now() - t0);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`sequential: ${PLANS * 3} transitions in ${seconds.toFixed(2)} s = ${((PLANS * 3) / seconds).toFixed(1)}/s`);
    for (const [type, values] of Object.entries(latencies)) {
      console.log(`  ${type.padEnd(8)} p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms`);
    }

    const signs: number[] = [];
    for (const id of ids.slice(0, SIGNS)) {
      const t0 = performance.now();
      await workflow.apply(signer, id, { type: 'SIGN', password: 'demo1234' });
      signs.push(performance.now() - t0);
    }
    console.log(`SIGN with step-up: p50 ${percentile(signs, 50).toFixed(1)} ms  p95 ${percentile(signs, 95).toFixed(1)} ms (${SIGNS} plans)`);

    const contended: number[] = [];
    let won = 0;
    let refused = 0;
    for (const id of ids.slice(PLANS)) {
      await workflow.apply(drafter, id, { type: 'SUBMIT' });
      const t0 = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => workflow.apply(reviewer, id, { type: 'APPROVE' })));
      contended.push(performance.now() - t0);
      won += results.filter((r) => r.status === 'fulfilled').length;
      refused += results.filter((r) => r.status === 'rejected').length;
    }
    console.log(
      `20 concurrent APPROVE × ${CONTENDED} plans: ${won} applied, ${refused} refused; all 20 answered in p50 ${percentile(contended, 50).toFixed(1)} ms  p95 ${percentile(contended, 95).toFixed(1)} ms`,
    );
    await app.close();
  } finally {
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
