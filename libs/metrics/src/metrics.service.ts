import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { JOBS_SCHEMA, JobsService } from '@app/jobs';
import { clusterExposition, shareWithCluster } from './cluster-metrics';

/** Seconds: from a cached page (1 ms) to a long PDF (tens of seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RENDER_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/**
 * The operator's figures, in the Prometheus format. Two registries: what each process counts
 * (merged over the processes of a cluster when scraped) and what the database says (queue depth
 * and job age, read once per scrape by the process that answers).
 */
@Injectable()
export class MetricsService {
  readonly processRegistry = new Registry();
  private readonly databaseRegistry = new Registry();

  /** Events sent to plans over the API, by event and outcome (applied, refused, stale...). */
  readonly transitions = this.counter('kehoach_transitions_total', 'Workflow events sent to plans, by event and outcome', ['event', 'outcome']);
  readonly requestDuration = this.histogram(
    'kehoach_http_request_duration_seconds',
    'HTTP request latency by route (the route pattern, not the path), method and status class',
    ['method', 'route', 'status'],
    LATENCY_BUCKETS,
  );
  readonly renderDuration = this.histogram('kehoach_render_duration_seconds', 'Chromium printing one document to PDF', ['outcome'], RENDER_BUCKETS);
  readonly signatureDuration = this.histogram('kehoach_signature_duration_seconds', 'PAdES signature of one issued PDF', ['outcome'], RENDER_BUCKETS);
  readonly deliveries = this.counter(
    'kehoach_delivery_attempts_total',
    'Delivery attempts by channel and outcome (delivered, failed, dead, skipped)',
    ['channel', 'outcome'],
  );
  readonly jobRuns = this.counter('kehoach_jobs_total', 'Job runs by queue and outcome', ['queue', 'outcome']);

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    jobs: JobsService,
  ) {
    shareWithCluster(this.processRegistry);
    jobs.onOutcome(async ({ job, outcome }) => void this.jobRuns.inc({ queue: job.queue, outcome }));
    const pool = () => (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    new Gauge({
      name: 'kehoach_db_pool_connections',
      help: 'Connections of the database pool, by state (in use, idle, clients waiting for one)',
      labelNames: ['state'] as const,
      registers: [this.processRegistry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    const queueRows = () =>
      this.dataSource.query(
        `SELECT name, state::text AS state, count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_on)), 0)::float AS age
           FROM ${JOBS_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      ) as Promise<{ name: string; state: string; n: number; age: number }[]>;
    let pending: Promise<{ name: string; state: string; n: number; age: number }[]> | null = null;
    // One query per scrape feeds both gauges.
    const rows = () => (pending ??= queueRows().finally(() => setImmediate(() => (pending = null))));
    const queueGauge = (name: string, help: string, figure: 'n' | 'age') =>
      new Gauge({
        name,
        help,
        labelNames: ['queue', 'state'] as const,
        registers: [this.databaseRegistry],
        async collect() {
          this.reset();
          for (const r of await rows()) this.set({ queue: r.name, state: r.state }, r[figure]);
        },
      });
    queueGauge('kehoach_queue_jobs', 'Jobs waiting (created, retry) or running (active), by queue', 'n');
    queueGauge('kehoach_queue_oldest_job_age_seconds', 'Age of the oldest job waiting or running, by queue and state', 'age');
  }

  /** A counter of this process (merged over a cluster's processes when scraped). */
  private counter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.processRegistry] });
  }

  /** A histogram of this process, in seconds. */
  private histogram<Label extends string>(name: string, help: string, labelNames: readonly Label[], buckets: number[]): Histogram<Label> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.processRegistry] });
  }

  get enabled(): boolean {
    return this.config.metricsToken !== '';
  }

  /** Whether the Authorization header carries METRICS_TOKEN (compared in constant time). */
  authorized(header: string | undefined): boolean {
    if (!this.enabled || !header) return false;
    const given = Buffer.from(header.replace(/^bearer\s+/i, ''));
    const expected = Buffer.from(this.config.metricsToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The exposition text: every process's figures (all of a cluster's), then the database's. */
  async exposition(): Promise<string> {
    const processes = await clusterExposition(this.processRegistry);
    return `${processes.trimEnd()}\n${await this.databaseRegistry.metrics()}`;
  }

  get contentType(): string {
    return this.processRegistry.contentType;
  }

  /** Times `fn` into a histogram (seconds), labelled by whether it threw. */
  async time<T>(histogram: Histogram<'outcome'>, fn: () => Promise<T>): Promise<T> {
    const end = histogram.startTimer();
    try {
      const result = await fn();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }
}
