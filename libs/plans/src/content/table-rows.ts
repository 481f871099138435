import type { PlanContent, Table, TableCell, TableRow } from './plan-content';
import { timeframeText } from './plan-text';
import { cellByRole, walkBody } from './plan-tree';

/** A table with more columns than a portrait page holds legibly: its appendix prints landscape. */
export const WIDE_TABLE_COLUMNS = 6;

export function isWideTable(table: Table): boolean {
  return table.columns.length >= WIDE_TABLE_COLUMNS;
}

/**
 * A task row's who and when follow its cells (the cells are what is printed): who directs and
 * who carries out are the cells under those columns; the time stays structured while its
 * wording is the cell's, else becomes the cell's text. The bound organizations stay.
 */
export function syncRowTasks(content: Pick<PlanContent, 'parts' | 'appendices'>): void {
  for (const visit of walkBody(content)) {
    if (visit.node.kind !== 'table') continue;
    const table = visit.node;
    for (const row of table.rows) {
      if (!row.task) continue;
      const directedBy = cellByRole(table, row, 'directedBy');
      const carriedOutBy = cellByRole(table, row, 'carriedOutBy');
      const time = cellByRole(table, row, 'timeframe');
      if (directedBy !== null) row.task.directedBy = directedBy || null;
      if (carriedOutBy !== null) row.task.carriedOutBy = carriedOutBy;
      if (time !== null && timeframeText(row.task.timeframe) !== time) row.task.timeframe = { kind: 'text', text: time };
    }
  }
}

/** The index of the cell that covers column `column` in a row, and the column where it starts. */
function cellAt(row: TableRow, column: number): { index: number; start: number } | null {
  let start = 0;
  for (const [index, cell] of row.cells.entries()) {
    if (column < start + cell.colSpan) return { index, start };
    start += cell.colSpan;
  }
  return null;
}

const blankCell = (): TableCell => ({ text: '', colSpan: 1 });

/** A new column at `at` (0 = first); a merged cell that straddles the place grows over it. */
export function insertColumn(table: Table, at: number, column: Table['columns'][number]): void {
  table.columns.splice(at, 0, column);
  for (const row of table.rows) {
    const found = cellAt(row, at);
    const last = row.cells[row.cells.length - 1];
    // A merged cell grows over a column put inside it, or after it at the end (a group row spans the width).
    if (found && found.start < at) row.cells[found.index].colSpan++;
    else if (!found && last && last.colSpan > 1) last.colSpan++;
    else row.cells.splice(found ? found.index : row.cells.length, 0, blankCell());
  }
}

/** Removes column `at`; a merged cell over it shrinks, a single cell goes (a row keeps one cell). */
export function removeColumn(table: Table, at: number): void {
  if (table.columns.length <= 1) return;
  table.columns.splice(at, 1);
  for (const row of table.rows) {
    const found = cellAt(row, at);
    if (!found) continue;
    const cell = row.cells[found.index];
    if (cell.colSpan > 1) cell.colSpan--;
    else row.cells.splice(found.index, 1);
  }
}

/** Swaps column `at` with its right-hand neighbour; rows where either is part of a merged cell keep their cells. */
export function swapColumns(table: Table, at: number): void {
  if (at < 0 || at + 1 >= table.columns.length) return;
  [table.columns[at], table.columns[at + 1]] = [table.columns[at + 1], table.columns[at]];
  for (const row of table.rows) {
    const left = cellAt(row, at);
    const right = cellAt(row, at + 1);
    if (!left || !right || left.index === right.index) continue;
    if (row.cells[left.index].colSpan > 1 || row.cells[right.index].colSpan > 1) continue;
    [row.cells[left.index], row.cells[right.index]] = [row.cells[right.index], row.cells[left.index]];
  }
}

/** A row of empty cells, one per column. */
export function blankRowCells(table: Table): TableCell[] {
  return table.columns.map(blankCell);
}

/** A group row: its first cell ("I"), then one cell over the rest of the width ("Công tác tuyên truyền"). */
export function groupRowCells(table: Table, label: string, title: string): TableCell[] {
  const width = table.columns.length;
  return width === 1
    ? [{ text: [label, title].filter(Boolean).join(' '), colSpan: 1 }]
    : [
        { text: label, colSpan: 1 },
        { text: title, colSpan: width - 1 },
      ];
}

/** A row whose cells merge columns: a group row. */
export function isGroupRow(row: TableRow): boolean {
  return row.cells.some((c) => c.colSpan > 1);
}
