import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from './database-options';

/**
 * The DataSource for the TypeORM CLI, built from the same options as the application:
 * `DATABASE_URL=... npx typeorm -d dist/libs/db/src/data-source.js migration:run`.
 */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl || 'postgres://localhost/kehoach'));
