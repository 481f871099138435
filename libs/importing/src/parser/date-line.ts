import { isValidIsoDate } from '@app/common';

export interface ParsedDateLine {
  place: string | null;
  /** ISO date, or null when day or month is blank (a draft). */
  date: string | null;
  year: number | null;
}

const BLANK = '[.…_\\s]*';
const DATE_LINE = new RegExp(
  `^(?:(.*?)\\s*,\\s*)?ngày\\s*(\\d{1,2}|${BLANK})\\s*tháng\\s*(\\d{1,2}|${BLANK})\\s*năm\\s*(\\d{4}|${BLANK})\\s*$`,
  'iu',
);

/** "Bình Định, ngày 24 tháng 01 năm 2024"; "Đức Phổ, ngày    tháng    năm 2023" (a draft). */
export function parseDateLine(visible: string): ParsedDateLine | null {
  const match = DATE_LINE.exec(visible.trim());
  if (!match) return null;
  const [, place, day, month, year] = match;
  const y = /^\d{4}$/.test(year) ? Number(year) : null;
  let date: string | null = null;
  if (y && /^\d+$/.test(day) && /^\d+$/.test(month)) {
    const iso = `${y}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isValidIsoDate(iso)) date = iso;
  }
  return { place: place?.trim() || null, date, year: y };
}

/** "21/3/2024" or "21-3-2024" to ISO; null when not a valid date. */
export function citedDateToIso(day: string, month: string, year: string): string | null {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}
