export * from './database-options';
export * from './db.module';
export * from './embedded-postgres';
export * from './schema-drift';
export * from './snake-naming.strategy';
export * from './columns';
export * from './database-roles';
export * from './hot-queries';
