import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './database-options';
import { migrateAsOwner } from './database-roles';
import { usePreparedStatements } from './hot-queries';

/**
 * The TypeORM connection; the schema comes only from the committed migrations, run at start:
 * as the owner role when MIGRATION_DATABASE_URL names one (the server's own role then may only
 * INSERT and SELECT the audit trail), else as the server's role.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        usePreparedStatements(config.databasePreparedStatements);
        if (config.migrationDatabaseUrl) await migrateAsOwner(config.migrationDatabaseUrl, config.databaseUrl);
        return { ...dataSourceOptions(config.databaseUrl), migrationsRun: !config.migrationDatabaseUrl };
      },
    }),
  ],
})
export class DbModule {}
