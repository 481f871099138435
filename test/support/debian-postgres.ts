import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

/** The major version of Debian's pg_dump, or one line naming the package when there is none. */
export function debianClientMajor(): number {
  let path = '';
  try {
    path = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
  } catch {
    // not installed
  }
  if (!path) throw new Error('pg_dump not found: apt-get install postgresql-client');
  return Number(/\(PostgreSQL\) (\d+)/.exec(execFileSync(path, ['--version'], { encoding: 'utf8' }))?.[1]);
}

export interface DebianPostgres {
  url: string;
  stop(): void;
}

/**
 * A private PostgreSQL server from Debian's binaries of that major version (package
 * postgresql-<major>), in a temporary folder, trusting local connections. The backup test needs
 * a server Debian's pg_dump may dump: pg_dump refuses a server newer than itself, and the
 * embedded PostgreSQL (18) is newer than Debian 12's client (15).
 */
export async function startDebianPostgres(major: number): Promise<DebianPostgres> {
  const bin = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(join(bin, 'postgres'))) throw new Error(`PostgreSQL ${major} server not found: apt-get install postgresql-${major}`);
  const dir = mkdtempSync(join(tmpdir(), `kehoach-pg${major}-`));
  const data = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  else chmodSync(dir, 0o700);
  const run = (args: string[]) =>
    execFileSync(isRoot ? 'runuser' : args[0], isRoot ? ['-u', 'postgres', '--', ...args] : args.slice(1), { stdio: 'pipe' });
  run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  run([
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']),
  };
}
