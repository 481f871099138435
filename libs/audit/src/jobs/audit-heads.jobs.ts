import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { Clock, DAY_MS, defineJob, JobsService } from '@app/jobs';
import { AuditHeadsService } from '../services/audit-heads.service';

export interface SignHeadsJob {
  /** The Vietnamese day (YYYY-MM-DD) whose round this is: one job per day, whoever enqueues it. */
  day: string;
}

/** Once a day: sign the head of every audit chain that moved since its last signed head. */
export const SIGN_AUDIT_HEADS_JOB = defineJob<SignHeadsJob>({
  name: 'audit_sign_heads',
  version: 1,
  schema: {
    type: 'object',
    properties: { day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    required: ['day'],
    additionalProperties: false,
  },
});

/** The next midnight in Vietnam (UTC+7) after `now`, and its day. */
export function nextVietnamMidnight(now: Date): { day: string; at: Date } {
  const offset = 7 * 3600_000;
  const at = new Date(Math.floor((now.getTime() + offset) / DAY_MS + 1) * DAY_MS - offset);
  return { day: new Date(at.getTime() + offset).toISOString().slice(0, 10), at };
}

/**
 * The daily signing of the chains' heads, a job in the durable queue: each run signs and
 * schedules the next day's (keyed by its day, so the processes of a cluster schedule it once).
 */
@Injectable()
export class AuditHeadsJobs implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly heads: AuditHeadsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(SIGN_AUDIT_HEADS_JOB, (data) => this.run(data));
    if (this.config.runWorkers) await this.scheduleNext();
  }

  async run(data: SignHeadsJob): Promise<Record<string, unknown>> {
    const signed = await this.heads.signMovedStreams('daily');
    await this.scheduleNext();
    return { day: data.day, signed };
  }

  private async scheduleNext(): Promise<void> {
    const next = nextVietnamMidnight(this.clock.now());
    await this.jobs.enqueue(this.dataSource.manager, SIGN_AUDIT_HEADS_JOB, { day: next.day }, { startAfter: next.at, key: `day:${next.day}` });
  }
}
