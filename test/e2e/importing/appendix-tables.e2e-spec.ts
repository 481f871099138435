import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { contentDifferences } from '@app/importing';
import type { PlanContent, Table } from '@app/plans';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';
import { binaryBody } from '../../support/binary-body';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'appendix');
const FILES = ['state-xa-2025-appendix.txt', 'state-xa-2025-appendix.docx'];
const DRAFTER = 'ubnd-nh.drafter';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function expectSameContent(expected: PlanContent, actual: PlanContent, what: string): void {
  const differences = contentDifferences(expected, actual);
  if (differences.length) console.error(`${what}: ${differences.length} difference(s)\n  ${differences.join('\n  ')}`);
  expect(differences).toEqual([]);
}

/** Width and height (pt) of each page, from pdfinfo. */
function pageSizes(file: string): { width: number; height: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

describe('appendices and tables: a plan with a two-page task table, imported from Word and from text, rendered and exported', () => {
  let t: TestApp;
  const auth = async () => `Bearer ${await t.token(DRAFTER)}`;
  const imported: Record<string, { planId: string; content: PlanContent }> = {};

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    for (const file of FILES) {
      const res = await request(t.http)
        .post('/api/plans/import?save=true')
        .set('Authorization', await auth())
        .attach('file', readFileSync(join(FIXTURES, file)), file);
      expect({ file, status: res.status, unrecognized: res.body.report?.unrecognized }).toEqual({ file, status: 201, unrecognized: [] });
      imported[file] = { planId: res.body.planId, content: res.body.content };
    }
  });
  afterAll(() => t.close());

  const appendixTable = (content: PlanContent): Table => {
    const table = content.appendices[0]?.children.find((n) => n.kind === 'table');
    if (!table || table.kind !== 'table') throw new Error('no appendix table');
    return table;
  };

  it.each(FILES)('%s: the appendix, its table (header, group rows over the width, task rows) and the body table are content', async (file) => {
    const { planId, content } = imported[file];
    expect(content.appendices).toHaveLength(1);
    expect(content.appendices[0]).toMatchObject({
      title: 'DANH MỤC NHIỆM VỤ PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN NĂM 2025',
      attachmentLine: true,
    });
    const table = appendixTable(content);
    expect(table.columns.map((c) => [c.title, c.role])).toEqual([
      ['TT', 'number'],
      ['Nội dung nhiệm vụ', 'content'],
      ['Cơ quan chủ trì', 'carriedOutBy'],
      ['Cơ quan phối hợp', 'cooperating'],
      ['Thời gian hoàn thành', 'timeframe'],
      ['Sản phẩm', 'product'],
    ]);
    expect(table.rows).toHaveLength(24);
    expect(table.rows[0].cells).toEqual([
      { text: 'I', colSpan: 1 },
      { text: 'Công tác chỉ đạo, điều hành', colSpan: 5 },
    ]);
    expect(table.rows.filter((r) => r.task)).toHaveLength(20);
    expect(table.rows[1].task).toMatchObject({
      carriedOutBy: 'Văn phòng HĐND và UBND xã',
      timeframe: { kind: 'quarter', quarters: [1], year: 2025 },
    });
    const bodyTable = content.parts[0].children[1].kind === 'item' ? content.parts[0].children[1].children[0] : null;
    expect(bodyTable).toMatchObject({
      kind: 'table',
      columns: [{ title: 'TT' }, { title: 'Chỉ tiêu' }, { title: 'Năm 2024' }, { title: 'Năm 2025' }],
    });

    // The format check reads the task rows like task items: nothing is missing here.
    const check = await request(t.http)
      .get(`/api/plans/${planId}/check`)
      .set('Authorization', await auth())
      .expect(200);
    expect(check.body.errors.filter((e: { path: string }) => e.path.startsWith('appendices'))).toEqual([]);
  });

  it('the Word file and the text file give the same plan', () => {
    expectSameContent(imported[FILES[1]].content, imported[FILES[0]].content, 'docx vs txt');
  });

  it.each(FILES)('%s: the PDF has the cells in order, the appendix on landscape pages, the header row and whole rows on each page', async (file) => {
    const { planId, content } = imported[file];
    const pdf = await request(t.http)
      .get(`/api/plans/${planId}/preview.pdf`)
      .set('Authorization', await auth())
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const path = pdfFile(pdf.body as Buffer, `${file}.pdf`);
    console.log(`${file}: PDF at ${path}`);
    // -raw reads text in the order it is drawn: the default mode interleaves the lines of
    // side-by-side cells whose baselines meet, which says nothing about the table.
    const pages = pdftotext(path, ['-raw']).split('\f').map(flat);
    const table = appendixTable(content);

    // Every cell, row by row and left to right, comes in that order in the text of the PDF.
    const all = pages.join(' ');
    let at = all.indexOf('PHỤ LỤC');
    expect(at).toBeGreaterThan(0);
    for (const cell of [...table.columns.map((c) => c.title), ...table.rows.flatMap((r) => r.cells.map((c) => c.text))]) {
      const next = all.indexOf(flat(cell), at);
      expect({ cell, found: next >= 0 }).toEqual({ cell, found: true });
      at = next + flat(cell).length;
    }
    expect(all).toMatch(/\(Kèm theo Kế hoạch số \/KH-UBND ngày \/ \/\d{4} của Ủy ban nhân dân xã Nhơn Hậu\)/);

    // The appendix starts on a new page and runs over at least two, each landscape, each with the header row.
    const first = pages.findIndex((p) => p.includes('PHỤ LỤC DANH MỤC NHIỆM VỤ'));
    expect(first).toBeGreaterThan(0);
    expect(pages[first - 1]).toContain('Giã Văn Thọ');
    expect(pages[first]).not.toContain('Giã Văn Thọ');
    const tablePages = pages.slice(first).filter((p) => p.length > 0);
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(page).toContain('TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành Sản phẩm');
    const sizes = pageSizes(path);
    expect(sizes.slice(0, first).every((s) => s.height > s.width)).toBe(true);
    expect(sizes.slice(first).every((s) => s.width > s.height)).toBe(true);

    // A row never splits: every row's content cell is read whole on one page.
    for (const row of table.rows) {
      const what = flat(row.cells.length > 1 ? row.cells[1].text : row.cells[0].text);
      expect({ what, onOnePage: tablePages.some((p) => p.includes(what)) }).toEqual({ what, onOnePage: true });
    }
  });

  it.each(FILES)('%s: export.docx, read again by the importer, gives the same content', async (file) => {
    const { planId, content } = imported[file];
    const docx = await request(t.http)
      .get(`/api/plans/${planId}/export.docx`)
      .set('Authorization', await auth())
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const res = await request(t.http)
      .post('/api/plans/import')
      .set('Authorization', await auth())
      .attach('file', docx.body as Buffer, 'export.docx');
    expect(res.status).toBe(200);
    expect(res.body.report.unrecognized).toEqual([]);
    expectSameContent(content, res.body.content, `${file} via export.docx`);
  });
});
