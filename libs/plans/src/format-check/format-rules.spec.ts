import { isCollectiveBody } from '@app/identity';
import { archiveRecipient, recipientLine } from '../content/plan-content';
import type { Item, PlanContent, Table } from '../content/plan-content';
import { capacityPrefix, checkFormat, citationYearMismatches, citedDates, FormatFacts } from './format-rules';

function good(): PlanContent {
  return {
    schemaVersion: 1,
    documentType: 'KH',
    summary: 'triển khai nhiệm vụ trọng tâm năm 2024',
    place: null,
    preamble: {
      paragraphs: ['Thực hiện Chương trình số 04-CTr/BDVTU ngày 02/01/2024 của Ban Chỉ đạo tỉnh, như sau:'],
      references: [
        {
          id: 'ref',
          documentType: 'Chương trình',
          numberSymbol: '04-CTr/BDVTU',
          date: '2024-01-02',
          issuer: 'Ban Chỉ đạo tỉnh',
          title: null,
          planId: null,
        },
      ],
    },
    parts: [
      { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: [{ kind: 'paragraph', id: 'a', text: 'Phát huy dân chủ[^1].' }] },
      {
        id: 'p2',
        title: 'NỘI DUNG',
        children: [
          {
            kind: 'item',
            id: 't1',
            heading: null,
            text: 'Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.',
            task: {
              directedBy: 'Trưởng Ban',
              carriedOutBy: 'Ban Tuyên giáo',
              assigneeOrganizationIds: [],
              timeframe: { kind: 'quarter', quarters: [2], year: 2024, text: null },
            },
            children: [],
          },
        ],
      },
    ],
    closing: [],
    appendices: [],
    reportingDuties: [
      {
        id: 'd1',
        what: 'kết quả 6 tháng',
        period: '6 tháng',
        deadline: '2024-06-15',
        to: 'Ban Chỉ đạo',
        toOrganizationId: null,
        reporterOrganizationIds: [],
      },
    ],
    recipients: [
      recipientLine('r1', 'Ban Thường vụ', { purpose: 'report' }),
      recipientLine('r2', 'Đảng bộ Sở Tài chính', { mustImplement: true, implementationDueDate: '2024-02-15' }),
      archiveRecipient('r3', 'VP'),
    ],
    signature: { capacityLines: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], signerName: 'Nguyễn Văn An', signerUserId: 'u1', authorityId: 'a1' },
    footnotes: [{ id: '1', text: 'Chú thích.' }],
  };
}

const PARTY: FormatFacts = {
  family: 'party',
  planDate: '2024-01-24',
  signerAuthorities: [{ id: 'a1', capacityLines: ['T/M Ban Thường vụ', 'Phó Bí thư'] }],
};

function codesOf(content: PlanContent, facts: FormatFacts = PARTY) {
  const result = checkFormat(content, facts);
  return { errors: result.errors.map((e) => e.code), warnings: result.warnings.map((w) => w.code) };
}

function task(content: PlanContent): Item {
  return content.parts[1].children[0] as Item;
}

