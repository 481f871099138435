/**
 * `npm run bench:workflow`: transitions per second over HTTP against the built server (its
 * cluster of processes, as `npm start` runs it, workers off), 1 then 8 clients each on its own
 * plans, with If-Match and an Idempotency-Key on every request as a careful client sends them:
 * - SUBMIT/WITHDRAW back and forth for BENCH_SECONDS;
 * - the full human road SUBMIT → APPROVE → APPROVE → SIGN (step-up password at SIGN);
 * then `pgbench -N -c 8` on the same PostgreSQL as the reference, and the ratio.
 * BENCH_CPU_PROF=<folder> profiles the server (see cpu-profile-summary.ts). Nothing is asserted.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { DEMO_PASSWORD } from '@app/identity';
import { PlansService } from '@app/plans';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { planContent } from '../support/plan-factory';
import { withFutureDeadlines } from '../support/workflow-client';
import { cpuMsOfTree, fixed, login, percentile, pgbenchTps, postmasterPid, since, startBenchDatabase, startBenchServer } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROAD_PLANS = Number(process.env.BENCH_ROAD_PLANS ?? 20);
const CLIENT_COUNTS = [1, 8];
const GOALS = { 1: 250, 8: 1000 } as Record<number, number>;
const RATIO_GOAL = 0.25;

type Role = 'drafter' | 'reviewer' | 'format_checker' | 'signer';

class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: Record<Role, string>,
  ) {}

  /** One event with If-Match and a fresh Idempotency-Key; returns the new row version. */
  async send(role: Role, planId: string, rowVersion: number, body: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${this.baseUrl}/api/plans/${planId}/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.tokens[role]}`,
        'content-type': 'application/json',
        'if-match': `"${rowVersion}"`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${role} ${String(body.type)} on ${planId}: ${res.status} ${text}`);
    return (JSON.parse(text) as { rowVersion: number }).rowVersion;
  }
}

interface Plan {
  id: string;
  rowVersion: number;
}

async function main(): Promise<void> {
  const db = await startBenchDatabase();
  try {
    // Migrations, demo data and the plans, made in this process before the server starts.
    const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.root, DEMO: '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' }, process.cwd());
    const setup = await createServerApp(config);
    const source = setup.get(DataSource);
    const [org] = await source.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [drafter] = await source.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const plansService = setup.get(PlansService);
    const newPlans = async (count: number): Promise<Plan[]> => {
      const made: Plan[] = [];
      for (let i = 0; i < count; i++) {
        const id = await source.transaction((manager) =>
          plansService.createDraft(manager, { organizationId: org.id, authorId: drafter.id, content: withFutureDeadlines(planContent()) }),
        );
        const [{ row_version }] = await source.query(`SELECT row_version FROM plan WHERE id = $1`, [id]);
        made.push({ id, rowVersion: row_version });
      }
      return made;
    };
    const maxClients = Math.max(...CLIENT_COUNTS);
    const pingPongPlans = await newPlans(maxClients);
    const roadPlans = await newPlans(ROAD_PLANS * CLIENT_COUNTS.length);
    await setup.close();

    const server = await startBenchServer(db.url, db.root, { DEMO: '0', RUN_WORKERS: '0' });
    console.log(`server: ${server.baseUrl}, ${process.env.PROCESSES ?? 'one process per core'}, workers off`);
    const tokens = {} as Record<Role, string>;
    for (const role of ['drafter', 'reviewer', 'format_checker', 'signer'] as Role[]) {
      tokens[role] = await login(server.baseUrl, `bcd-duk.${role}`, DEMO_PASSWORD);
    }
    const client = new Client(server.baseUrl, tokens);
    // A warm-up round: the first requests compile code paths and fill the pools.
    for (const plan of pingPongPlans) {
      plan.rowVersion = await client.send('drafter', plan.id, plan.rowVersion, { type: 'SUBMIT' });
      plan.rowVersion = await client.send('drafter', plan.id, plan.rowVersion, { type: 'WITHDRAW' });
    }

    const rates: Record<number, number> = {};
    const postmaster = await postmasterPid(db.url);
    for (const clients of CLIENT_COUNTS) {
      const latencies: number[] = [];
      const end = Date.now() + SECONDS * 1000;
      const cpuBefore = { server: cpuMsOfTree(server.children.pid!), postgres: cpuMsOfTree(postmaster) };
      const started = performance.now();
      await Promise.all(
        pingPongPlans.slice(0, clients).map(async (plan) => {
          while (Date.now() < end) {
            for (const type of ['SUBMIT', 'WITHDRAW']) {
              const t0 = performance.now();
              plan.rowVersion = await client.send('drafter', plan.id, plan.rowVersion, { type });
              latencies.push(since(t0));
            }
          }
        }),
      );
      rates[clients] = latencies.length / (since(started) / 1000);
      // CPU per transition: what the two cores must give, whatever else runs on the machine.
      const serverMs = (cpuMsOfTree(server.children.pid!) - cpuBefore.server) / latencies.length;
      const postgresMs = (cpuMsOfTree(postmaster) - cpuBefore.postgres) / latencies.length;
      console.log(
        `SUBMIT/WITHDRAW, ${clients} client(s): ${latencies.length} transitions, ${fixed(rates[clients])}/s (goal ≥ ${GOALS[clients]}), ` +
          `p50 ${fixed(percentile(latencies, 50))} ms, p95 ${fixed(percentile(latencies, 95))} ms; ` +
          `CPU per transition: server ${fixed(serverMs, 2)} ms, PostgreSQL ${fixed(postgresMs, 2)} ms`,
      );
    }

    for (const [index, clients] of CLIENT_COUNTS.entries()) {
      const plans = roadPlans.slice(index * ROAD_PLANS, (index + 1) * ROAD_PLANS);
      const perEvent: Record<string, number[]> = { SUBMIT: [], APPROVE: [], SIGN: [] };
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let plan = plans[next++]; plan; plan = plans[next++]) {
            for (const [role, body] of [
              ['drafter', { type: 'SUBMIT' }],
              ['reviewer', { type: 'APPROVE' }],
              ['format_checker', { type: 'APPROVE' }],
              ['signer', { type: 'SIGN', password: DEMO_PASSWORD }],
            ] as const) {
              const t0 = performance.now();
              plan.rowVersion = await client.send(role, plan.id, plan.rowVersion, body);
              perEvent[body.type].push(since(t0));
            }
          }
        }),
      );
      const seconds = since(started) / 1000;
      console.log(
        `full road (SUBMIT, APPROVE ×2, SIGN), ${clients} client(s): ${plans.length} plans in ${fixed(seconds, 2)} s = ` +
          `${fixed((plans.length * 4) / seconds)} transitions/s; ` +
          Object.entries(perEvent)
            .map(([type, values]) => `${type} p50 ${fixed(percentile(values, 50))} ms`)
            .join(', '),
      );
    }
    await server.stop();

    const tps = await pgbenchTps(db.pg.url, 8, SECONDS);
    const ratio = rates[8] / tps;
    console.log(`pgbench -N -c 8 on the same PostgreSQL: ${fixed(tps)} tps`);
    console.log(`ratio transitions (8 clients) / pgbench tps: ${fixed(ratio, 3)} (goal ≥ ${RATIO_GOAL})`);
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
