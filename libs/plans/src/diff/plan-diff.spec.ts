import type { BodyNode, Item, PlanContent } from '../content/plan-content';
import { diffPlans, redline } from './plan-diff';

const item = (id: string, text: string, children: BodyNode[] = []): Item => ({ kind: 'item', id, heading: null, text, task: null, children });

function base(): PlanContent {
  return {
    schemaVersion: 1,
    documentType: 'KH',
    summary: 'thực hiện dân chủ ở cơ sở năm 2024',
    place: null,
    preamble: { paragraphs: ['Thực hiện Kế hoạch số 56/KH-UBND.'], references: [] },
    parts: [
      { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: [item('a', 'Mục a'), item('b', 'Mục b'), item('c', 'Mục c')] },
      {
        id: 'p2',
        title: 'NỘI DUNG',
        children: [
          { kind: 'paragraph', id: 'para', text: 'Đoạn văn cũ.' },
          { kind: 'bullet', id: 'bul', text: 'Gạch đầu dòng', children: [] },
        ],
      },
    ],
    closing: [],
    appendices: [],
    reportingDuties: [],
    recipients: [
      { id: 'r1', name: 'VT', organizationId: null, purpose: 'archive', note: null, email: null, mustImplement: false, implementationDueDate: null },
    ],
    signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ', signerUserId: null, authorityId: null },
    footnotes: [],
  };
}

const run = (a: PlanContent, b: PlanContent) => diffPlans(a, b, { from: 1, to: 2, family: 'state' });

describe('plan diff', () => {
  it('two equal versions are identical', () => {
    const d = run(base(), base());
    expect(d.identical).toBe(true);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0 });
  });

  it('an insertion does not move what follows; a real reorder is a move', () => {
    const inserted = base();
    inserted.parts[0].children.splice(0, 0, item('new', 'Mục mới'));
    const d = run(base(), inserted);
    expect(d.items).toEqual([expect.objectContaining({ id: 'new', change: 'added', label: '1.' })]);

    const reordered = base();
    const [c] = reordered.parts[0].children.splice(2, 1);
    reordered.parts[0].children.unshift(c);
    const moved = run(base(), reordered);
    expect(moved.items).toEqual([expect.objectContaining({ id: 'c', change: 'moved', moved: { before: '3.', after: '1.' } })]);

    const reparented = base();
    const [b] = reparented.parts[0].children.splice(1, 1);
    (reparented.parts[0].children[0] as Item).children.push(b);
    expect(run(base(), reparented).items).toEqual([expect.objectContaining({ id: 'b', change: 'moved', label: '1.1.' })]);
  });

  it('changed paragraphs, bullets, parts and document fields carry a redline', () => {
    const after = base();
    after.summary = 'thực hiện dân chủ ở cơ sở và dân vận chính quyền năm 2024';
    after.parts[1].title = 'NỘI DUNG, NHIỆM VỤ';
    (after.parts[1].children[0] as { text: string }).text = 'Đoạn văn mới.';
    after.parts[1].children.pop();
    const d = run(base(), after);
    expect(d.document).toEqual([expect.objectContaining({ field: 'summary' })]);
    expect(d.document[0].redline!.filter((r: { op: string }) => r.op !== 'equal')).toEqual([{ op: 'insert', text: 'và dân vận chính quyền ' }]);
    expect(d.parts).toEqual([expect.objectContaining({ id: 'p2', change: 'changed', label: 'II.' })]);
    expect(d.blocks).toEqual([
      expect.objectContaining({
        id: 'para',
        change: 'changed',
        fields: [
          expect.objectContaining({
            field: 'text',
            redline: [
              { op: 'equal', text: 'Đoạn văn ' },
              { op: 'delete', text: 'cũ' },
              { op: 'insert', text: 'mới' },
              { op: 'equal', text: '.' },
            ],
          }),
        ],
      }),
      expect.objectContaining({ id: 'bul', change: 'removed' }),
    ]);
    expect(d.counts).toEqual({ added: 0, removed: 1, changed: 3, moved: 0 });
  });

  it('a word redline keeps every character of both texts', () => {
    const runs = redline('Ban Tuyên giáo Đảng ủy', 'Ban Dân vận Đảng ủy Khối');
    expect(
      runs
        .filter((r) => r.op !== 'insert')
        .map((r) => r.text)
        .join(''),
    ).toBe('Ban Tuyên giáo Đảng ủy');
    expect(
      runs
        .filter((r) => r.op !== 'delete')
        .map((r) => r.text)
        .join(''),
    ).toBe('Ban Dân vận Đảng ủy Khối');
  });
});

describe('plan diff: tables', () => {
  const table = (rows: [string, string[]][]): PlanContent => {
    const content = base();
    content.appendices = [
      {
        id: 'ap',
        title: 'DANH MỤC',
        attachmentLine: true,
        orientation: null,
        children: [
          {
            kind: 'table',
            id: 'tb',
            caption: null,
            columns: ['TT', 'Nội dung', 'Chủ trì'].map((title, i) => ({ id: `c${i}`, title, role: null })),
            rows: rows.map(([id, texts]) => ({ id, cells: texts.map((text) => ({ text, colSpan: 1 })), task: null })),
          },
        ],
      },
    ];
    return content;
  };

  it('rows added, removed, changed cell by cell (named by the header) and moved', () => {
    const before = table([
      ['r1', ['1', 'Tuyên truyền', 'Văn phòng']],
      ['r2', ['2', 'Kiểm tra', 'Công an']],
      ['r3', ['3', 'Tổng kết', 'Văn phòng']],
    ]);
    const after = table([
      ['r3', ['1', 'Tổng kết', 'Văn phòng']],
      ['r1', ['2', 'Tuyên truyền', 'Văn phòng xã']],
      ['r4', ['3', 'Diễn tập', 'Quân sự']],
    ]);
    const d = run(before, after);
    const byId = Object.fromEntries(d.rows.map((r) => [r.id, r]));
    expect(byId.r4).toMatchObject({ change: 'added', text: 'Diễn tập' });
    expect(byId.r2).toMatchObject({ change: 'removed', text: 'Kiểm tra' });
    expect(byId.r1.change).toBe('changed');
    expect(byId.r1.fields.map((f) => f.field)).toEqual(['TT', 'Chủ trì']);
    expect(byId.r1.fields[1].redline).toContainEqual({ op: 'insert', text: ' xã' });
    expect(byId.r3.change).toBe('changed');
    // r1 and r3 changed places: one of them is reported moved, not both.
    expect([byId.r1.moved, byId.r3.moved].filter(Boolean)).toHaveLength(1);
    expect(d.identical).toBe(false);
  });
});
