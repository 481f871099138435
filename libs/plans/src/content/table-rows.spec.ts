import type { PlanContent, Table } from './plan-content';
import { validatePlanContent } from './plan-content.validator';
import { groupRowCells, insertColumn, isWideTable, removeColumn, swapColumns } from './table-rows';

function table(): Table {
  const t: Table = {
    kind: 'table',
    id: 't',
    caption: null,
    columns: ['TT', 'Nội dung', 'Chủ trì', 'Thời gian'].map((title, i) => ({ id: `c${i}`, title, role: null })),
    rows: [],
  };
  t.rows.push({ id: 'g', cells: groupRowCells(t, 'I', 'Tuyên truyền'), task: null });
  t.rows.push({ id: 'r', cells: ['1', 'Quán triệt', 'Văn phòng', 'Quý I/2025'].map((text) => ({ text, colSpan: 1 })), task: null });
  return t;
}
const texts = (t: Table) => t.rows.map((r) => r.cells.map((c) => `${c.text}${c.colSpan > 1 ? `*${c.colSpan}` : ''}`));

describe('table rows and columns', () => {
  it('a group row is its label and one cell over the rest of the width', () => {
    expect(texts(table())[0]).toEqual(['I', 'Tuyên truyền*3']);
  });

  it('inserts a column: a merged cell over the place grows, at the end too; other rows get an empty cell', () => {
    const t = table();
    insertColumn(t, 2, { id: 'x', title: 'Phối hợp', role: 'cooperating' });
    expect(texts(t)).toEqual([
      ['I', 'Tuyên truyền*4'],
      ['1', 'Quán triệt', '', 'Văn phòng', 'Quý I/2025'],
    ]);
    insertColumn(t, 5, { id: 'y', title: 'Ghi chú', role: 'note' });
    expect(texts(t)).toEqual([
      ['I', 'Tuyên truyền*5'],
      ['1', 'Quán triệt', '', 'Văn phòng', 'Quý I/2025', ''],
    ]);
    insertColumn(t, 0, { id: 'z', title: '', role: null });
    expect(texts(t)[0]).toEqual(['', 'I', 'Tuyên truyền*5']);
  });

  it('removes a column: a merged cell over it shrinks; the last column stays', () => {
    const t = table();
    removeColumn(t, 1);
    expect(texts(t)).toEqual([
      ['I', 'Tuyên truyền*2'],
      ['1', 'Văn phòng', 'Quý I/2025'],
    ]);
    removeColumn(t, 0);
    removeColumn(t, 0);
    removeColumn(t, 0);
    expect(t.columns).toHaveLength(1);
  });

  it('swaps neighbouring columns; a row where one of them is merged keeps its cells', () => {
    const t = table();
    swapColumns(t, 2);
    expect(t.columns.map((c) => c.title)).toEqual(['TT', 'Nội dung', 'Thời gian', 'Chủ trì']);
    expect(texts(t)).toEqual([
      ['I', 'Tuyên truyền*3'],
      ['1', 'Quán triệt', 'Quý I/2025', 'Văn phòng'],
    ]);
  });

  it('a table of six columns or more is wide (its appendix prints landscape)', () => {
    const t = table();
    expect(isWideTable(t)).toBe(false);
    insertColumn(t, 4, { id: 'a', title: 'Sản phẩm', role: 'product' });
    insertColumn(t, 5, { id: 'b', title: 'Ghi chú', role: 'note' });
    expect(isWideTable(t)).toBe(true);
  });
});

describe('tables in the content', () => {
  const content = (t: Table): Record<string, unknown> => ({
    schemaVersion: 1,
    documentType: 'KH',
    summary: 'phòng, chống thiên tai',
    parts: [{ id: 'p', title: 'NỘI DUNG', children: [{ kind: 'paragraph', id: 'x', text: 'Như sau:' }] }],
    appendices: [{ id: 'a', title: 'DANH MỤC', children: [t] }],
    recipients: [{ id: 'v', name: 'VT', purpose: 'archive' }],
    signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ' },
  });

  it('refuses a row whose cells do not cover the columns, naming the row', () => {
    const t = table();
    t.rows[1].cells.pop();
    const result = validatePlanContent(content(t));
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([['content.appendices.0.children.0.rows.1.cells', 'wrong_width']]);
  });

  it('fills ids and defaults; a task row takes its who and when from its cells', () => {
    const t = table() as unknown as Record<string, unknown> & Table;
    t.columns[2].role = 'carriedOutBy';
    t.columns[3].role = 'timeframe';
    t.rows[1].task = { directedBy: null, carriedOutBy: '', assigneeOrganizationIds: [], timeframe: { kind: 'year', year: 2025, text: null } };
    delete (t.rows[1] as { id?: string }).id;
    const result = validatePlanContent(content(t));
    expect(result.ok).toBe(true);
    const row = ((result as { content: PlanContent }).content.appendices[0].children[0] as Table).rows[1];
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.task).toMatchObject({ carriedOutBy: 'Văn phòng', timeframe: { kind: 'text', text: 'Quý I/2025' } });
    expect((result as { content: PlanContent }).content.appendices[0]).toMatchObject({ attachmentLine: true, orientation: null });
  });
});
