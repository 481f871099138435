import cluster, { Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { serveClusterMetrics } from '@app/metrics';

/** A process of the cluster tells the primary it is up (migrated, demo loaded, listening). */
export const READY_MESSAGE = 'kehoach:ready';

/** What the primary gives each process on top of its own environment. */
function processEnv(config: AppConfig, index: number): Record<string, string> {
  return {
    DATABASE_URL: config.databaseUrl,
    MIGRATION_DATABASE_URL: config.migrationDatabaseUrl,
    // Every process works in the same mode and listens where the primary was told to; the demo
    // data is loaded once, by the first process (KEHOACH_PROCESS_INDEX 0), before the others start.
    DEMO: config.demo ? '1' : '0',
    HOST: config.host,
    RUN_WORKERS: config.runWorkers && index < config.workerProcesses ? '1' : '0',
    PROCESSES: String(config.processes),
    KEHOACH_PROCESS_INDEX: String(index),
  };
}

/**
 * PROCESSES > 1: this process forks that many copies of the application, which share the port
 * (node:cluster hands out connections), each with its own database pool; it serves nothing
 * itself. The first one migrates and loads the demo before the others start, so that they do
 * not race for it. One that dies is started again; SIGTERM is passed on and waited for.
 */
export async function runClusterPrimary(config: AppConfig, onStopped: () => Promise<void>): Promise<void> {
  const logger = new Logger('Cluster');
  serveClusterMetrics();
  const workers = new Map<number, Worker>();
  let stopping = false;

  const fork = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(processEnv(config, index));
      workers.set(index, worker);
      const onMessage = (message: unknown) => {
        if (message !== READY_MESSAGE) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', (code, signal) => {
        worker.off('message', onMessage);
        workers.delete(index);
        reject(new Error(`process ${index} exited before it was ready (${signal ?? code})`));
        if (stopping) return;
        logger.error(`process ${index} (pid ${worker.process.pid}) exited (${signal ?? code}): starting it again`);
        setTimeout(() => !stopping && fork(index).catch((error: Error) => logger.error(error.message)), 1000).unref();
      });
    });

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping ${workers.size} processes`);
    const exits = [...workers.values()].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
    // Each process bounds its own shutdown; this bounds theirs in case one hangs.
    const hard = setTimeout(
      () => {
        for (const worker of workers.values()) worker.process.kill('SIGKILL');
      },
      (config.shutdownTimeoutSeconds + 15) * 1000,
    );
    await Promise.all(exits);
    clearTimeout(hard);
    await onStopped();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await fork(0);
  await Promise.all(Array.from({ length: config.processes - 1 }, (_, i) => fork(i + 1)));
  logger.log(`${config.processes} processes ${config.serveHttp ? `share ${config.publicUrl}` : 'run the workers (no HTTP)'}`);
}
