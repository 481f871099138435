/**
 * `npm run backup -- <file>`: the whole database (plans, audit chains, registers, the queue and
 * the issued PDFs, which live in it) to one pg_dump file in the custom format. The database is
 * DATABASE_URL's, or the embedded one of DATA_DIR (started for the backup if it is not running).
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../embedded-postgres';
import { pgTool, serverMajor } from './pg-tools';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run backup -- <file.dump>');
  const config = loadConfig();
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let url = config.databaseUrl;
  if (!config.externalDatabase) {
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort });
    await ensureDatabase(embedded.url, 'kehoach');
    url = withDatabase(embedded.url, 'kehoach');
  }
  try {
    const pgDump = pgTool('pg_dump', await serverMajor(url));
    execFileSync(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${resolve(file)}`, url], { stdio: 'inherit' });
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM stored_document)::int AS documents, (SELECT count(*) FROM audit_event)::int AS audit`,
    );
    await client.end();
    console.log(`backup: ${resolve(file)} (${statSync(file).size} bytes): ${rows[0].documents} documents, ${rows[0].audit} audit rows`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `backup: ${(error as Error).message}`);
  process.exit(1);
});
