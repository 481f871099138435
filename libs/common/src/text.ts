/** Text as stored: Unicode NFC, surrounding white space trimmed, inner runs of spaces collapsed. */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** Lower case without diacritics, đ as d: what a search for "dan chu" matches against. */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares names in Vietnamese alphabetical order (a ă â b c d đ e ê ...). */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

/** PostgreSQL's ICU collation for Vietnamese, for ORDER BY on names. */
export const VIETNAMESE_COLLATION = '"vi-VN-x-icu"';

/** Deep-normalizes every string in a JSON value (NFC, trimmed). */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanJson(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = cleanJson(item);
    return out as T;
  }
  return value;
}