describe('format check rules (kiểm tra thể thức)', () => {
  it('a well-formed Party plan has no error and no warning', () => {
    expect(codesOf(good())).toEqual({ errors: [], warnings: [] });
  });

  it('a well-formed State plan: TM. / KT. lines and a summary that may start upper case', () => {
    const c = good();
    c.summary = 'Thực hiện dân chủ ở cơ sở năm 2024';
    c.signature.capacityLines = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
    const facts: FormatFacts = {
      family: 'state',
      planDate: '2024-01-24',
      signerAuthorities: [{ id: 'a1', capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] }],
    };
    expect(codesOf(c, facts)).toEqual({ errors: [], warnings: [] });
  });

  it('warns when a collective body (Ủy ban nhân dân) signs without "TM.", and only then', () => {
    const c = good();
    c.summary = 'Thực hiện dân chủ ở cơ sở năm 2024';
    const facts = (capacityLines: string[], collectiveBody: boolean): FormatFacts => ({
      family: 'state',
      planDate: '2024-01-24',
      collectiveBody,
      signerAuthorities: [{ id: 'a1', capacityLines }],
    });
    const sign = (capacityLines: string[], collectiveBody: boolean) => {
      c.signature.capacityLines = capacityLines;
      return checkFormat(c, facts(capacityLines, collectiveBody));
    };
    const chairman = sign(['CHỦ TỊCH'], true);
    expect(chairman.errors).toEqual([]);
    expect(chairman.warnings).toEqual([
      expect.objectContaining({
        path: 'signature.capacityLines.0',
        code: 'collective_body_without_tm',
        message: expect.stringContaining('TM. ỦY BAN NHÂN DÂN'),
      }),
    ]);
    expect(sign(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], true).warnings.map((w) => w.code)).toEqual(['collective_body_without_tm']);
    expect(sign(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], true).warnings).toEqual([]);
    expect(sign(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], true).warnings).toEqual([]);
    // A head who decides alone (giám đốc sở) signs in his own name.
    expect(sign(['GIÁM ĐỐC'], false).warnings).toEqual([]);
  });

  it('knows a collective body from its kind: a State Ủy ban or Hội đồng nhân dân', () => {
    expect(isCollectiveBody({ family: 'state', fullName: 'Ủy ban nhân dân xã Nhơn Hậu' })).toBe(true);
    expect(isCollectiveBody({ family: 'state', fullName: 'Uỷ ban nhân dân thị xã An Nhơn' })).toBe(true);
    expect(isCollectiveBody({ family: 'state', fullName: 'Ủy ban nhân dân xã Nhơn Hậu'.normalize('NFD') })).toBe(true);
    expect(isCollectiveBody({ family: 'state', fullName: 'Hội đồng nhân dân tỉnh Bình Định' })).toBe(true);
    expect(isCollectiveBody({ family: 'state', fullName: 'Sở Tài chính tỉnh Bình Định' })).toBe(false);
    expect(isCollectiveBody({ family: 'party', fullName: 'Đảng ủy Khối các cơ quan tỉnh Bình Định' })).toBe(false);
  });

  const cases: [string, (c: PlanContent) => void, string][] = [
    ['summary missing', (c) => (c.summary = ''), 'summary_missing'],
    ['no part', (c) => (c.parts = []), 'no_parts'],
    ['an empty part', (c) => (c.parts[0].children = []), 'empty_part'],
    ['a task without who carries it out', (c) => (task(c).task!.carriedOutBy = ''), 'task_without_carrier'],
    ['a task without when', (c) => (task(c).task!.timeframe = { kind: 'text', text: '' }), 'task_without_time'],
    ['no recipients', (c) => (c.recipients = []), 'recipients_missing'],
    ['recipients not ending with the archive copy', (c) => c.recipients.pop(), 'archive_copy_missing'],
    ['the archive copy in the middle', (c) => c.recipients.unshift({ ...c.recipients[2], id: 'r0' }), 'archive_not_last'],
    ['a recipient without a purpose', (c) => ((c.recipients[0] as { purpose: unknown }).purpose = undefined), 'recipient_purpose_missing'],
    ['a recipient that must implement but is only informed', (c) => (c.recipients[1].purpose = 'inform'), 'implementing_recipient_purpose'],
    ['a signature block without capacity', (c) => (c.signature.capacityLines = []), 'signature_missing'],
    ['a signature without the signer name', (c) => (c.signature.signerName = ''), 'signer_name_missing'],
    ['a State capacity on a Party plan', (c) => (c.signature.capacityLines = ['TM. BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ']), 'capacity_wrong_family'],
    ['a capacity line without a title below', (c) => (c.signature.capacityLines = ['T/M BAN THƯỜNG VỤ']), 'signature_title_missing'],
    ['T/M with K/T on a Party plan', (c) => (c.signature.capacityLines = ['T/M BAN THƯỜNG VỤ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ']), 'party_tm_with_kt'],
    ['a signer without that authority on the date', (c) => (c.signature.capacityLines = ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ']), 'signer_lacks_authority'],
    ['an authority id that is not the matching one', (c) => (c.signature.authorityId = 'other'), 'authority_mismatch'],
    ['a reporting deadline on or before the plan date', (c) => (c.reportingDuties[0].deadline = '2024-01-24'), 'deadline_not_after_plan_date'],
    [
      'an implementation due date before the plan date',
      (c) => (c.recipients[1].implementationDueDate = '2023-12-31'),
      'due_date_not_after_plan_date',
    ],
    ['an impossible date in the text', (c) => ((c.parts[0].children[0] as { text: string }).text = 'Trước ngày 30/2/2024.'), 'invalid_date'],
    ['an impossible date in a duty', (c) => (c.reportingDuties[0].deadline = '2024-13-01'), 'invalid_date'],
  ];

  it.each(cases)('error: %s', (_name, breakIt, code) => {
    const c = good();
    breakIt(c);
    expect(codesOf(c).errors).toContain(code);
  });

  it('an error for the other family works both ways: T/M on a State plan', () => {
    const c = good();
    const result = codesOf(c, { family: 'state', planDate: '2024-01-24', signerAuthorities: PARTY.signerAuthorities });
    expect(result.errors).toEqual(['capacity_wrong_family']);
  });

  const warningCases: [string, (c: PlanContent) => void, string][] = [
    ['a Party summary starting upper case', (c) => (c.summary = 'Triển khai nhiệm vụ'), 'summary_starts_upper_case'],
    ['no signer chosen', (c) => (c.signature.signerUserId = null), 'signer_not_chosen'],
    ['a number typed into a title', (c) => (c.parts[0].title = 'I- MỤC ĐÍCH'), 'typed_number'],
    ['a footnote never cited', (c) => c.footnotes.push({ id: '2', text: 'Thừa.' }), 'footnote_unused'],
    [
      'a cited document dated before the year of its number',
      (c) => ((c.parts[0].children[0] as { text: string }).text = 'Nghị định số 59/2023/NĐ-CP ngày 09/01/2015 của Chính phủ.'),
      'reference_year_mismatch',
    ],
    [
      'a task due before the plan date',
      (c) => (task(c).task!.timeframe = { kind: 'date', date: '2024-01-01', text: null }),
      'timeframe_before_plan_date',
    ],
    [
      'a due date for a recipient that need not implement',
      (c) => (c.recipients[0].implementationDueDate = '2024-03-01'),
      'due_date_without_implementation',
    ],
    ['a capacity written without its dot', (c) => (c.signature.capacityLines = ['TM BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ']), 'capacity_prefix_spelling'],
  ];

  it.each(warningCases)('warning (does not block): %s', (_name, change, code) => {
    const c = good();
    change(c);
    expect(codesOf(c).warnings).toContain(code);
  });

  it('every problem has a path and a Vietnamese message', () => {
    const c = good();
    c.summary = '';
    c.recipients = [];
    const result = checkFormat(c, PARTY);
    for (const e of result.errors) {
      expect(e.path).toBeTruthy();
      expect(e.message).toMatch(/[à-ỹ]/);
    }
  });

  it('helpers: capacity prefixes, cited dates, year mismatches', () => {
    expect(['T/M BAN', 'K/T BÍ THƯ', 'TM. UBND', 'TUQ. CHỦ TỊCH', 'Q. CHÁNH VĂN PHÒNG', 'PHÓ BÍ THƯ', 'kiêm', 'TMX'].map(capacityPrefix)).toEqual([
      'T/M',
      'K/T',
      'TM.',
      'TUQ.',
      'Q.',
      null,
      null,
      null,
    ]);
    expect(citedDates('ngày 29/3/2018 và 31/4/2020, số 1055/UBND-TH')).toEqual([
      { text: '29/3/2018', valid: true },
      { text: '31/4/2020', valid: false },
    ]);
    expect(citationYearMismatches('Luật số 10/2022/QH15 ngày 10/11/2022; Nghị định số 59/2023/NĐ-CP ngày 09/01/2015')).toEqual([
      '59/2023/NĐ-CP ngày 09/01/2015',
    ]);
  });
});

