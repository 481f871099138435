import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../libs/db/src/embedded-postgres';

const ROOT = join(__dirname, '..', '..');
/** The file `npm start` runs after its build step (package.json "start"). */
export const BUILT_MAIN = join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs the build step of `npm start` (`nest build server`) unless dist is newer than every source file. */
export function ensureBuilt(): void {
  const sources = Math.max(...['apps', 'libs', 'workflows'].map((d) => newestSource(join(ROOT, d))));
  if (existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'server'], { cwd: ROOT, stdio: 'pipe' });
}

export interface BuiltServer {
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server printed, for the failure message of a test. */
  output(): string;
  /** Sends the signal and waits for the process to end; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The built server started as `npm start` starts it (`node dist/apps/server/src/main.js` from
 * the project folder), in a child process with its own data folder (its own embedded
 * PostgreSQL, demo data) and port. Tests talk to it from outside, over HTTP, as people do.
 */
export async function startBuiltServer(env: Record<string, string> = {}, timeoutMs = 180_000): Promise<BuiltServer> {
  ensureBuilt();
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-built-')), LOG_LEVEL: 'warn', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [BUILT_MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the built server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the built server did not answer /health within ${timeoutMs} ms:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
