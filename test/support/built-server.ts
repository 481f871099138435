import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtServer, freePort } from './server-process';

const ROOT = join(__dirname, '..', '..');

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
  const main = builtServer();
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
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const healthy = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
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
