/**
 * `npm run migration:generate -- AddSomething`: writes a migration with what the entities
 * need beyond the committed migrations, computed on a scratch embedded PostgreSQL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../embedded-postgres';
import { schemaChangesAfterMigrations } from '../schema-drift';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- PascalCaseName');
    process.exit(2);
  }
  const server = await startEmbeddedPostgres({ dataDir: join(process.cwd(), '.data', 'migration-postgres') });
  const database = `scratch_${Date.now()}`;
  try {
    await ensureDatabase(server.url, database);
    const changes = await schemaChangesAfterMigrations(withDatabase(server.url, database));
    if (changes.up.length === 0) {
      console.log('No changes: entities and migrations agree.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (sql: string) => '        await queryRunner.query(`' + sql.replace(/`/g, '\\`') + '`);';
    const file = join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
    name = '${className}';

    public async up(queryRunner: QueryRunner): Promise<void> {
${changes.up.map(quote).join('\n')}
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
${changes.down.map(quote).join('\n')}
    }
}
`,
    );
    console.log(`Wrote ${file}`);
  } finally {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: withDatabase(server.url, 'postgres') });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
    await client.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
