import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { DeliveryRunnerService } from './delivery-runner.service';
import { DistributionProgressService } from './distribution-progress.service';
import { runAll } from './run-all';

const BATCH = 500;

/**
 * The safety net under the job queue: every DELIVERY_SWEEP_SECONDS it attempts the deliveries
 * that are overdue by more than that (their job was lost with a process that died, or the queue
 * is behind) and those whose claim expired in the middle of an attempt (a worker killed while
 * sending), and it moves on plans whose last delivery ended just before a crash. The runner's
 * claim makes a sweep and a job racing for one delivery harmless.
 */
@Injectable()
export class DeliverySweeperService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Distribution');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: DeliveryRunnerService,
    private readonly progress: DistributionProgressService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => this.tick(), this.config.deliverySweepSeconds * 1000);
    this.timer.unref();
    // After a crash, what this process left queued is overdue already: do not wait a period.
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Attempts what is overdue by more than `graceSeconds`; returns how many it attempted. */
  async sweep(graceSeconds = this.config.deliverySweepSeconds): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM delivery
        WHERE (status IN ('queued', 'failed') AND next_attempt_at <= now() - make_interval(secs => $1) AND (claimed_until IS NULL OR claimed_until < now()))
           OR (status = 'sent' AND claimed_until < now())
        ORDER BY next_attempt_at NULLS FIRST
        LIMIT $2`,
      [graceSeconds, BATCH],
    );
    await runAll(
      rows.map((r) => r.id),
      this.config.deliveryConcurrency,
      (id) => this.runner.attempt(id),
    );
    await this.progress.settleForgotten();
    return rows.length;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then((n) => n && this.logger.log({ sweep: n }, 'overdue deliveries attempted'))
      .catch((error) => this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'sweep failed'))
      .finally(() => (this.running = null));
  }
}
