import { toIsoDate, vietnamDate } from '@app/common';

/** Today in Vietnam (UTC+7), as an ISO date: what due dates and report deadlines compare against. */
export function vietnamToday(clock: { now(): Date }): string {
  return toIsoDate(vietnamDate(clock.now()));
}
