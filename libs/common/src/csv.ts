/**
 * One cell of a CSV file people open in a spreadsheet: a cell starting with = + - @ (or a tab
 * or carriage return) would be read as a formula, so it gets a leading apostrophe; cells with
 * quotes, separators or line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
