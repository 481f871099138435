import { randomUUID } from 'node:crypto';
import { cleanText } from '@app/common';
import type { BodyNode, Part, Table, TableCell, TableColumn, TableColumnRole, TableRow } from '@app/plans';
import { SourceDocument, SourceLine } from '../readers/source-document';
import { readableText, unwrapEmphasis } from './inline-markup';
import { parseTimeframe } from './timeframe';

/**
 * Tables met in an imported file, whatever it was: a Word table, a Markdown pipe table, or a
 * table copied out of a document as text, each cell on a line of its own. Each is taken out
 * of the line stream and a placeholder line stands where it was; the body parser keeps the
 * placeholder as a paragraph, which `placeTables` then swaps for the table.
 */

/** A table as read: the first row is the header. */
export interface SourceTable {
  rows: { cells: { text: string; colSpan: number }[] }[];
}

const TOKEN = (n: number) => `⟦bảng ${n + 1}⟧.`;
const TOKEN_PATTERN = /^⟦bảng (\d+)⟧\.$/;

/** The placeholder line of table n (0-based) in a line stream. */
export function tableTokenLine(n: number, at: SourceLine): SourceLine {
  return { ...at, text: TOKEN(n), column: null, style: null };
}

/** The index of the table a placeholder paragraph stands for, or null. */
export function tokenTable(text: string): number | null {
  const match = TOKEN_PATTERN.exec(text.trim());
  return match ? Number(match[1]) - 1 : null;
}

/** The document with its text tables (Markdown pipes, one cell per line) replaced by placeholders. */
export function extractTextTables(document: SourceDocument): { document: SourceDocument; tables: SourceTable[] } {
  const tables = [...(document.tables ?? [])];
  if (document.format === 'docx' || document.layout) return { document, tables };
  const out: SourceLine[] = [];
  const lines = document.lines;
  for (let i = 0; i < lines.length;) {
    const found = pipeTable(lines, i) ?? flattenedTable(lines, i);
    if (found) {
      out.push(tableTokenLine(tables.length, lines[i]));
      tables.push(found.table);
      i = found.next;
    } else out.push(lines[i++]);
  }
  return { document: { ...document, lines: out, tables }, tables };
}

const splitPipes = (text: string) =>
  text
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cleanText(cell.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, '\n')));

/** "| TT | Nội dung |" then "|---|---|", then rows. */
function pipeTable(lines: SourceLine[], at: number): { table: SourceTable; next: number } | null {
  const isRow = (l: SourceLine | undefined) => !!l && /^\s*\|.*\|\s*$/.test(l.text);
  if (!isRow(lines[at]) || !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(lines[at + 1]?.text ?? '')) return null;
  const header = splitPipes(lines[at].text);
  const rows: SourceTable['rows'] = [{ cells: header.map((text) => ({ text, colSpan: 1 })) }];
  let i = at + 2;
  for (; isRow(lines[i]); i++) {
    const cells = splitPipes(lines[i].text);
    while (cells.length < header.length) cells.push('');
    rows.push({ cells: cells.slice(0, header.length).map((text) => ({ text, colSpan: 1 })) });
  }
  return { table: { rows: rows.map(mergeGroupRow) }, next: i };
}

/** A row "I | Công tác tuyên truyền | | |" (a text table cannot merge): its empty tail spans the width. */
function mergeGroupRow(row: SourceTable['rows'][number], index: number): SourceTable['rows'][number] {
  const cells = row.cells;
  if (index === 0 || cells.length < 3 || !ROMAN.test(readableText(cells[0].text)) || !cells[1].text) return row;
  if (cells.slice(2).some((c) => c.text)) return row;
  return { cells: [cells[0], { text: cells[1].text, colSpan: cells.length - 1 }] };
}

const ROMAN = /^[IVXL]+\.?$/;
const ARABIC = /^(\d{1,3})\.?$/;
/** Header cells of real task tables (TT, content, lead body, co-operating bodies, time, product, notes...). */
const HEADER_WORDS =
  /^(?:S?TT|Số TT|Nội dung|Nhiệm vụ|Tên nhiệm vụ|Công việc|Cơ quan|Đơn vị|Chủ trì|Phối hợp|Thời gian|Thời hạn|Tiến độ|Sản phẩm|Kết quả|Ghi chú|Kinh phí|Chỉ tiêu|Đơn vị tính|Năm \d{4}|Người|Lãnh đạo|Chỉ đạo|Phụ trách|Hình thức|Số lượng|Dự kiến)/iu;

