/**
 * Dates as Vietnamese official documents write them (domain.md, "Place and date line").
 * Days 1-9 and months 1-2 take a leading zero in the date line; cited dates are d/m/yyyy.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** The calendar date in Vietnam (UTC+7) of an instant. */
export function vietnamDate(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function isValidIsoDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() + 1 === Number(match[2]) && date.getUTCDate() === Number(match[3]);
}

export function toIsoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** "ngày 05 tháng 3 năm 2024", "ngày 24 tháng 01 năm 2024". */
export function dateLinePhrase(date: CalendarDate): string {
  const { day, month } = dateLineNumbers(date);
  return `ngày ${day} tháng ${month} năm ${date.year}`;
}

/** Day and month as the date line prints them: a day below 10 and the months 1 and 2 with a leading 0. */
export function dateLineNumbers(date: CalendarDate): { day: string; month: string } {
  return { day: String(date.day).padStart(2, '0'), month: date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month) };
}

/** The whole italic line: "Bình Định, ngày 24 tháng 01 năm 2024"; a draft leaves day and month blank. */
export function placeDateLine(place: string, date: CalendarDate | null, draftYear?: number): string {
  if (!date) return `${place}, ngày     tháng     năm ${draftYear ?? ''}`.trimEnd();
  return `${place}, ${dateLinePhrase(date)}`;
}

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

/** A date cited inside the body: "21/3/2024". */
export function citedDate(date: CalendarDate): string {
  return `${date.day}/${date.month}/${date.year}`;
}

/** "24/01/2024" style for tables and the web UI. */
export function shortDate(date: CalendarDate): string {
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`;
}

/** The first working day on or after the Vietnam date of `instant` (weekends and configured holidays skipped). */
export function issuanceDate(instant: Date, holidays: readonly string[] = []): string {
  const day = vietnamDate(instant);
  const cursor = new Date(Date.UTC(day.year, day.month - 1, day.day));
  const off = new Set(holidays);
  while (cursor.getUTCDay() === 0 || cursor.getUTCDay() === 6 || off.has(cursor.toISOString().slice(0, 10))) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return cursor.toISOString().slice(0, 10);
}

/** The year a plan signed at that instant is dated: a signature on Saturday 31 December dates it in January. */
export function issuanceYear(instant: Date, holidays: readonly string[] = []): number {
  return parseIsoDate(issuanceDate(instant, holidays)).year;
}
