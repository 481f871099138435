import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { DEMO_ORGANIZATIONS } from '@app/identity';
import type { BodyNode, PlanContent } from '@app/plans';
import { DocumentMode, printPage, RenderingService } from '@app/rendering';
import { recipientLine } from '@app/plans';
import { findPhrase, pageCount, pdfFile, pdftotext, WordBox, wordBoxes } from '../../support/pdf-tools';
import { planContent } from '../../support/plan-factory';

const MM = 72 / 25.4;
const center = (w: WordBox) => (w.xMin + w.xMax) / 2;
const sameRow = (a: WordBox, b: WordBox) => a.yMin < b.yMax && b.yMin < a.yMax;
const ISSUED: DocumentMode = { kind: 'issued', numberSymbol: '07-KH/BCĐ', issuedOn: '2024-03-05', stamp: null };

/** Long enough paragraphs to fill pages: each names itself, so a test finds the page it lands on. */
function paragraphs(from: number, count: number, cite: Record<number, string> = {}): BodyNode[] {
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    const text =
      `Đoạn số ${n}: các cấp ủy, tổ chức đảng tiếp tục quán triệt, triển khai thực hiện nghiêm túc ` +
      `các quy định về dân chủ ở cơ sở, gắn với nhiệm vụ chính trị của cơ quan, đơn vị, bảo đảm ` +
      `thực chất, hiệu quả, không hình thức${cite[n] ?? ''}.`;
    return { kind: 'paragraph' as const, id: `para-${n}`, text };
  });
}

/**
 * The layout an expert văn thư checks, read from the PDF by word positions (pdftotext -bbox):
 * the Party date under the rule of "ĐẢNG CỘNG SẢN VIỆT NAM", footnotes at the foot of the page
 * that cites them, hanging Nơi nhận lines, page numbers and margins under Paged.js.
 */
