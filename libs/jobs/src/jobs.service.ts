import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { Clock } from './clock';
import { JobDefinition, payloadProblems } from './job-definition';

export const JOBS_SCHEMA = 'pgboss';

export interface EnqueueOptions {
  /** When the job may run, in the application's time (Clock). */
  startAfter?: Date;
  /**
   * Makes the enqueue idempotent: the job id is derived from the queue and this key, so a
   * second enqueue with the same key (a handler run twice) writes nothing and returns null.
   */
  key?: string;
  retryLimit?: number;
}

export interface JobContext {
  id: string;
  queue: string;
  /** 1 for the first run, 2 for the first retry... */
  attempt: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown>;

export interface JobOutcome {
  job: JobContext;
  data: unknown;
  outcome: 'completed' | 'failed' | 'rejected';
  /** The handler's result, or the error message. */
  detail: unknown;
  /** Whether the queue will try again after this failure. */
  willRetry: boolean;
}

export type JobOutcomeListener = (outcome: JobOutcome) => Promise<void>;

/**
 * The durable job queue: pg-boss on the application's PostgreSQL, in its own `pgboss` schema
 * (created and migrated by pg-boss at start). A job is written in the caller's transaction,
 * so it exists exactly when the state change that asked for it commits. Handlers run at
 * least once and must be idempotent.
 */
@Injectable()
export class JobsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();
  private readonly workers = new Map<string, string>();
  private readonly outcomeListeners: JobOutcomeListener[] = [];
  private started = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'kehoach-jobs',
      max: 4,
      migrate: true,
      // Maintenance (expiring lost runs, archiving) only where workers run; no cron schedules.
      supervise: config.runWorkers,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.error({ message: 'job queue error', error: error.message }));
    clock.onAdvance((ms) => this.moveScheduledJobs(ms));
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Starts pg-boss once (creating or migrating its schema); other modules may call it before our init hook ran. */
  start(): Promise<void> {
    this.starting ??= this.boss.start().then(() => {
      this.started = true;
    });
    return this.starting;
  }

  /**
   * Closing (SIGTERM): take no new job, let the running ones finish for at most
   * SHUTDOWN_TIMEOUT_SECONDS (then they are failed and retried elsewhere). Before the shutdown
   * hooks, so that the database connections the handlers use are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: this.config.shutdownTimeoutSeconds * 1000 });
    // pg-boss removes its stopped workers in a loop of its own that checks once a second, after
    // stop() resolved: give it that turn, so that nothing of the queue runs once the application has closed.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }

  /** Creates the job's queue (idempotent): before its first enqueue, at module start. */
  async define(definition: JobDefinition<unknown>): Promise<void> {
    if (this.queues.has(definition.queue)) return;
    await this.start();
    if (!(await this.boss.getQueue(definition.queue))) {
      try {
        await this.boss.createQueue(definition.queue, {
          name: definition.queue,
          retryLimit: definition.retryLimit,
          retryDelay: definition.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds,
        });
      } catch (error) {
        // Another process created it at the same moment.
        if (!(await this.boss.getQueue(definition.queue))) throw error;
      }
    }
    this.queues.add(definition.queue);
  }

  /**
   * Writes a job in the caller's transaction: it exists if and only if that transaction
   * commits. Returns the job id, or null when the job with the same key was already written.
   */
  async enqueue<T>(manager: EntityManager, definition: JobDefinition<T>, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.queues.has(definition.queue)) throw new Error(`job ${definition.queue} is enqueued before being defined (JobsService.define)`);
    const problems = payloadProblems(definition as JobDefinition<unknown>, data);
    if (problems.length) throw new Error(`job ${definition.queue}: invalid payload: ${problems.join('; ')}`);
    return this.boss.send(definition.queue, data as object, {
      startAfter: options.startAfter ? this.queueTime(options.startAfter) : undefined,
      id: options.key ? keyedJobId(definition.queue, options.key) : undefined,
      retryLimit: options.retryLimit ?? definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: rowsOf(await manager.query(text, values)) }) },
    });
  }

  /**
   * Runs the handler for every job of this kind (in this process only when RUN_WORKERS is on).
   * A payload that fails validation is rejected without retry; a handler error is retried.
   */
  async work<T>(definition: JobDefinition<T>, handler: JobHandler<T>): Promise<void> {
    await this.define(definition as JobDefinition<unknown>);
    if (!this.config.runWorkers || this.workers.has(definition.queue)) return;
    const id = await this.boss.work<T>(definition.queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 2 }, async ([job]) => {
      const context: JobContext = { id: job.id, queue: definition.queue, attempt: job.retryCount + 1, retryLimit: job.retryLimit };
      const problems = payloadProblems(definition as JobDefinition<unknown>, job.data);
      if (problems.length) {
        this.logger.error({ message: 'job payload rejected', queue: definition.queue, id: job.id, problems });
        await this.report({ job: context, data: job.data, outcome: 'rejected', detail: problems, willRetry: false });
        return { rejected: problems };
      }
      try {
        const result = await handler(job.data, context);
        await this.report({ job: context, data: job.data, outcome: 'completed', detail: result ?? null, willRetry: false });
        return result ?? null;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn({ message: 'job failed', queue: definition.queue, id: job.id, attempt: context.attempt, error: message });
        await this.report({ job: context, data: job.data, outcome: 'failed', detail: message, willRetry: job.retryCount < job.retryLimit });
        throw error;
      }
    });
    this.workers.set(definition.queue, id);
  }

  /** Whether this process runs handlers of this job kind. */
  isWorking(definition: JobDefinition<unknown>): boolean {
    return this.workers.has(definition.queue);
  }

  /** Listeners told of every job outcome (the audit trail records those about plans). */
  onOutcome(listener: JobOutcomeListener): void {
    this.outcomeListeners.push(listener);
  }

  /** Wakes this process's workers of these queues now (after the transaction that wrote jobs commits). */
  wake(queues: string[] = [...this.workers.keys()]): void {
    for (const queue of queues) {
      const id = this.workers.get(queue);
      if (id) this.boss.notifyWorker(id);
    }
  }

  /** A job by id, with its state (for tests, the admin and support). */
  async find(definition: JobDefinition<unknown>, id: string) {
    return this.boss.getJobById(definition.queue, id, { includeArchive: true });
  }

  /** The jobs of a queue written for a plan (payload field planId), newest first. */
  async jobsOfPlan(
    manager: EntityManager,
    queue: string,
    planId: string,
  ): Promise<{ id: string; state: string; data: unknown; startAfter: Date; output: unknown }[]> {
    return manager.query(
      `SELECT id, state, data, start_after AS "startAfter", output FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND data->>'planId' = $2
       UNION ALL SELECT id, state, data, start_after, output FROM ${JOBS_SCHEMA}.archive WHERE name = $1 AND data->>'planId' = $2
       ORDER BY "startAfter" DESC`,
      [queue, planId],
    );
  }

  /** Application time (which tests may move ahead) to the database's time that the queue compares with. */
  private queueTime(appTime: Date): Date {
    return new Date(appTime.getTime() - this.clock.offset);
  }

  /** The clock moved forward: jobs scheduled within that span become due now, as they would have. */
  private async moveScheduledJobs(ms: number): Promise<void> {
    await this.boss
      .getDb()
      .executeSql(`UPDATE ${JOBS_SCHEMA}.job SET start_after = start_after - $1 * interval '1 millisecond' WHERE state IN ('created', 'retry')`, [
        ms,
      ]);
    this.wake();
  }

  private async report(outcome: JobOutcome): Promise<void> {
    for (const listener of this.outcomeListeners) {
      try {
        await listener(outcome);
      } catch (error) {
        this.logger.error({
          message: 'job outcome listener failed',
          queue: outcome.job.queue,
          id: outcome.job.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}

/** TypeORM's query() gives rows for INSERT/SELECT and [rows, count] for UPDATE/DELETE. */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}

/** A UUID derived from the queue and a key: the same key always names the same job. */
export function keyedJobId(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