/**
 * A table copied as text, one cell per line: "TT", then header lines, then rows that open with
 * their number ("1", "2"... or a Roman numeral for a group row: number and title). A row has as
 * many lines as the header; fewer are empty cells at its end, more are continuation lines.
 */
function flattenedTable(lines: SourceLine[], at: number): { table: SourceTable; next: number } | null {
  const visible = (i: number) => readableText(lines[i]?.text ?? '');
  if (!/^(?:S?TT|Số TT)$/iu.test(visible(at))) return null;
  const header: string[] = [lines[at].text.trim()];
  let i = at + 1;
  for (; i < lines.length; i++) {
    const v = visible(i);
    if (!v) continue;
    if (ROMAN.test(v) || ARABIC.test(v) || !HEADER_WORDS.test(v)) break;
    header.push(cleanText(lines[i].text));
  }
  const width = header.length;
  if (width < 3) return null;
  const rows: SourceTable['rows'] = [{ cells: header.map((text) => ({ text, colSpan: 1 })) }];
  let lastArabic = 0;
  let lastRoman = 0;
  const opensRow = (v: string) => {
    if (ROMAN.test(v)) return romanValue(v.replace('.', '')) === lastRoman + 1;
    const arabic = ARABIC.exec(v);
    return !!arabic && (Number(arabic[1]) === lastArabic + 1 || Number(arabic[1]) === 1);
  };
  while (i < lines.length) {
    while (i < lines.length && !visible(i)) i++;
    const v = visible(i);
    if (!v || !opensRow(v)) break;
    const number = cleanText(lines[i].text);
    i++;
    if (ROMAN.test(v)) {
      lastRoman++;
      lastArabic = 0;
      while (i < lines.length && !visible(i)) i++;
      const title = i < lines.length && !opensRow(visible(i)) ? cleanText(lines[i++].text) : '';
      rows.push({
        cells: [
          { text: number, colSpan: 1 },
          { text: title, colSpan: width - 1 },
        ],
      });
      continue;
    }
    lastArabic = Number(ARABIC.exec(v)![1]);
    const cells: string[] = [];
    for (; i < lines.length; i++) {
      const cell = visible(i);
      if (!cell) continue;
      // A row ends at the next row's number; once full, at a line that does not continue its last cell.
      if (cells.length >= 1 && opensRow(cell)) break;
      if (cells.length < width - 1) cells.push(cleanText(lines[i].text));
      else if (/^[\p{Ll}\-+–]/u.test(cell)) cells[cells.length - 1] += `\n${cleanText(lines[i].text)}`;
      else break;
    }
    while (cells.length < width - 1) cells.push('');
    rows.push({ cells: [number, ...cells].map((text) => ({ text, colSpan: 1 })) });
  }
  return rows.length > 1 ? { table: { rows }, next: i } : null;
}

function romanValue(roman: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let k = 0; k < roman.length; k++) {
    const v = values[roman[k]];
    total += v < (values[roman[k + 1]] ?? 0) ? -v : v;
  }
  return total;
}

/** What a header cell says its column holds. */
export function columnRole(title: string): TableColumnRole | null {
  const t = readableText(title).toLocaleLowerCase('vi');
  if (/^(?:s?tt|số tt|số thứ tự)$/.test(t)) return 'number';
  if (/thời gian|thời hạn|tiến độ/.test(t)) return 'timeframe';
  if (/phối hợp/.test(t)) return 'cooperating';
  if (/chỉ đạo|phụ trách|lãnh đạo/.test(t)) return 'directedBy';
  if (/chủ trì|thực hiện|tham mưu|cơ quan|đơn vị/.test(t)) return 'carriedOutBy';
  if (/sản phẩm|kết quả/.test(t)) return 'product';
  if (/ghi chú/.test(t)) return 'note';
  if (/nội dung|nhiệm vụ|công việc|tên/.test(t)) return 'content';
  return null;
}

/**
 * A read table as content: the header row's cells become the columns (with their roles), merged
 * cells keep their span, and where the table says who carries out and when, each row with a
 * lead body is a task (what the cascade and the reports read).
 */
