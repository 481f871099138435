import type { Appendix, Table, TableColumnRole, Task } from '@app/plans';
import { TABLE_COLUMN_ROLES } from '@app/plans';
import { FormBody, lines, list, optional, text } from '../forms';

/**
 * Tables and appendices in the editor's flat form (see plan-form.ts): a table's columns are the
 * repeated field `b.<table>.col` with `b.<table>.col.<column>.title|role`; its rows the repeated
 * `b.<table>.row`, each with its cell count `b.<table>.r.<row>.n`, cells `.c0`, `.c1`... and
 * their spans `.s0`, `.s1`... (cells may be empty, so they are numbered, not repeated), and a
 * task row's task as JSON in `.task` (its who and when follow the cells).
 */

export function tableFromForm(body: FormBody, id: string): Table {
  const p = `b.${id}`;
  const roles = new Set<string>(TABLE_COLUMN_ROLES);
  return {
    kind: 'table',
    id,
    caption: optional(body, `${p}.caption`),
    columns: list(body, `${p}.col`).map((colId) => {
      const role = text(body, `${p}.col.${colId}.role`);
      return { id: colId, title: text(body, `${p}.col.${colId}.title`), role: roles.has(role) ? (role as TableColumnRole) : null };
    }),
    rows: list(body, `${p}.row`).map((rowId) => {
      const r = `${p}.r.${rowId}`;
      const count = Math.min(Number.parseInt(text(body, `${r}.n`), 10) || 0, 50);
      const cells = Array.from({ length: count }, (_, k) => ({
        text: lines(body, `${r}.c${k}`),
        colSpan: Number.parseInt(text(body, `${r}.s${k}`), 10) || 1,
      }));
      return { id: rowId, cells, task: taskJson(text(body, `${r}.task`)) };
    }),
  };
}

function taskJson(raw: string): Task | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Task;
  } catch {
    return null;
  }
}

export function tableToForm(table: Table, body: Record<string, string | string[]>, push: (name: string, value: string) => void): void {
  const p = `b.${table.id}`;
  body[`${p}.caption`] = table.caption ?? '';
  for (const c of table.columns) {
    push(`${p}.col`, c.id);
    body[`${p}.col.${c.id}.title`] = c.title;
    body[`${p}.col.${c.id}.role`] = c.role ?? '';
  }
  for (const row of table.rows) {
    push(`${p}.row`, row.id);
    const r = `${p}.r.${row.id}`;
    body[`${r}.n`] = String(row.cells.length);
    row.cells.forEach((cell, k) => {
      body[`${r}.c${k}`] = cell.text;
      body[`${r}.s${k}`] = String(cell.colSpan);
    });
    body[`${r}.task`] = row.task ? JSON.stringify(row.task) : '';
  }
}

export function appendixFromForm(body: FormBody, id: string): Appendix {
  const orientation = text(body, `b.${id}.orientation`);
  return {
    id,
    title: text(body, `b.${id}.title`),
    attachmentLine: text(body, `b.${id}.attachmentLine`) === '1',
    orientation: orientation === 'portrait' || orientation === 'landscape' ? orientation : null,
    children: [],
  };
}

export function appendixToForm(appendix: Appendix, body: Record<string, string | string[]>): void {
  body[`b.${appendix.id}.title`] = appendix.title;
  body[`b.${appendix.id}.attachmentLine`] = appendix.attachmentLine ? '1' : '0';
  body[`b.${appendix.id}.orientation`] = appendix.orientation ?? '';
}
