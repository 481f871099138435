import type { Appendix, PlanContent, Table, TableColumn } from '@app/plans';
import { blankRowCells, groupRowCells, insertColumn, removeColumn, swapColumns, walkBody } from '@app/plans';

/**
 * The editor's table and appendix buttons: `table|<verb>|<table id>|<arg>` for columns and
 * rows, `appendix|add`. Pure, like plan-ops: returns the id to focus.
 */

type NewId = (prefix: string) => string;

/** A new table: the columns of a task matrix (the usual appendix table), one empty row. */
export function blankTable(newId: NewId): Table {
  const column = (title: string, role: TableColumn['role']): TableColumn => ({ id: newId('c'), title, role });
  const table: Table = {
    kind: 'table',
    id: newId('t'),
    caption: null,
    columns: [
      column('TT', 'number'),
      column('Nội dung nhiệm vụ', 'content'),
      column('Cơ quan chủ trì', 'carriedOutBy'),
      column('Cơ quan phối hợp', 'cooperating'),
      column('Thời gian thực hiện', 'timeframe'),
    ],
    rows: [],
  };
  table.rows.push({ id: newId('h'), cells: blankRowCells(table), task: null });
  return table;
}

export function blankAppendix(newId: NewId): Appendix {
  return { id: newId('pl'), title: '', attachmentLine: true, orientation: null, children: [] };
}

function findTable(content: PlanContent, id: string): Table | null {
  for (const visit of walkBody(content)) if (visit.node.kind === 'table' && visit.node.id === id) return visit.node;
  return null;
}

export function tableOp(content: PlanContent, verb: string, args: string[], newId: NewId): string | null {
  const [tableId, arg] = args;
  const table = findTable(content, tableId);
  if (!table) return null;
  const rowIndex = table.rows.findIndex((r) => r.id === arg);
  const column = Number.parseInt(arg ?? '', 10);
  switch (verb) {
    case 'row-add':
    case 'group-add': {
      const row = { id: newId('h'), cells: verb === 'row-add' ? blankRowCells(table) : groupRowCells(table, '', ''), task: null };
      // After the given row, else at the end.
      table.rows.splice(rowIndex >= 0 ? rowIndex + 1 : table.rows.length, 0, row);
      return row.id;
    }
    case 'row-up':
      if (rowIndex > 0) [table.rows[rowIndex - 1], table.rows[rowIndex]] = [table.rows[rowIndex], table.rows[rowIndex - 1]];
      return arg;
    case 'row-down':
      if (rowIndex >= 0 && rowIndex < table.rows.length - 1)
        [table.rows[rowIndex + 1], table.rows[rowIndex]] = [table.rows[rowIndex], table.rows[rowIndex + 1]];
      return arg;
    case 'row-delete':
      if (rowIndex >= 0) table.rows.splice(rowIndex, 1);
      return table.rows[Math.min(rowIndex, table.rows.length - 1)]?.id ?? table.id;
    case 'row-task': {
      const row = table.rows[rowIndex];
      if (!row) return null;
      // The task's who and when are filled in from the row's cells when the content is saved.
      row.task = row.task ? null : { directedBy: null, carriedOutBy: '', assigneeOrganizationIds: [], timeframe: { kind: 'text', text: '' } };
      return row.id;
    }
    case 'col-add':
      insertColumn(table, Number.isInteger(column) ? Math.min(column, table.columns.length) : table.columns.length, {
        id: newId('c'),
        title: '',
        role: null,
      });
      return table.id;
    case 'col-delete':
      if (Number.isInteger(column)) removeColumn(table, column);
      return table.id;
    case 'col-left':
      if (Number.isInteger(column)) swapColumns(table, column - 1);
      return table.id;
    case 'col-right':
      if (Number.isInteger(column)) swapColumns(table, column);
      return table.id;
    default:
      return null;
  }
}
