import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
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

/** A port nothing listens on, never the same twice in one test file (the OS may offer it again). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server as an operator runs it (`node dist/apps/server/src/main.js`), its output kept in `log`. */
export function startBuiltServer(env: Record<string, string>, log: string[], name = 'server', nodeOptions: string[] = []): ChildProcess {
  // Built once per test file (ensureBuiltServer in beforeAll), never between two starts.
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: call ensureBuiltServer() first`);
  const child = spawn(process.execPath, [...nodeOptions, MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => log.push(`[${name}] ${chunk.toString()}`));
  child.stderr!.on('data', (chunk: Buffer) => log.push(`[${name}] ${chunk.toString()}`));
  return child;
}

/** Resolves with the exit code (or the signal) once the process has ended. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs: number, log: string[]): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log.join('').slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the server at `baseUrl` answers /health. */
export async function untilServing(baseUrl: string, log: string[], timeoutMs = 120_000): Promise<void> {
  await until(async () => (await fetch(`${baseUrl}/health`)).ok, `${baseUrl}/health`, timeoutMs, log);
}
