import type { Table } from '@app/plans';
import { sourceLine } from '../readers/source-document';
import { parsePlan } from './plan-parser';
import { columnRole } from './tables';

const plan = (body: string[], tail: string[] = [], format: 'md' | 'txt' = 'md') => {
  const lines = [
    'ỦY BAN NHÂN DÂN',
    'XÃ NHƠN HẬU',
    'Số:      /KH-UBND',
    'KẾ HOẠCH',
    'Phòng, chống thiên tai năm 2025',
    '',
    'I. NHIỆM VỤ',
    '',
    ...body,
    '',
    'Nơi nhận:',
    '- Lưu: VT.',
    '',
    'CHỦ TỊCH',
    'Giã Văn Thọ',
    '',
    ...tail,
  ];
  return parsePlan({
    format,
    encoding: 'utf-8',
    lines: lines.map((t, i) => sourceLine(i + 1, t)),
    footnotes: [],
    hasEmphasis: format === 'md',
    warnings: [],
    layout: false,
  });
};
const firstTable = (nodes: { kind: string }[]) => nodes.find((n): n is Table => n.kind === 'table')!;

describe('tables in imported text', () => {
  it('a Markdown pipe table becomes a table where it stood; "I | title" with an empty tail is a group row', () => {
    const result = plan([
      'Các nhiệm vụ như sau:',
      '',
      '| TT | Nội dung | Cơ quan chủ trì | Thời gian thực hiện |',
      '|---|---|:---:|---|',
      '| I | Tuyên truyền | | |',
      '| 1 | Quán triệt **Luật** | Văn phòng | Quý I/2025 |',
      '| 2 | Tập huấn \\| diễn tập | Công an xã | Năm 2025 |',
      '',
      'Các cơ quan triển khai thực hiện.',
    ]);
    const part = result.content.parts[0];
    expect(part.children.map((n) => n.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const table = firstTable(part.children);
    expect(table.columns.map((c) => [c.title, c.role])).toEqual([
      ['TT', 'number'],
      ['Nội dung', 'content'],
      ['Cơ quan chủ trì', 'carriedOutBy'],
      ['Thời gian thực hiện', 'timeframe'],
    ]);
    expect(table.rows.map((r) => r.cells.map((c) => [c.text, c.colSpan]))).toEqual([
      [
        ['I', 1],
        ['Tuyên truyền', 3],
      ],
      [
        ['1', 1],
        ['Quán triệt **Luật**', 1],
        ['Văn phòng', 1],
        ['Quý I/2025', 1],
      ],
      [
        ['2', 1],
        ['Tập huấn | diễn tập', 1],
        ['Công an xã', 1],
        ['Năm 2025', 1],
      ],
    ]);
    expect(table.rows.map((r) => r.task?.carriedOutBy ?? null)).toEqual([null, 'Văn phòng', 'Công an xã']);
    expect(table.rows[2].task?.timeframe).toMatchObject({ kind: 'year', year: 2025 });
    expect(result.report.warnings.join(' ')).not.toContain('có bảng');
  });

  it('a table copied as text, one cell per line, with continuation lines and short rows', () => {
    const result = plan(
      [
        'Chỉ tiêu như sau:',
        'TT',
        'Chỉ tiêu',
        'Năm 2024',
        'Năm 2025',
        '1',
        'Số hộ được hướng dẫn',
        '420',
        '500',
        '2',
        'Số người diễn tập',
        '150',
        '3',
        'Số thôn có đội xung kích',
        '6',
        '8',
        'Các thôn bảo đảm chỉ tiêu.',
      ],
      [],
      'txt',
    );
    const table = firstTable(result.content.parts[0].children);
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['1', 'Số hộ được hướng dẫn', '420', '500'],
      ['2', 'Số người diễn tập', '150', ''],
      ['3', 'Số thôn có đội xung kích', '6', '8'],
    ]);
    expect(result.content.parts[0].children.at(-1)).toMatchObject({ kind: 'paragraph', text: 'Các thôn bảo đảm chỉ tiêu.' });
  });

  it('"PHỤ LỤC" after the signature opens an appendix: title, attachment line, body and table', () => {
    const result = plan(
      ['Nhiệm vụ giao tại Phụ lục kèm theo.'],
      [
        'PHỤ LỤC II',
        'DANH MỤC NHIỆM VỤ',
        '(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân xã Nhơn Hậu)',
        'Ghi chú chung.',
        '| TT | Nội dung | Ghi chú |',
        '|---|---|---|',
        '| 1 | Kiểm tra | |',
      ],
    );
    expect(result.content.signature.signerName).toBe('Giã Văn Thọ');
    expect(result.content.closing).toEqual([]);
    expect(result.content.appendices).toHaveLength(1);
    expect(result.content.appendices[0]).toMatchObject({ title: 'DANH MỤC NHIỆM VỤ', attachmentLine: true });
    expect(result.content.appendices[0].children.map((n) => n.kind)).toEqual(['paragraph', 'table']);
    expect(result.report.unrecognized).toEqual([]);
  });

  it('reads a header cell for what its column holds', () => {
    expect(
      ['STT', 'Thời gian hoàn thành', 'Cơ quan phối hợp', 'Đơn vị chủ trì', 'Sản phẩm', 'Ghi chú', 'Nội dung công việc', 'Năm 2025'].map(columnRole),
    ).toEqual(['number', 'timeframe', 'cooperating', 'carriedOutBy', 'product', 'note', 'content', null]);
  });
});

describe('a table where the model has no place for it', () => {
  it('before the first part: its text is kept in the preamble, with a warning', () => {
    const lines = [
      'KẾ HOẠCH',
      'phòng, chống thiên tai',
      '',
      'Căn cứ:',
      '| TT | Văn bản | Ngày |',
      '|---|---|---|',
      '| 1 | Luật Phòng, chống thiên tai | 19/6/2013 |',
      '',
      'I. NHIỆM VỤ',
      '',
      '1. Kiểm tra.',
    ];
    const result = parsePlan({
      format: 'md',
      encoding: 'utf-8',
      lines: lines.map((t, i) => sourceLine(i + 1, t)),
      footnotes: [],
      hasEmphasis: true,
      warnings: [],
      layout: false,
    });
    expect(result.content.preamble.paragraphs).toContain('TT | Văn bản | Ngày; 1 | Luật Phòng, chống thiên tai | 19/6/2013');
    expect(result.report.warnings.join(' ')).toContain('Có bảng nằm ngoài các phần');
  });
});
