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

/** Calendar arithmetic on ISO dates (no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const shifted = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
