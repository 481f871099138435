import type { Table } from '@app/plans';
import { isWideTable } from '@app/plans';

/** A table as templates/shared/table.hbs prints it: every string already safe HTML. */
export interface TableView {
  id: string;
  caption: string;
  /** `role` names the column's class: the content column is given the room it needs. */
  columns: { html: string; role: string }[];
  rows: { id: string; group: boolean; cells: { html: string; colSpan: number; center: boolean; role: string }[] }[];
  wide: boolean;
}

/** Short columns (TT, time) are centred, as real task matrices print them. */
const CENTRED_ROLES = new Set(['number', 'timeframe']);

/** The view of a table; `inline` turns a cell's markup into HTML, `\n` into line breaks. */
export function tableView(table: Table, inline: (text: string) => string): TableView {
  const cellHtml = (text: string) => text.split('\n').map(inline).join('<br>');
  return {
    id: table.id,
    caption: table.caption ? inline(table.caption) : '',
    columns: table.columns.map((c) => ({ html: cellHtml(c.title), role: c.role ?? 'other' })),
    rows: table.rows.map((row) => {
      let at = 0;
      const cells = row.cells.map((cell) => {
        const role = cell.colSpan === 1 ? table.columns[at]?.role : null;
        at += cell.colSpan;
        return {
          html: cellHtml(cell.text),
          colSpan: cell.colSpan,
          center: !!role && CENTRED_ROLES.has(role),
          role: cell.colSpan === 1 ? (role ?? 'other') : 'group',
        };
      });
      return { id: row.id, group: row.cells.some((c) => c.colSpan > 1), cells };
    }),
    wide: isWideTable(table),
  };
}