describe('document layout (real Chromium, Paged.js)', () => {
  let rendering: RenderingService;
  const party = DEMO_ORGANIZATIONS.find((o) => o.code === 'bcd-duk')!;
  const state = DEMO_ORGANIZATIONS.find((o) => o.code === 'ubnd-nh')!;

  async function render(issuer: typeof party, content: PlanContent, mode: DocumentMode = ISSUED): Promise<{ file: string; words: WordBox[] }> {
    const file = pdfFile(await rendering.pdf({ issuer, content, mode }), 'layout.pdf');
    return { file, words: wordBoxes(file) };
  }

  beforeAll(() => {
    rendering = new RenderingService(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-layout-')) }));
  });
  afterAll(() => rendering.onModuleDestroy());

  it('Party: the place and date sit right under the rule of "ĐẢNG CỘNG SẢN VIỆT NAM", above the number; State: on the number\'s row', async () => {
    const { words } = await render(party, planContent());
    const national = findPhrase(words, 'ĐẢNG CỘNG SẢN VIỆT NAM', 1)!;
    const date = findPhrase(words, 'Bình Định, ngày 05 tháng 3 năm 2024', 1)!;
    const number = findPhrase(words, 'Số 07-KH/BCĐ', 1)!;
    expect(date.yMin).toBeGreaterThan(national.yMax);
    // One line below: the rule and a few points of space, no more.
    expect(date.yMin - national.yMax).toBeLessThan(12);
    expect(Math.abs(center(date) - center(national))).toBeLessThan(6);
    expect(number.yMin).toBeGreaterThan(date.yMax);
    expect(sameRow(number, date)).toBe(false);
    expect(center(number)).toBeLessThan(date.pageWidth / 2);

    const stateDoc = await render(state, planContent(), { kind: 'issued', numberSymbol: '48/KH-UBND', issuedOn: '2024-03-29', stamp: null });
    const stateNumber = findPhrase(stateDoc.words, 'Số: 48/KH-UBND', 1)!;
    const stateDate = findPhrase(stateDoc.words, 'Nhơn Hậu, ngày 29 tháng 3 năm 2024', 1)!;
    expect(sameRow(stateNumber, stateDate)).toBe(true);
    expect(stateDate.yMin).toBeGreaterThan(findPhrase(stateDoc.words, 'Độc lập - Tự do - Hạnh phúc', 1)!.yMax);
  });

  it('prints each footnote at the foot of the page that cites it, a note cited in a note on the same page, once', async () => {
    const content = planContent({
      parts: [
        { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: paragraphs(1, 30, { 2: '[^qd]', 17: '[^hd]', 25: '[^qd]' }) },
        { id: 'p2', title: 'TỔ CHỨC THỰC HIỆN', children: paragraphs(31, 12) },
      ],
      footnotes: [
        { id: 'qd', text: 'Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị.' },
        { id: 'hd', text: 'Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng[^vb].' },
        { id: 'vb', text: 'Thay thế Hướng dẫn số 11-HD/VPTW ngày 28/5/2004.' },
      ],
    });
    const { file, words } = await render(party, content);
    expect(pageCount(file)).toBeGreaterThanOrEqual(3);
    const pageOf = (phrase: string) => findPhrase(words, phrase)!.page;
    const notes = [
      { number: '1', text: 'Quy định số 11-QĐi/TW ngày 18/02/2019', citedIn: 'Đoạn số 2:' },
      { number: '2', text: 'Hướng dẫn số 36-HD/VPTW ngày 03/4/2018', citedIn: 'Đoạn số 17:' },
      { number: '3', text: 'Thay thế Hướng dẫn số 11-HD/VPTW', citedIn: 'Đoạn số 17:' },
    ];
    // The two notes land on different pages, so that the test says something about pages.
    expect(pageOf(notes[0].citedIn)).not.toBe(pageOf(notes[1].citedIn));
    for (const note of notes) {
      const printed = findPhrase(words, note.text)!;
      expect(printed).not.toBeNull();
      expect({ note: note.number, page: printed.page }).toEqual({ note: note.number, page: pageOf(note.citedIn) });
      const onPage = words.filter((w) => w.page === printed.page);
      // Under every line of the text on that page (the notes are the last lines), in the bottom margin's reach.
      const body = onPage.filter((w) => w.yMax - w.yMin > 14 && w.yMin > 25 * MM);
      expect(printed.yMin).toBeGreaterThan(Math.max(...body.map((w) => w.yMax)));
      expect(printed.yMax).toBeLessThan(printed.pageHeight - 20 * MM + 1);
      expect(printed.yMax).toBeGreaterThan(printed.pageHeight - 80 * MM);
      // Its number is cited in the text above it, as a small raised figure.
      const citation = onPage.find((w) => w.text === note.number && w.yMax < printed.yMin && w.yMax - w.yMin < 11 && w.xMin > 30 * MM + 5);
      expect(citation).toBeDefined();
    }
    // Cited twice (Đoạn số 2 and 25), printed once, with the same number.
    expect(pdftotext(file).split('Quy định số 11-QĐi/TW').length - 1).toBe(1);
    expect(words.some((w) => w.page === pageOf('Đoạn số 25:') && w.text === '1' && w.yMax - w.yMin < 11)).toBe(true);
    // Page numbers still at the top centre from page 2, never on page 1, and the text within the margins.
    const top = (page: number) => words.filter((w) => w.page === page).sort((a, b) => a.yMin - b.yMin)[0];
    expect(top(1).text).not.toBe('1');
    for (let page = 2; page <= pageCount(file); page++) {
      expect(top(page).text).toBe(String(page));
      expect(top(page).yMax).toBeLessThan(20 * MM);
      expect(Math.abs(center(top(page)) - (top(page).pageWidth + (30 - 15) * MM) / 2)).toBeLessThan(6);
    }
    const text = words.filter((w) => w !== top(w.page) || w.page === 1);
    expect(Math.min(...text.map((w) => w.xMin))).toBeGreaterThan(30 * MM - 1);
    expect(Math.max(...text.map((w) => w.xMax))).toBeLessThan(words[0].pageWidth - 15 * MM + 1);
  });

  it("waits for each print's own layout, whatever the pooled page printed before", async () => {
    // Seen: the State seed printed after the Party draft seed came out with half its pages.
    const content = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'state-xa-2024-48-KH-UBND.json'), 'utf8')) as PlanContent;
    const input = {
      issuer: state,
      content,
      mode: { kind: 'issued', numberSymbol: '48/KH-UBND', issuedOn: '2024-03-29', stamp: null } as DocumentMode,
    };
    const first = pdfFile(await rendering.pdf(input), 'first.pdf');
    const after = pdfFile(
      await rendering.pool.withPage(async (page) => {
        // What the last print leaves on the page's window: Paged.js done.
        await page.evaluate('window.__kehoachPaged = true');
        return printPage(page, rendering.html(input), 60_000);
      }),
      'after.pdf',
    );
    expect(pageCount(first)).toBeGreaterThanOrEqual(3);
    expect(pageCount(after)).toBe(pageCount(first));
    expect(pdftotext(after)).toBe(pdftotext(first));
    // Several at once: the pool's pages behind the front one lay out too (they hung once, unseen).
    const together = await Promise.all(Array.from({ length: 6 }, () => rendering.pdf(input)));
    for (const bytes of together) expect(pdftotext(pdfFile(bytes, 'together.pdf'))).toBe(pdftotext(first));
  });

  it('a Nơi nhận line that wraps hangs under the text after its dash', async () => {
    const content = planContent();
    content.recipients.unshift(
      recipientLine('long', 'Các đồng chí Ủy viên Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Bình Định', { purpose: 'report', note: 'để báo cáo' }),
    );
    const { file, words } = await render(party, content);
    const last = pageCount(file);
    const title = findPhrase(words, 'Nơi nhận:', last)!;
    const dash = words.find((w) => w.page === last && w.text === '-' && w.yMin > title.yMax)!;
    const first = words.find((w) => w.page === last && sameRow(w, dash) && w.xMin > dash.xMax && w.xMax < dash.pageWidth / 2)!;
    expect(first.text).toBe('Các');
    // The next line of the same entry: the first word below the dash's row, before the next dash.
    const below = words
      .filter((w) => w.page === last && w.yMin > dash.yMax && w.xMax < dash.pageWidth / 2)
      .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)[0];
    expect(below.text).not.toBe('-');
    expect(Math.abs(below.xMin - first.xMin)).toBeLessThan(1.5);
    expect(below.xMin - dash.xMin).toBeGreaterThan(3);
  });
});
