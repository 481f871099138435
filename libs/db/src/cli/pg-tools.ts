import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Client } from 'pg';

/** The major version a PostgreSQL client tool reports ("pg_dump (PostgreSQL) 15.18 ..." → 15). */
function toolMajor(path: string): number {
  const out = execFileSync(path, ['--version'], { encoding: 'utf8' });
  return Number(/\(PostgreSQL\) (\d+)/.exec(out)?.[1] ?? 0);
}

/**
 * pg_dump / pg_restore from Debian's postgresql-client, of the server's major version or newer
 * (pg_dump refuses a newer server). One line naming the package when there is none.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const onPath = (() => {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  if (!onPath) throw new Error(`${name} không có trên máy này (not found): apt-get install postgresql-client`);
  const candidates = [onPath];
  for (let major = serverMajor; major <= serverMajor + 5; major++) candidates.push(`/usr/lib/postgresql/${major}/bin/${name}`);
  const usable = candidates.find((path) => existsSync(path) && toolMajor(path) >= serverMajor);
  if (!usable) {
    throw new Error(
      `${name} ${toolMajor(onPath)} không dùng được với PostgreSQL ${serverMajor} (too old): apt-get install postgresql-client-${serverMajor}`,
    );
  }
  return usable;
}

export async function serverMajor(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT current_setting('server_version_num')::int AS v`);
    return Math.floor(rows[0].v / 10000);
  } finally {
    await client.end();
  }
}