describe('format check rules: appendices and tables', () => {
  const withAppendix = (rows: Table['rows'], columns: Table['columns'], title = 'DANH MỤC NHIỆM VỤ'): PlanContent => ({
    ...good(),
    appendices: [{ id: 'ap', title, attachmentLine: true, orientation: null, children: [{ kind: 'table', id: 'tb', caption: null, columns, rows }] }],
  });
  const columns = (roles: Table['columns'][number]['role'][]): Table['columns'] => roles.map((role, i) => ({ id: `c${i}`, title: role ?? '', role }));
  const cells = (...texts: string[]) => texts.map((text) => ({ text, colSpan: 1 }));

  it('a task row is checked like a task item: who carries out, when, dates after the plan', () => {
    const content = withAppendix(
      [
        {
          id: 'r1',
          cells: cells('1', 'Tuyên truyền', '', ''),
          task: { directedBy: null, carriedOutBy: '', assigneeOrganizationIds: [], timeframe: { kind: 'text', text: '' } },
        },
        {
          id: 'r2',
          cells: cells('2', 'Tổng kết', 'Văn phòng', 'Trước ngày 10/01/2024'),
          task: {
            directedBy: null,
            carriedOutBy: 'Văn phòng',
            assigneeOrganizationIds: [],
            timeframe: { kind: 'date', date: '2024-01-10', text: 'Trước ngày 10/01/2024' },
          },
        },
      ],
      columns(['number', 'content', 'carriedOutBy', 'timeframe']),
    );
    const result = checkFormat(content, PARTY);
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['appendices.0.children.0.rows.0.task.carriedOutBy', 'task_without_carrier'],
      ['appendices.0.children.0.rows.0.task.timeframe', 'task_without_time'],
    ]);
    expect(result.warnings.map((w) => [w.path, w.code])).toEqual([
      ['appendices.0.children.0.rows.1.task.timeframe.date', 'timeframe_before_plan_date'],
    ]);
    expect(result.errors[0].message).toContain('Tuyên truyền');
  });

  it('a table without rows, a header cell without a name, task rows without the lead-body column, an appendix without title or content', () => {
    expect(codesOf(withAppendix([], columns(['number', null])))).toEqual({ errors: ['table_empty'], warnings: ['table_header_empty'] });
    const taskRow = {
      id: 'r',
      cells: cells('1', 'Kiểm tra'),
      task: { directedBy: null, carriedOutBy: 'Văn phòng', assigneeOrganizationIds: [], timeframe: { kind: 'ongoing' as const, text: null } },
    };
    expect(
      codesOf(
        withAppendix(
          [taskRow],
          [
            { id: 'a', title: 'TT', role: 'number' },
            { id: 'b', title: 'Nội dung', role: 'content' },
          ],
        ),
      ).warnings,
    ).toEqual(['table_task_columns']);
    const empty: PlanContent = { ...good(), appendices: [{ id: 'ap', title: '', attachmentLine: true, orientation: null, children: [] }] };
    expect(codesOf(empty)).toEqual({ errors: ['empty_appendix'], warnings: ['appendix_title_missing'] });
  });
});
