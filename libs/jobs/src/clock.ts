import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { toIsoDate, vietnamDate } from '@app/common';

type AdvanceListener = (ms: number) => Promise<void>;

/**
 * The application's notion of now. Deadlines, reminders and audit times read it, never
 * Date.now() directly, so that tests (and demos, with CLOCK_ADJUSTABLE=1) can move time
 * forward without sleeping: the job queue moves its scheduled jobs by the same amount.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private readonly listeners: AdvanceListener[] = [];

  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today in Vietnam (UTC+7), YYYY-MM-DD: what validity dates of authorities compare against. */
  today(): string {
    return toIsoDate(vietnamDate(this.now()));
  }

  /** How far the application's time is ahead of the machine's (0 in production). */
  get offset(): number {
    return this.offsetMs;
  }

  /** Called with the amount of every advance (the job queue moves its pending jobs). */
  onAdvance(listener: AdvanceListener): void {
    this.listeners.push(listener);
  }

  /** Moves time forward; refused unless the configuration allows it. */
  async advance(ms: number): Promise<void> {
    if (!this.config.clockAdjustable) throw new Error('the clock may only be moved with CLOCK_ADJUSTABLE=1 (tests and demos)');
    if (!Number.isFinite(ms) || ms <= 0) throw new Error('the clock only moves forward');
    this.offsetMs += ms;
    for (const listener of this.listeners) await listener(ms);
  }
}

export const DAY_MS = 24 * 3600_000;
