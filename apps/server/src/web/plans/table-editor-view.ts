import type { Table } from '@app/plans';
import { TABLE_COLUMN_ROLES } from '@app/plans';

/** What each column role is called in the editor. */
const ROLE_NAMES: Record<string, string> = {
  '': '(không rõ)',
  number: 'Số thứ tự',
  content: 'Nội dung',
  directedBy: 'Chỉ đạo',
  carriedOutBy: 'Chủ trì, thực hiện',
  cooperating: 'Phối hợp',
  timeframe: 'Thời gian',
  product: 'Sản phẩm',
  note: 'Ghi chú',
};

/** The editor's model of one table: the header row to name and order, rows of cells to fill in. */
export function tableEditorView(table: Table, errors: Record<string, string>) {
  const p = `b.${table.id}`;
  const hasTaskColumns = table.columns.some((c) => c.role === 'carriedOutBy');
  return {
    id: table.id,
    caption: table.caption ?? '',
    width: table.columns.length,
    hasTaskColumns,
    columns: table.columns.map((c, i, all) => ({
      id: c.id,
      index: i,
      title: c.title,
      titleField: `${p}.col.${c.id}.title`,
      roleField: `${p}.col.${c.id}.role`,
      roles: ['', ...TABLE_COLUMN_ROLES].map((code) => ({ code, name: ROLE_NAMES[code], selected: (c.role ?? '') === code })),
      first: i === 0,
      last: i === all.length - 1,
      err: errors[`${p}.col.${c.id}.title`],
    })),
    rows: table.rows.map((row, r, all) => {
      let at = 0;
      const cells = row.cells.map((cell, k) => {
        const title = table.columns[at]?.title || `Cột ${at + 1}`;
        at += cell.colSpan;
        return {
          name: `${p}.r.${row.id}.c${k}`,
          spanName: `${p}.r.${row.id}.s${k}`,
          text: cell.text,
          colSpan: cell.colSpan,
          label: `Hàng ${r + 1}, ${title}`,
          err: errors[`${p}.r.${row.id}.c${k}`],
        };
      });
      return {
        id: row.id,
        number: r + 1,
        n: row.cells.length,
        countName: `${p}.r.${row.id}.n`,
        taskName: `${p}.r.${row.id}.task`,
        taskJson: row.task ? JSON.stringify(row.task) : '',
        isTask: !!row.task,
        group: row.cells.some((c) => c.colSpan > 1),
        // A group row ("I | title") is never a task; a row is one only where the table says who carries out.
        canBeTask: hasTaskColumns && row.cells.every((c) => c.colSpan === 1),
        cells,
        first: r === 0,
        last: r === all.length - 1,
        err: errors[`${p}.r.${row.id}`],
      };
    }),
  };
}
