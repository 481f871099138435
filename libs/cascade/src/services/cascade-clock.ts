import { toIsoDate, vietnamDate } from '@app/common';

/** The application's notion of now; tests move it to make deadlines pass without sleeping. */
export interface NowSource {
  now(): Date;
}

/** Today in Vietnam (UTC+7), as an ISO date: what due dates and report deadlines compare against. */
export function vietnamToday(clock: NowSource): string {
  return toIsoDate(vietnamDate(clock.now()));
}

/** Injection token of the clock the cascade reads (bound to the application's clock by CascadeModule). */
export const CASCADE_CLOCK = Symbol('CASCADE_CLOCK');
