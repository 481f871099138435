import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

// For the few statements every transition runs (docs/workflow.md, "Where a transition's time goes"):
// raw SQL sent as named prepared statements, so neither TypeORM builds the query nor PostgreSQL
// parses and plans it again on every request. Everything else keeps the ORM.

const names = new Map<string, string>();
let named = true;

/** Set once at boot from DATABASE_PREPARED_STATEMENTS: off, the same SQL goes unnamed (parsed every time), for poolers that cannot keep statements. */
export function usePreparedStatements(enabled: boolean): void {
  named = enabled;
}

/** The statement's name: derived from its text, so two texts never share a name on a connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hot_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` as a named prepared statement: on the transaction's connection when `manager` is
 * a transaction's, else on a connection of the pool for this one statement. A named statement
 * lives in the server session: behind a transaction-mode pooler that cannot keep it, turn them
 * off (usePreparedStatements).
 */
export async function preparedQuery<Row = Record<string, unknown>>(manager: EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const statement = named ? { name: nameOf(text), text, values } : { text, values };
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query(statement)).rows as Row[];
  }
  const own = manager.connection.createQueryRunner() as PostgresQueryRunner;
  try {
    const client = (await own.connect()) as PoolClient;
    return (await client.query(statement)).rows as Row[];
  } finally {
    await own.release();
  }
}

const selectLists = new WeakMap<object, Map<string, string>>();

/** `alias.column, ...` for every column of the entity a plain find selects (not `select: false` ones), by database name. */
export function selectedColumns(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const metadata = manager.connection.getMetadata(entity);
  const lists = selectLists.get(metadata) ?? new Map<string, string>();
  selectLists.set(metadata, lists);
  let list = lists.get(alias);
  if (list === undefined) {
    list = metadata.columns
      .filter((column) => column.isSelect)
      .map((column) => `${alias}."${column.databaseName}"`)
      .join(', ');
    lists.set(alias, list);
  }
  return list;
}

/** An entity from a raw row of `selectedColumns`, with the values TypeORM's own hydration gives (dates, `date` strings...). */
export function entityFromRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const made = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!column.isSelect || !(column.databaseName in row)) continue;
    (made as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
  }
  return made;
}
