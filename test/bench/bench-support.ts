/**
 * What the benchmarks share: their own embedded PostgreSQL, the built server as an operator runs
 * it, a pgbench reference run on the same database, and percentiles. Nothing here asserts.
 */
import { ChildProcess, execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { ensureBuiltServer, exited, freePort, startBuiltServer, untilServing } from '../support/server-process';

const run = promisify(execFile);

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface BenchDatabase {
  pg: EmbeddedDatabase;
  /** URL of the bench's own database. */
  url: string;
  /** A scratch folder (the cluster's data is in `root/postgres`), deleted by `stop()` unless kept. */
  root: string;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL of its own. `dataDir` keeps the cluster between runs (the scale data);
 * without it a temporary folder is made and deleted at stop.
 */
export async function startBenchDatabase(options: { dataDir?: string; database?: string } = {}): Promise<BenchDatabase> {
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kehoach-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(root, 'postgres') });
  const database = options.database ?? 'bench';
  await ensureDatabase(pg.url, database);
  return {
    pg,
    url: withDatabase(pg.url, database),
    root,
    async stop() {
      await pg.stop();
      if (!options.dataDir) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * `pgbench -N -c <clients>` (simple-update TPC-B without the branch/teller updates) on the same
 * cluster, in its own database, the reference the workflow figures are divided by.
 */
export async function pgbenchTps(serverUrl: string, clients: number, seconds: number): Promise<number> {
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('pgbench is missing: run `bash test/support/ensure-tools.sh` (or apt-get install postgresql-client)');
  }
  await ensureDatabase(serverUrl, 'pgbench');
  const url = withDatabase(serverUrl, 'pgbench');
  await run('pgbench', ['-i', '-q', '-s', '10', url]);
  const { stdout } = await run('pgbench', ['-N', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}

export interface BenchServer {
  baseUrl: string;
  children: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

/**
 * The built server (`node dist/apps/server/src/main.js`, built if a source is newer) on the bench's
 * database. `BENCH_CPU_PROF=<folder>` runs it under `node --cpu-prof`: each process of the
 * cluster writes its .cpuprofile there when it exits (test/bench/cpu-profile-summary.ts reads them).
 */
export async function startBenchServer(databaseUrl: string, root: string, env: Record<string, string> = {}): Promise<BenchServer> {
  ensureBuiltServer();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const profile = process.env.BENCH_CPU_PROF;
  const child = startBuiltServer(
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(root, 'server'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-session-secret-0123456789ab',
      ...(process.env.PROCESSES ? { PROCESSES: process.env.PROCESSES } : {}),
      ...env,
    },
    log,
    'server',
    { nodeOptions: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [] },
  );
  await untilServing(baseUrl, log, 300_000);
  return {
    baseUrl,
    children: child,
    log,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** A bearer token from `POST /api/auth/login`. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Milliseconds since `t0` (performance.now()). */
export const since = (t0: number): number => performance.now() - t0;

export const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) used so far by a process and every descendant alive now, from
 * /proc (Linux). On a shared machine this is what a transition costs, whatever the load: wall
 * time and profiles also count the time spent waiting for a core.
 */
export function cpuMsOfTree(rootPid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const parent = Number(fields[1]);
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const queue = [rootPid]; queue.length;) {
    const pid = queue.pop()!;
    total += ticks.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return (total * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The postmaster of the cluster behind `url` (the parent of a backend): its tree is PostgreSQL's CPU. */
export async function postmasterPid(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ pid }] = (await client.query(`SELECT pg_backend_pid() AS pid`)).rows as { pid: number }[];
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } finally {
    await client.end();
  }
}
