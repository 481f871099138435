import { CalendarDate, parseIsoDate, toIsoDate } from '@app/common';

/**
 * A document's date as cited inside a body, as the seeds write it: the day with two digits, the
 * month with a leading zero for January and February only, like the date line
 * ("ngày 02/01/2024", "ngày 24/01/2024", "ngày 21/3/2024", "ngày 03/6/2013").
 */
export function citedDocumentDate(date: CalendarDate): string {
  const day = String(date.day).padStart(2, '0');
  const month = date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month);
  return `${day}/${month}/${date.year}`;
}

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
