import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The built server (`nest build server`, the build step of `npm start`), built again when a
 * source is newer than it. The test run builds it once, in its global setup, before any test
 * file starts: two files building at once would delete each other's output.
 */
export function ensureBuiltServer(): string {
  const built = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  const sources = Math.max(...['apps', 'libs', 'workflows'].map((d) => newestSource(join(ROOT, d))));
  if (built < sources)
    execFileSync(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'server'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  return MAIN;
}

/** The built server, which the global setup made; a test file never builds it itself. */
export function builtServer(): string {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the tests through jest (its global setup builds the server)`);
  return MAIN;
}

const handedOut = new Set<number>();

/**
 * Each Jest worker takes its servers' ports from a block of its own, below the kernel's
 * ephemeral range (32768 and up, where `listen(0)` and outgoing connections take theirs): a
 * port another test file's server was handed, or a killed server's port, is never handed out
 * again while that file waits for its server to start.
 */
const PORT_BLOCK_SIZE = 400;
const portBlock = 10_000 + (Number(process.env.JEST_WORKER_ID ?? 0) % 50) * PORT_BLOCK_SIZE;
// Another test run on the same machine (a second checkout) starts elsewhere in the block.
let nextInBlock = process.pid % PORT_BLOCK_SIZE;

/** A port nothing listens on, from this worker's block, never the same twice in one test file. */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < PORT_BLOCK_SIZE; tried++) {
    const port = portBlock + (nextInBlock++ % PORT_BLOCK_SIZE);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${portBlock}-${portBlock + PORT_BLOCK_SIZE - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The server as an operator runs it (`node dist/apps/server/src/main.js` from the project
 * folder), its output kept in `log`. It sees `env` and, of this process's environment, only
 * PATH and HOME, on loopback; with `inheritEnvironment`, exactly `env` (the README story's
 * defaults: nothing more). `nodeOptions` go before the script (a bench's `--cpu-prof`).
 */
export function startBuiltServer(
  env: NodeJS.ProcessEnv,
  log: string[],
  name = 'server',
  { inheritEnvironment = false, nodeOptions = [] }: { inheritEnvironment?: boolean; nodeOptions?: string[] } = {},
): ChildProcess {
  // Built once by the global setup, never between two starts.
  const main = builtServer();
  const fullEnv = inheritEnvironment ? env : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', ...env };
  const child = spawn(process.execPath, [...nodeOptions, main], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => log.push(`[${name}] ${chunk.toString()}`));
  child.stderr!.on('data', (chunk: Buffer) => log.push(`[${name}] ${chunk.toString()}`));
  return child;
}

export interface BuiltServer {
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server printed, for the failure message of a test. */
  output(): string;
  /** Sends the signal and waits for the process to end; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * The built server started as `npm start` starts it, in a child process with its own data
 * folder (its own embedded PostgreSQL, demo data) and port, once it answers /health. Tests talk
 * to it from outside, over HTTP, as people do.
 */
export async function startServerAsReadme(env: Record<string, string> = {}, timeoutMs = 180_000): Promise<BuiltServer> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-built-')),
    LOG_LEVEL: 'warn',
    ...env,
  };
  // Nothing the README's start line does not set: its defaults (processes, host, demo) are what is tested.
  for (const name of ['DATABASE_URL', 'HOST', 'PROCESSES', 'DEMO']) if (!env[name]) delete childEnv[name];
  const log: string[] = [];
  const child = startBuiltServer(childEnv, log, 'server', { inheritEnvironment: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await untilServing(baseUrl, log, timeoutMs, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseUrl,
    process: child,
    output: () => log.join(''),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited(child);
    },
  };
}

/** Resolves with the exit code (or the signal) once the process has ended. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

/** Waits until `check` holds; fails with the servers' output when `timeoutMs` passes first or when `child` has ended. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs: number, log: string[], child?: ChildProcess): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited with ${child.exitCode} while waiting for ${what}\n${log.join('').slice(-4000)}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log.join('').slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the server at `baseUrl` answers /health (failing early if `child` ends). */
export async function untilServing(baseUrl: string, log: string[], timeoutMs = 120_000, child?: ChildProcess): Promise<void> {
  await until(async () => (await fetch(`${baseUrl}/health`)).ok, `${baseUrl}/health`, timeoutMs, log, child);
}