export function tableFromSource(source: SourceTable): Table {
  const [header, ...rows] = source.rows;
  // The header row and group rows print bold by convention: that weight is not the text's markup.
  const plain = (text: string) => text.split('\n').map(unwrapEmphasis).join('\n');
  const titles = header.cells.flatMap((c) => [plain(c.text), ...Array.from({ length: c.colSpan - 1 }, () => '')]);
  const columns: TableColumn[] = titles.map((title) => ({ id: randomUUID(), title, role: columnRole(title) }));
  const table: Table = { kind: 'table', id: randomUUID(), caption: null, columns, rows: [] };
  const width = columns.length;
  const taskTable = columns.some((c) => c.role === 'carriedOutBy') && columns.some((c) => c.role === 'timeframe');
  for (const row of rows) {
    const group = row.cells.some((c) => c.colSpan > 1);
    let cells: TableCell[] = row.cells.map((c) => ({ text: group ? plain(c.text) : c.text, colSpan: Math.max(1, c.colSpan) }));
    const used = cells.reduce((sum, c) => sum + c.colSpan, 0);
    if (used < width) cells.push(...Array.from({ length: width - used }, () => ({ text: '', colSpan: 1 })));
    if (used > width) cells = fitCells(cells, width);
    if (cells.every((c) => !c.text)) continue;
    const tableRow: TableRow = { id: randomUUID(), cells, task: null };
    table.rows.push(tableRow);
    if (taskTable && cells.length === width) tableRow.task = rowTask(table, tableRow);
  }
  return table;
}

/** Cells past the width (a ragged row) join the last cell that fits. */
function fitCells(cells: TableCell[], width: number): TableCell[] {
  const out: TableCell[] = [];
  let used = 0;
  for (const cell of cells) {
    if (used + cell.colSpan <= width) {
      out.push({ ...cell });
      used += cell.colSpan;
    } else if (out.length) out[out.length - 1].text = [out[out.length - 1].text, cell.text].filter(Boolean).join('\n');
  }
  return out.length ? out : [{ text: '', colSpan: width }];
}

function rowTask(table: Table, row: TableRow): TableRow['task'] {
  const cell = (role: TableColumnRole) => {
    const at = table.columns.findIndex((c) => c.role === role);
    return at < 0 ? null : row.cells[at].text;
  };
  const carriedOutBy = cell('carriedOutBy');
  if (!carriedOutBy) return null;
  const time = cell('timeframe') ?? '';
  return {
    directedBy: cell('directedBy') || null,
    carriedOutBy,
    assigneeOrganizationIds: [],
    timeframe: time ? withCellWording(parseTimeframe(time), time) : { kind: 'text', text: '' },
  };
}

/** The timeframe keeps the cell's wording, so that the row prints as it was written. */
function withCellWording(timeframe: ReturnType<typeof parseTimeframe>, cell: string): ReturnType<typeof parseTimeframe> {
  return timeframe.kind === 'text' ? { kind: 'text', text: cell } : { ...timeframe, text: cell };
}

/** Placeholder paragraphs swapped for their tables, wherever they ended up. */
export function placeTables(nodes: BodyNode[], tables: Table[]): BodyNode[] {
  return nodes.map((node) => {
    if (node.kind === 'paragraph') {
      const n = tokenTable(node.text);
      return n !== null && tables[n] ? tables[n] : node;
    }
    if (node.kind === 'item') return { ...node, children: placeTables(node.children, tables) };
    return node;
  });
}

export function placeTablesInParts(parts: Part[], tables: Table[]): Part[] {
  return parts.map((part) => ({ ...part, children: placeTables(part.children, tables) }));
}

/** A placeholder where no table may stand (preamble, closing): the table's rows as text, and a warning. */
export function tableAsText(text: string, tables: Table[], report: { warn(message: string): void }): string {
  const n = tokenTable(text);
  const table = n === null ? undefined : tables[n];
  if (!table) return text;
  report.warn(
    'Có bảng nằm ngoài các phần (trước phần I hoặc sau đoạn kết): nội dung bảng được giữ thành đoạn văn, hãy chuyển vào một phần hoặc phụ lục.',
  );
  const rows = [table.columns.map((c) => c.title), ...table.rows.map((r) => r.cells.map((c) => c.text))];
  return rows.map((cells) => cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')).join('; ');
}

/** Lines that are only a table placeholder, for the report. */
export function isTableToken(line: SourceLine): boolean {
  return tokenTable(line.text) !== null;
}
