import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options';

export interface SchemaChanges {
  up: string[];
  down: string[];
}

/**
 * Runs the committed migrations on the given (empty) database, then asks TypeORM what it
 * would still change to match the entities. Empty means entities and migrations agree.
 */
export async function schemaChangesAfterMigrations(url: string): Promise<SchemaChanges> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), logging: ['error'] });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    await dataSource.destroy();
  }
}
