import type { PlanContent } from '@app/plans';
import { recipientLine } from '@app/plans';
import { DocumentTemplates } from './document-templates';
import { addresseeLines, buildDocumentView, keepNumbersWhole, letterRecipientLines, recipientLines } from './document-view';
import { inlineHtml, plainText } from './inline-markup';

const recipient = (name: string, purpose: 'report' | 'inform' | 'archive', note: string | null = null) =>
  recipientLine(name, name, { purpose, note });

describe('document view', () => {
  it('renders inline markup safely: bold, italic, footnote marks, escaped HTML and literal stars', () => {
    expect(inlineHtml('**Điều 1** và *in nghiêng* <script>')).toBe('<b>Điều 1</b> và <i>in nghiêng</i> &lt;script&gt;');
    expect(inlineHtml('dấu \\* sao')).toBe('dấu * sao');
    expect(plainText('**a** *b*[^1]')).toBe('a b');
  });

  it('keeps a cited number and symbol on one line, and leaves other words alone', () => {
    expect(keepNumbersWhole('đính chính Kế hoạch số 01/KH-UBND ngày 05/3/2026 của UBND xã')).toBe(
      'đính chính Kế hoạch số <span class="nowrap">01/KH-UBND</span> ngày 05/3/2026 của UBND xã',
    );
    expect(keepNumbersWhole('<b>15-TB/TU</b>, giai đoạn 2024-2025')).toBe(
      '<b><span class="nowrap">15-TB/TU</span></b>, giai đoạn <span class="nowrap">2024-2025</span>',
    );
    expect(keepNumbersWhole('thực hiện Quy chế dân chủ ở cơ sở')).toBe('thực hiện Quy chế dân chủ ở cơ sở');
  });

  it('ends Party recipient lines with "," and State lines with ";", the archive copy last with "."', () => {
    const list = [recipient('VP, BTGĐUK', 'archive'), recipient('Ban Dân vận Tỉnh ủy', 'report'), recipient('Website ĐUK', 'inform')];
    expect(recipientLines('party', list)).toEqual(['- Ban Dân vận Tỉnh ủy,', '- Website ĐUK,', '- Lưu VP, BTGĐUK.']);
    expect(recipientLines('state', [recipient('TT.Đảng ủy', 'report', 'B/C'), recipient('VT', 'archive')])).toEqual([
      '- TT.Đảng ủy (B/C);',
      '- Lưu: VT.',
    ]);
    // No archive line given: the default unit of the family.
    expect(recipientLines('state', [recipient('MT& các Đoàn thể xã', 'inform')])).toEqual(['- MT& các Đoàn thể xã;', '- Lưu: VT.']);
  });

  it('addresses a công văn to those sent to act or know: one on the "Kính gửi:" line, several one per line; Nơi nhận says "Như trên"', () => {
    const superior = recipient('UBND thị xã', 'report', 'b/c');
    const archive = recipient('VT', 'archive');
    expect(addresseeLines('state', [superior, recipient('Sở Tài chính', 'inform'), archive])).toEqual(['Sở Tài chính.']);
    expect(addresseeLines('state', [recipient('Sở Tài chính;', 'inform'), recipient('Sở Nội vụ', 'inform'), archive])).toEqual([
      '- Sở Tài chính;',
      '- Sở Nội vụ.',
    ]);
    expect(letterRecipientLines('state', [superior, recipient('Sở Tài chính', 'inform'), archive])).toEqual([
      '- Như trên;',
      '- UBND thị xã (b/c);',
      '- Lưu: VT.',
    ]);
    // nobody to address: no "Kính gửi:", the list as it is
    expect(addresseeLines('state', [superior, archive])).toEqual([]);
    expect(letterRecipientLines('state', [superior, archive])).toEqual(['- UBND thị xã (b/c);', '- Lưu: VT.']);
  });

  it('numbers parts and items by family, prints tasks after the item text, and numbers footnotes in order of citation', () => {
    const content = {
      schemaVersion: 1,
      documentType: 'KH',
      summary: 'thực hiện\nnăm 2024',
      place: null,
      preamble: { paragraphs: ['Căn cứ[^b]'], references: [] },
      parts: [
        {
          id: 'p',
          title: 'Mục đích, yêu cầu',
          children: [
            {
              kind: 'item',
              id: 'i',
              heading: null,
              text: 'Nội dung[^a]',
              task: {
                directedBy: 'Trưởng Ban',
                carriedOutBy: 'Ban Dân vận',
                assigneeOrganizationIds: [],
                timeframe: { kind: 'quarter', quarters: [2, 3], year: 2023, text: null },
              },
              children: [
                { kind: 'paragraph', id: 'x', text: 'Đoạn của mục.' },
                { kind: 'item', id: 'j', heading: 'Mục con', text: null, task: null, children: [] },
              ],
            },
          ],
        },
      ],
      closing: [],
      reportingDuties: [],
      recipients: [],
      footnotes: [
        { id: 'a', text: 'chú thích a' },
        { id: 'b', text: 'chú thích b' },
      ],
      signature: { capacityLines: ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'], signerName: 'Bùi Quang Nhựt', signerUserId: null, authorityId: null },
    } as unknown as PlanContent;
    const issuer = {
      family: 'party' as const,
      fullName: 'Ban Chỉ đạo',
      symbolAbbreviation: 'BCĐ',
      placeName: 'Bình Định',
      superiorHeader: 'ĐẢNG ỦY KHỐI',
      headerName: 'BAN CHỈ ĐẠO',
    };
    const view = buildDocumentView({ issuer, content, mode: { kind: 'issued', numberSymbol: '04-KH/BCĐ', issuedOn: '2024-01-24', stamp: null } });
    expect(view.numberLine).toBe('Số 04-KH/BCĐ');
    expect(view.dateLine).toBe('Bình Định, ngày 24 tháng 01 năm 2024');
    expect(view.summaryLines).toEqual(['thực hiện', 'năm 2024']);
    expect(view.blocks.map((b) => [b.kind, b.label, b.heading || b.html])).toEqual([
      ['part', 'I-', 'MỤC ĐÍCH, YÊU CẦU'],
      ['item', '1.', 'Nội dung<sup class="fn-ref">2</sup>'],
      ['paragraph', '', 'Đoạn của mục.'],
      ['task', '-', 'Chỉ đạo thực hiện:'],
      ['task', '-', 'Tham mưu, thực hiện:'],
      ['task', '-', 'Thời gian thực hiện:'],
      ['item', '1.1.', 'Mục con'],
    ]);
    expect(view.blocks[5].html).toBe('Quý II, III/2023.');
    expect(view.footnotes).toEqual([
      { number: 1, html: 'chú thích b' },
      { number: 2, html: 'chú thích a' },
    ]);
    expect(view.signature.lines.map((l) => l.bold)).toEqual([true, false, true]);
    const draft = buildDocumentView({ issuer: { ...issuer, family: 'state' }, content, mode: { kind: 'draft', round: 2, year: 2024 } });
    expect(draft.draft).toEqual({ label: 'DỰ THẢO LẦN 2' });
    expect(draft.blocks[0].label).toBe('I.');
    expect(draft.dateLine).toMatch(/^Bình Định, ngày\u00a0+tháng\u00a0+năm 2024$/);
    // Awaiting signature: the text as it will be issued, number and date left for the register.
    const final = buildDocumentView({ issuer, content, mode: { kind: 'final', year: 2024 } });
    expect(final.draft).toBeNull();
    expect(final.numberLine).toMatch(/^Số\s+-KH\/BCĐ$/);
    expect(final.dateLine).toMatch(/^Bình Định, ngày\u00a0+tháng\u00a0+năm 2024$/);
    // Parts and nodes keep their content ids, so the web preview anchors comments to them.
    expect(view.blocks.map((b) => b.id)).toEqual(['p', 'i', 'x', '', '', '', 'j']);
    // The web embeds the document alone, the blocks that comments point at marked.
    const fragment = new DocumentTemplates().fragment(view, { marked: ['i'] });
    expect(fragment).toMatch(/^<article class="document party">/m);
    expect(fragment).toContain('<p class="item item-1 marked" id="doc-i" data-anchor="i">');
    expect(fragment).toContain('<p class="part" id="doc-p" data-anchor="p">');
    expect(fragment).not.toContain('<script');
    expect(new DocumentTemplates().html(view, 'x')).toContain('window.PagedConfig');
  });
});

describe('document view: appendices', () => {
  const column = (title: string) => ({ id: title, title, role: null });
  const content = (columns: number, orientation: 'portrait' | 'landscape' | null = null) =>
    ({
      schemaVersion: 1,
      documentType: 'KH',
      summary: 'phòng, chống thiên tai',
      place: null,
      preamble: { paragraphs: [], references: [] },
      parts: [],
      closing: [],
      reportingDuties: [],
      recipients: [],
      footnotes: [],
      signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ', signerUserId: null, authorityId: null },
      appendices: [
        {
          id: 'a1',
          title: 'DANH MỤC NHIỆM VỤ',
          attachmentLine: true,
          orientation,
          children: [
            {
              kind: 'table',
              id: 't',
              caption: null,
              columns: Array.from({ length: columns }, (_, i) => column(`Cột ${i + 1}`)),
              rows: [
                {
                  id: 'r',
                  cells: [
                    { text: 'I', colSpan: 1 },
                    { text: '**Nhóm**', colSpan: columns - 1 },
                  ],
                  task: null,
                },
              ],
            },
          ],
        },
        { id: 'a2', title: 'BIỂU MẪU', attachmentLine: false, orientation: null, children: [] },
      ],
    }) as unknown as PlanContent;
  const issuer = {
    family: 'state' as const,
    fullName: 'Ủy ban nhân dân xã Nhơn Hậu',
    symbolAbbreviation: 'UBND',
    placeName: 'Nhơn Hậu',
    superiorHeader: null,
    headerName: 'ỦY BAN NHÂN DÂN\nXÃ NHƠN HẬU',
  };

  it('labels several appendices I, II; completes the attachment line from the number and date once issued', () => {
    const view = buildDocumentView({
      issuer,
      content: content(6),
      mode: { kind: 'issued', numberSymbol: '12/KH-UBND', issuedOn: '2025-03-05', stamp: null },
    });
    expect(view.appendices.map((a) => [a.label, a.title, a.attachmentLine])).toEqual([
      ['PHỤ LỤC I', 'DANH MỤC NHIỆM VỤ', '(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân xã Nhơn Hậu)'],
      ['PHỤ LỤC II', 'BIỂU MẪU', ''],
    ]);
    const table = view.appendices[0].blocks[0].table!;
    expect(table.rows[0]).toMatchObject({
      group: true,
      cells: [
        { html: 'I', colSpan: 1 },
        { html: '<b>Nhóm</b>', colSpan: 5 },
      ],
    });
  });

  it('a draft keeps blanks for the number and the date; a wide table turns its appendix landscape unless told', () => {
    const draft = buildDocumentView({ issuer, content: content(6), mode: { kind: 'draft', round: 1, year: 2025 } });
    expect(draft.appendices[0].attachmentLine).toMatch(
      /^\(Kèm theo Kế hoạch số \u00a0+\/KH-UBND ngày \u00a0+\/\u00a0+\/2025 của Ủy ban nhân dân xã Nhơn Hậu\)$/,
    );
    expect(draft.appendices.map((a) => a.landscape)).toEqual([true, false]);
    expect(buildDocumentView({ issuer, content: content(4), mode: { kind: 'draft', round: 1, year: 2025 } }).appendices[0].landscape).toBe(false);
    expect(
      buildDocumentView({ issuer, content: content(6, 'portrait'), mode: { kind: 'draft', round: 1, year: 2025 } }).appendices[0].landscape,
    ).toBe(false);
  });
});
