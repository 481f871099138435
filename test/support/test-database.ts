import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, splitDatabaseRoles, withDatabase } from '@app/db';
import { DemoLoaderService } from '@app/identity';

export function testServerUrl(): string {
  const url = process.env.KEHOACH_TEST_PG_URL;
  if (!url) throw new Error('KEHOACH_TEST_PG_URL is not set: run the tests through jest (test/jest.config.js)');
  return url;
}

async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    // Template builds and clones are serialized across Jest workers.
    await client.query(`SELECT pg_advisory_lock(hashtext('kehoach:test-templates'))`);
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Demo loaders other domains add (plans, ...) so that the demo template holds the whole demo. */
export const extraTemplateLoaders: ((dataSource: DataSource) => Promise<void>)[] = [];

async function ensureTemplate(client: Client, name: string, demo: boolean): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount) return;
  const building = `${name}_building_${randomBytes(4).toString('hex')}`;
  await client.query(`CREATE DATABASE "${building}"`);
  const dataSource = new DataSource({ ...dataSourceOptions(withDatabase(testServerUrl(), building)), logging: ['error'] });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    if (demo) {
      await new DemoLoaderService(dataSource).load();
      for (const load of extraTemplateLoaders) await load(dataSource);
    }
  } finally {
    await dataSource.destroy();
  }
  // Renamed only once complete, so a template that exists is a whole one.
  await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
  await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
}

/**
 * A fresh database for one test file, cloned from a migrated template (with the demo
 * organizations and users when asked), on the run's one embedded PostgreSQL.
 */
export async function createTestDatabase(options: { demo?: boolean; empty?: boolean } = {}): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdminClient(async (client) => {
    if (options.empty) {
      await client.query(`CREATE DATABASE "${name}"`);
      return;
    }
    const template = options.demo ? 'tpl_demo' : 'tpl_base';
    await ensureTemplate(client, template, !!options.demo);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return withDatabase(testServerUrl(), name);
}

/** The owner and server roles on the tests' own server (roles are the server's, shared by its databases). */
const TEST_ROLES = {
  owner: 'kehoach_owner',
  ownerPassword: 'owner-of-the-test-tables',
  server: 'kehoach_server',
  serverPassword: 'server-of-the-tests',
};

/**
 * A fresh database split as production runs it: its tables owned by the owner role (who runs the
 * migrations), the application connecting as the server role (INSERT and SELECT on the trail).
 */
export async function createRoleSplitDatabase(options: { demo?: boolean } = {}): Promise<{ ownerUrl: string; serverUrl: string }> {
  const url = await createTestDatabase(options);
  return splitDatabaseRoles(testServerUrl(), new URL(url).pathname.slice(1), TEST_ROLES);
}
