/**
 * `npm run restore -- <file>`: a backup (npm run backup) into DATABASE_URL's database, which must
 * be empty (a new one: `createdb`); then every stored document is checked against its SHA-256.
 * With MIGRATION_DATABASE_URL, restored as that owner role (the server's role gets its rights when
 * the application starts). The audit chains are checked by the application (GET /api/audit/verify)
 * once it runs on it, with the same AUDIT_SIGNING_KEY_FILE as the backed-up installation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '@app/config';
import { pgTool, serverMajor } from './pg-tools';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || !existsSync(file))
    throw new Error('usage: npm run restore -- <file.dump> (an existing file), with DATABASE_URL naming an empty database');
  const config = loadConfig();
  if (!config.externalDatabase)
    throw new Error('DATABASE_URL: cần chỉ định cơ sở dữ liệu (rỗng) để khôi phục vào (the empty database to restore into)');
  const url = config.migrationDatabaseUrl || config.databaseUrl;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss')`);
    if (rows[0].n > 0)
      throw new Error(
        `cơ sở dữ liệu đích không rỗng (${rows[0].n} bảng): hãy khôi phục vào một cơ sở dữ liệu mới (the target database is not empty)`,
      );
    const pgRestore = pgTool('pg_restore', await serverMajor(url));
    execFileSync(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, resolve(file)], { stdio: 'inherit' });
    const { rows: documents } = await client.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE encode(sha256(bytes), 'hex') <> sha256)::int AS bad FROM stored_document`,
    );
    if (documents[0].bad > 0) throw new Error(`${documents[0].bad} of ${documents[0].n} documents do not match their SHA-256`);
    console.log(`restore: ${resolve(file)} into the database; ${documents[0].n} documents checked against their SHA-256`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `restore: ${(error as Error).message}`);
  process.exit(1);
});
