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
  const folder = mkdtempSync(join(tmpdir(), 'kehoach-test-'));
  const server = await startEmbeddedPostgres({ dataDir: join(folder, 'postgres') });
  process.env.KEHOACH_TEST_PG_URL = server.url;
  // The teardown stops it and removes its folder (a run's databases take more than a gigabyte).
  (globalThis as { __KEHOACH_PG__?: { stop(): Promise<void>; folder: string } }).__KEHOACH_PG__ = { stop: () => server.stop(), folder };
}
