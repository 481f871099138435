import { type CalendarDate, parseIsoDate, toIsoDate } from '@app/common';

/** Kept here for the cascade's callers; the rule lives in @app/common (the appendix line uses it too). */
export { citedDocumentDate } from '@app/common';

/** A date as a summary line cites it: dd/mm/yyyy, both with two digits ("24/01/2024"). */
export function fullDocumentDate(date: CalendarDate): string {
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`;
}

/** The same day and month a number of years on (29 February becomes the 28th in a common year). */
export function addYears(iso: string, years: number): string {
  const d = parseIsoDate(iso);
  const lastDay = new Date(Date.UTC(d.year + years, d.month, 0)).getUTCDate();
  return toIsoDate({ year: d.year + years, month: d.month, day: Math.min(d.day, lastDay) });
}

/** Calendar arithmetic on ISO dates (no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const shifted = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
