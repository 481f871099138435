import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/db/src/embedded-postgres';
import { ensureBuiltServer } from './server-process';

/** One real PostgreSQL for the whole test run; each test file gets fresh databases on it. */
export default async function globalSetup(): Promise<void> {
  // Some tests start the built server as `npm start` does: build it once, before any of them.
  ensureBuiltServer();
  if (process.env.TEST_DATABASE_URL) {
    process.env.KEHOACH_TEST_PG_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kehoach-test-')), 'postgres');
  const server = await startEmbeddedPostgres({ dataDir });
  process.env.KEHOACH_TEST_PG_URL = server.url;
  (globalThis as { __KEHOACH_PG__?: typeof server }).__KEHOACH_PG__ = server;
}
