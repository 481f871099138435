/**
 * A second server process for the numbering concurrency test: the whole application on the
 * same database, started with `node -r ts-node/register/transpile-only -r tsconfig-paths/register`.
 * Prints "ready", reads one JSON line {planIds, issuedOn, concurrency}, gives the numbers and
 * prints them as one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '@app/config';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { assignNumbers } from './numbering-load';

async function main(): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: process.argv[2],
    DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-second-')),
    DEMO: '0',
    LOG_LEVEL: 'error',
    RUN_WORKERS: '0',
    SESSION_SECRET: 'second-process-secret-0123456789',
  });
  const app = await createServerApp(config);
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const request = JSON.parse(line) as { planIds: string[]; issuedOn: string; concurrency: number };
    const results = await assignNumbers(app, request.planIds, request.issuedOn, request.concurrency);
    process.stdout.write(`${JSON.stringify({ pid: process.pid, results })}\n`);
    break;
  }
  await app.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
