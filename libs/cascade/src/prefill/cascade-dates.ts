import { parseIsoDate, toIsoDate } from '@app/common';

/** Kept here for the cascade's callers; the rule lives in @app/common (the appendix line uses it too). */
export { citedDocumentDate } from '@app/common';

/** Calendar arithmetic on ISO dates (no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const shifted = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
