import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Globs relative to this file work both from sources (ts, in tests) and from dist (js).
const LIBS = join(__dirname, '..', '..');
export const ENTITY_GLOB = join(LIBS, '*', 'src', '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/** The one description of the database, shared by the application, the tests and the migration CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'kehoach',
    logging: ['error', 'warn', 'migration'],
    extra: { max: 20 },
  };
}
