import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options';
import { withDatabase } from './embedded-postgres';

/** The tables of the audit trail: the server's role may only INSERT and SELECT them. */
export const TRAIL_TABLES = ['audit_event', 'audit_head'] as const;

/** The role a connection URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * What the owner grants the server's role, after every migration (new tables included): every
 * right on the application's tables but the trail's, where it may only INSERT and SELECT (so it
 * cannot rewrite, delete, truncate or disable the trigger of the trail: it owns none of it).
 * CREATE on the database lets pg-boss make its own schema, which the server's role then owns.
 */
export function serverRoleGrants(serverRole: string, database: string): string[] {
  const role = `"${serverRole.replace(/"/g, '""')}"`;
  const trail = TRAIL_TABLES.map((t) => `"${t}"`).join(', ');
  return [
    `GRANT CONNECT, CREATE ON DATABASE "${database.replace(/"/g, '""')}" TO ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE ALL ON ${trail}, "migrations" FROM ${role}`,
    `GRANT SELECT, INSERT ON ${trail} TO ${role}`,
    `GRANT SELECT ON "migrations" TO ${role}`,
  ];
}

/**
 * Runs the migrations as the owner role (MIGRATION_DATABASE_URL) and grants the server's role
 * (DATABASE_URL's) its rights. The server then connects as a role that cannot rewrite the trail.
 */
export async function migrateAsOwner(ownerUrl: string, serverUrl: string): Promise<void> {
  const owner = new DataSource({ ...dataSourceOptions(ownerUrl), logging: ['error'] });
  await owner.initialize();
  try {
    await owner.runMigrations();
    const database = new URL(ownerUrl).pathname.slice(1);
    await owner.transaction(async (manager) => {
      for (const sql of serverRoleGrants(roleOf(serverUrl), decodeURIComponent(database))) await manager.query(sql);
      // A restore made as the owner gave it pg-boss's schema too: the server's role works in it.
      const [boss] = await manager.query(`SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'pgboss'`);
      if (boss?.owner === roleOf(ownerUrl)) {
        const role = `"${roleOf(serverUrl).replace(/"/g, '""')}"`;
        await manager.query(`GRANT USAGE, CREATE ON SCHEMA pgboss TO ${role}`);
        await manager.query(`GRANT ALL ON ALL TABLES IN SCHEMA pgboss TO ${role}`);
        await manager.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA pgboss TO ${role}`);
        await manager.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${role}`);
      }
    });
  } finally {
    await owner.destroy();
  }
}

/**
 * Makes the owner and server roles of a database on a server we run ourselves (the embedded
 * server, the tests' server), as its superuser: creates or updates the two login roles, gives the
 * database and its public schema's objects to the owner and the pg-boss schema to the server
 * role (an installation from before the split). Returns the URLs of both.
 */
export async function splitDatabaseRoles(
  superUrl: string,
  database: string,
  roles: { owner: string; ownerPassword: string; server: string; serverPassword: string },
): Promise<{ ownerUrl: string; serverUrl: string }> {
  const client = new Client({ connectionString: withDatabase(superUrl, database) });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('kehoach:roles'))`);
    for (const [name, password] of [
      [roles.owner, roles.ownerPassword],
      [roles.server, roles.serverPassword],
    ]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      const role = client.escapeIdentifier(name);
      const literal = client.escapeLiteral(password);
      await client.query(exists.rowCount ? `ALTER ROLE ${role} LOGIN PASSWORD ${literal}` : `CREATE ROLE ${role} LOGIN PASSWORD ${literal}`);
    }
    const owner = client.escapeIdentifier(roles.owner);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${owner}`);
    await client.query(handOverSchema('public', roles.owner));
    await client.query(handOverSchema('pgboss', roles.server));
    await client.query(`SELECT pg_advisory_unlock(hashtext('kehoach:roles'))`);
  } finally {
    await client.end();
  }
  const url = (role: string, password: string) => {
    const parsed = new URL(withDatabase(superUrl, database));
    parsed.username = encodeURIComponent(role);
    parsed.password = encodeURIComponent(password);
    return parsed.toString();
  };
  return { ownerUrl: url(roles.owner, roles.ownerPassword), serverUrl: url(roles.server, roles.serverPassword) };
}

/** Gives a schema (when it exists) and its tables, types and functions to a role: one DO block. */
function handOverSchema(schema: string, role: string): string {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `DO $$
DECLARE r record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${lit(schema)}) THEN RETURN; END IF;
  EXECUTE format('ALTER SCHEMA %I OWNER TO %I', ${lit(schema)}, ${lit(role)});
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = ${lit(schema)} AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> ${lit(role)} LOOP
    EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', ${lit(schema)}, r.relname, ${lit(role)});
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = ${lit(schema)} AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> ${lit(role)} LOOP
    EXECUTE format('ALTER TYPE %I.%I OWNER TO %I', ${lit(schema)}, r.typname, ${lit(role)});
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = ${lit(schema)} AND pg_get_userbyid(p.proowner) <> ${lit(role)} LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', r.signature, ${lit(role)});
  END LOOP;
END $$`;
}
