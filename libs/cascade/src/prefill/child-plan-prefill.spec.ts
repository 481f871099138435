import { archiveRecipient, type Item, type PlanContent, recipientLine, validatePlanContent } from '@app/plans';
import { addDays, citedDocumentDate } from './cascade-dates';
import {
  ChildOrganizationFacts,
  childReportDeadline,
  childSummary,
  namesOrganization,
  ParentPlanFacts,
  prefillChildPlan,
} from './child-plan-prefill';

const PARENT_ORG = {
  id: 'org-bcd',
  fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh',
  shortName: 'Ban Chỉ đạo',
  family: 'party' as const,
};
const CHILD: ChildOrganizationFacts = {
  id: 'org-stc',
  fullName: 'Đảng bộ Sở Tài chính',
  shortName: 'Đảng ủy Sở Tài chính',
  family: 'party',
  subordinates: [
    { id: 'org-c3', fullName: 'Chi bộ Văn phòng Sở', shortName: 'Chi bộ Văn phòng', family: 'party' },
    { id: 'org-c1', fullName: 'Chi bộ Ánh Dương', shortName: 'Chi bộ Ánh Dương', family: 'party' },
    { id: 'org-c2', fullName: 'Chi bộ Đào tạo', shortName: 'Chi bộ Đào tạo', family: 'party' },
  ],
  authorities: [{ id: 'auth-1', userId: 'user-1', userFullName: 'Trần Văn Bình', capacityLines: ['T/M ĐẢNG ỦY', 'BÍ THƯ'] }],
};

function task(id: string, carriedOutBy: string, assignees: string[]): Item {
  return {
    kind: 'item',
    id,
    heading: null,
    text: `Nhiệm vụ ${id}`,
    task: {
      directedBy: 'Đồng chí Trưởng Ban',
      carriedOutBy,
      assigneeOrganizationIds: assignees,
      timeframe: { kind: 'quarter', quarters: [2], year: 2024, text: null },
    },
    children: [],
  };
}

function parentContent(): PlanContent {
  return {
    schemaVersion: 1,
    documentType: 'KH',
    summary: 'triển khai một số nhiệm vụ trọng tâm\nthực hiện dân chủ ở cơ sở năm 2024',
    place: null,
    preamble: { paragraphs: ['Thực hiện Chương trình số 04-CTr/BDVTU ngày 02/01/2024 ...'], references: [] },
    parts: [
      { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: [{ kind: 'paragraph', id: 'para-1', text: 'Nâng cao nhận thức[^f1].' }] },
      {
        id: 'p2',
        title: 'NỘI DUNG',
        children: [
          {
            kind: 'item',
            id: 'i1',
            heading: 'Công tác tuyên truyền',
            text: null,
            task: null,
            children: [
              task('t-by-id', 'Các đảng bộ cơ sở', ['org-stc', 'org-syt']),
              task('t-by-name', 'Ban Tuyên giáo; Dang uy So Tai chinh', []),
              task('t-other', 'Ban Thường vụ Tỉnh ủy; Đảng ủy Sở Y tế', ['org-syt']),
              { kind: 'bullet', id: 'b1', text: 'Tuyên truyền', children: [{ kind: 'bullet', id: 'b2', text: 'trên báo', children: [] }] },
            ],
          },
        ],
      },
    ],
    closing: ['Trên đây là Kế hoạch của Ban Chỉ đạo.'],
    appendices: [],
    reportingDuties: [
      {
        id: 'd1',
        what: 'kết quả 6 tháng',
        period: '6 tháng',
        deadline: '2024-06-15',
        to: 'Ban Chỉ đạo',
        toOrganizationId: 'org-bcd',
        reporterOrganizationIds: [],
      },
      {
        id: 'd2',
        what: 'kết quả năm',
        period: 'cuối năm',
        deadline: '2024-11-03',
        to: 'Ban Chỉ đạo',
        toOrganizationId: 'org-bcd',
        reporterOrganizationIds: ['org-stc'],
      },
      {
        id: 'd3',
        what: 'riêng Sở Y tế',
        period: null,
        deadline: '2024-09-01',
        to: 'Ban Chỉ đạo',
        toOrganizationId: 'org-bcd',
        reporterOrganizationIds: ['org-syt'],
      },
    ],
    recipients: [
      recipientLine('r1', 'Ban Dân vận Tỉnh ủy', { purpose: 'report' }),
      recipientLine('r2', 'Đảng bộ Sở Tài chính', { organizationId: 'org-stc', mustImplement: true }),
      recipientLine('r3', 'Đảng bộ Sở Y tế', { organizationId: 'org-syt', mustImplement: true, implementationDueDate: '2024-03-01' }),
      archiveRecipient('r4', 'VP, BTGĐUK'),
    ],
    signature: { capacityLines: ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'], signerName: 'Bùi Quang Nhựt', signerUserId: null, authorityId: null },
    footnotes: [{ id: 'f1', text: 'Chú thích.' }],
  };
}

const PARENT: ParentPlanFacts = {
  planId: 'plan-parent',
  content: parentContent(),
  numberSymbol: '04-KH/BCĐ',
  issuedOn: '2024-01-24',
  issuer: PARENT_ORG,
};
const OPTIONS = { childReportMarginDays: 5, childPlanDueDays: 15, childDate: '2024-01-25' };

function sequentialIds() {
  let n = 0;
  return () => `id-${++n}`;
}

describe('citedDocumentDate / addDays', () => {
  it('writes cited dates as the seeds do: two-digit day, zero before months 1 and 2 only', () => {
    expect(citedDocumentDate({ year: 2024, month: 1, day: 24 })).toBe('24/01/2024');
    expect(citedDocumentDate({ year: 2024, month: 1, day: 2 })).toBe('02/01/2024');
    expect(citedDocumentDate({ year: 2024, month: 2, day: 7 })).toBe('07/02/2024');
    expect(citedDocumentDate({ year: 2024, month: 3, day: 21 })).toBe('21/3/2024');
    expect(citedDocumentDate({ year: 2013, month: 6, day: 3 })).toBe('03/6/2013');
    expect(citedDocumentDate({ year: 2021, month: 10, day: 25 })).toBe('25/10/2021');
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2024-01-24', 15)).toBe('2024-02-08');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -5)).toBe('2024-02-25');
  });
});

describe('prefillChildPlan', () => {
  const result = prefillChildPlan(PARENT, CHILD, { ...OPTIONS, newId: sequentialIds() });
  const { content } = result;

  it('cites the parent by type, number, date and issuer in the preamble, with a reference pointing to the parent plan', () => {
    expect(content.preamble.paragraphs).toEqual([
      'Thực hiện Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh về triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024, Đảng bộ Sở Tài chính xây dựng Kế hoạch triển khai thực hiện như sau:',
    ]);
    expect(content.preamble.references).toEqual([
      {
        id: expect.any(String),
        documentType: 'Kế hoạch',
        numberSymbol: '04-KH/BCĐ',
        date: '2024-01-24',
        issuer: PARENT_ORG.fullName,
        title: 'về triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024',
        planId: 'plan-parent',
      },
    ]);
  });

  it("names the parent in its own summary line: number, date dd/mm/yyyy and issuer, not a copy of the parent's", () => {
    expect(content.summary).toBe(
      'triển khai thực hiện Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh',
    );
    expect(content.summary).not.toContain(PARENT.content.summary.split('\n')[0]);
    expect(content.documentType).toBe('KH');
    expect(content.place).toBeNull();
    const stateParent = {
      numberSymbol: '56/KH-UBND',
      issuedOn: '2024-03-21',
      issuer: { id: 'o', fullName: 'Ủy ban nhân dân thị xã An Nhơn', shortName: 'UBND thị xã', family: 'state' as const },
    };
    expect(childSummary(stateParent, 'Kế hoạch', 'state')).toBe(
      'Triển khai thực hiện Kế hoạch số 56/KH-UBND ngày 21/03/2024 của Ủy ban nhân dân thị xã An Nhơn',
    );
  });

  it("counts report deadlines from the child's own date: never before it, moved on by whole years when already past", () => {
    expect(childReportDeadline('2024-06-15', 5, '2024-01-25')).toBe('2024-06-10');
    expect(childReportDeadline('2024-06-15', 5, '2025-02-03')).toBe('2025-06-10');
    expect(childReportDeadline('2024-03-04', 4, '2025-01-10')).toBe('2025-02-28');
    expect(childReportDeadline('2024-06-15', 5, '2024-06-10')).toBe('2024-06-10');
    const late = prefillChildPlan(PARENT, CHILD, { ...OPTIONS, childDate: '2026-12-06' });
    expect(late.content.reportingDuties.map((d) => d.deadline)).toEqual(['2027-06-10', '2027-10-29']);
    expect(late.content.reportingDuties.every((d) => d.deadline >= '2026-12-06')).toBe(true);
  });

  it('copies the parts as an outline with fresh ids and marks the tasks of this organization, by id or by name', () => {
    expect(content.parts.map((p) => p.title)).toEqual(['MỤC ĐÍCH, YÊU CẦU', 'NỘI DUNG']);
    const parentIds = new Set(['p1', 'p2', 'para-1', 'i1', 't-by-id', 't-by-name', 't-other', 'b1', 'b2']);
    const ids: string[] = [];
    const walk = (nodes: unknown[]) =>
      nodes.forEach((n) => {
        const node = n as { id: string; children?: unknown[] };
        ids.push(node.id);
        if (node.children) walk(node.children);
      });
    walk(content.parts);
    expect(ids).toHaveLength(9);
    expect(ids.some((id) => parentIds.has(id))).toBe(false);

    const section = content.parts[1].children[0] as Item;
    const [byId, byName, other, bullet] = section.children as Item[];
    expect(result.assignedItems).toEqual([
      { itemId: byId.id, parentItemId: 't-by-id', matchedBy: 'organization' },
      { itemId: byName.id, parentItemId: 't-by-name', matchedBy: 'name' },
    ]);
    expect(byName.task!.assigneeOrganizationIds).toEqual(['org-stc']);
    expect(other.task!.assigneeOrganizationIds).toEqual(['org-syt']);
    expect(other.task!.carriedOutBy).toBe('Ban Thường vụ Tỉnh ủy; Đảng ủy Sở Y tế');
    expect(bullet).toMatchObject({ kind: 'bullet', text: 'Tuyên truyền', children: [{ kind: 'bullet', text: 'trên báo' }] });
    // the parent's content is not touched
    expect(PARENT.content.parts[1].children[0]).toMatchObject({ id: 'i1' });
    expect((PARENT.content.parts[1].children[0] as Item).children[1]).toMatchObject({ task: { assigneeOrganizationIds: [] } });
    expect(content.footnotes).toEqual([{ id: 'f1', text: 'Chú thích.' }]);
    expect(content.closing).toEqual([]);
  });

  it('keeps the duties meant for this organization, due earlier by the margin, reported to the organization itself', () => {
    expect(content.reportingDuties).toEqual([
      {
        id: expect.any(String),
        what: 'kết quả 6 tháng',
        period: '6 tháng',
        deadline: '2024-06-10',
        to: 'Đảng bộ Sở Tài chính',
        toOrganizationId: 'org-stc',
        reporterOrganizationIds: [],
      },
      {
        id: expect.any(String),
        what: 'kết quả năm',
        period: 'cuối năm',
        deadline: '2024-10-29',
        to: 'Đảng bộ Sở Tài chính',
        toOrganizationId: 'org-stc',
        reporterOrganizationIds: [],
      },
    ]);
  });

  it('suggests recipients: the parent issuer to report to, its own subordinates to implement in Vietnamese order, then the archive', () => {
    expect(content.recipients.map((r) => [r.name, r.organizationId, r.purpose, r.note, r.mustImplement])).toEqual([
      [PARENT_ORG.fullName, 'org-bcd', 'report', 'để báo cáo', false],
      ['Chi bộ Ánh Dương', 'org-c1', 'implement', 'để thực hiện', true],
      ['Chi bộ Đào tạo', 'org-c2', 'implement', 'để thực hiện', true],
      ['Chi bộ Văn phòng Sở', 'org-c3', 'implement', 'để thực hiện', true],
      ['VP', null, 'archive', null, false],
    ]);
  });

  it('fills the signature from the only signing authority, and leaves it blank when there are several or none', () => {
    expect(content.signature).toEqual({
      capacityLines: ['T/M ĐẢNG ỦY', 'BÍ THƯ'],
      signerName: 'Trần Văn Bình',
      signerUserId: 'user-1',
      authorityId: 'auth-1',
    });
    const two = prefillChildPlan(
      PARENT,
      {
        ...CHILD,
        authorities: [
          ...CHILD.authorities,
          { id: 'auth-2', userId: 'user-2', userFullName: 'Lê Thị Hà', capacityLines: ['T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'] },
        ],
      },
      OPTIONS,
    );
    expect(two.content.signature).toEqual({ capacityLines: [], signerName: '', signerUserId: null, authorityId: null });
  });

  it('takes the due date from the recipient line, or the default number of days after issue', () => {
    expect(result).toMatchObject({ dueDate: '2024-02-08', recipientId: 'r2' });
    const syt = prefillChildPlan(PARENT, { ...CHILD, id: 'org-syt', fullName: 'Đảng bộ Sở Y tế', shortName: 'Đảng ủy Sở Y tế' }, OPTIONS);
    expect(syt).toMatchObject({ dueDate: '2024-03-01', recipientId: 'r3' });
    expect(syt.content.reportingDuties.map((d) => d.what)).toEqual(['kết quả 6 tháng', 'riêng Sở Y tế']);
  });

  it('gives content that the plans domain accepts as it is (schema and rules)', () => {
    // The fixtures' readable ids made uuids, as they are in the database.
    const uuids = new Map<string, string>();
    const asUuids = <T>(value: T): T =>
      JSON.parse(
        JSON.stringify(value).replace(/"((?:org|user|auth|plan)-[a-z0-9-]+)"/g, (_, id: string) => {
          if (!uuids.has(id)) uuids.set(id, crypto.randomUUID());
          return `"${uuids.get(id)}"`;
        }),
      );
    for (const child of [CHILD, { ...CHILD, authorities: [] }]) {
      const { content: prefilled } = prefillChildPlan(asUuids({ ...PARENT, content: parentContent() }), asUuids(child), {
        ...OPTIONS,
        newId: () => crypto.randomUUID(),
      });
      const validated = validatePlanContent(prefilled);
      expect(validated.ok ? [] : validated.errors).toEqual([]);
    }
  });

  it('writes a State parent with its own symbol and the State archive line', () => {
    const state = prefillChildPlan(
      {
        ...PARENT,
        numberSymbol: '56/KH-UBND',
        issuedOn: '2024-03-21',
        issuer: { id: 'org-tx', fullName: 'Ủy ban nhân dân thị xã An Nhơn', shortName: 'UBND thị xã', family: 'state' },
      },
      {
        ...CHILD,
        id: 'org-nh',
        fullName: 'Ủy ban nhân dân xã Nhơn Hậu',
        shortName: 'UBND xã Nhơn Hậu',
        family: 'state',
        subordinates: [],
        authorities: [],
      },
      OPTIONS,
    );
    expect(state.content.preamble.paragraphs[0]).toMatch(
      /^Thực hiện Kế hoạch số 56\/KH-UBND ngày 21\/3\/2024 của Ủy ban nhân dân thị xã An Nhơn về .*, Ủy ban nhân dân xã Nhơn Hậu xây dựng Kế hoạch .* như sau:$/,
    );
    expect(state.content.recipients.at(-1)).toMatchObject({ name: 'VT, VP', purpose: 'archive' });
    expect(state.dueDate).toBe('2024-04-05');
  });
});

describe('namesOrganization', () => {
  it('matches the full name, or a specific short name, as a whole phrase with or without diacritics', () => {
    const org = { fullName: 'Ủy ban nhân dân xã Nhơn Hậu', shortName: 'UBND xã Nhơn Hậu' };
    expect(namesOrganization('Văn phòng; UBND xã Nhơn Hậu', org)).toBe(true);
    expect(namesOrganization('uy ban nhan dan xa nhon hau', org)).toBe(true);
    expect(namesOrganization('UBND xã Nhơn Hậu Đông', org)).toBe(false);
    expect(namesOrganization('UBND xã Nhơn Phong', org)).toBe(false);
  });

  it('does not take a generic short name for the organization', () => {
    expect(namesOrganization('Ban Thường vụ Tỉnh ủy', { fullName: 'Tỉnh ủy Bình Định', shortName: 'Tỉnh ủy' })).toBe(false);
  });
});

describe('prefillChildPlan: the task rows of an appendix table', () => {
  const parent = parentContent();
  const row = (id: string, cells: string[], carriedOutBy: string | null) => ({
    id,
    cells: cells.map((text) => ({ text, colSpan: 1 })),
    task: carriedOutBy ? { directedBy: null, carriedOutBy, assigneeOrganizationIds: [], timeframe: { kind: 'text' as const, text: cells[3] } } : null,
  });
  parent.appendices = [
    {
      id: 'a1',
      title: 'DANH MỤC NHIỆM VỤ',
      attachmentLine: true,
      orientation: null,
      children: [
        {
          kind: 'table',
          id: 'tbl',
          caption: null,
          columns: [
            { id: 'c1', title: 'TT', role: 'number' },
            { id: 'c2', title: 'Nội dung', role: 'content' },
            { id: 'c3', title: 'Cơ quan chủ trì', role: 'carriedOutBy' },
            { id: 'c4', title: 'Thời gian', role: 'timeframe' },
          ],
          rows: [
            {
              id: 'g1',
              cells: [
                { text: 'I', colSpan: 1 },
                { text: 'Tuyên truyền', colSpan: 3 },
              ],
              task: null,
            },
            row('row-stc', ['1', 'Quán triệt Luật', 'Đảng ủy Sở Tài chính', 'Quý I/2024'], 'Đảng ủy Sở Tài chính'),
            row('row-other', ['2', 'Tổng kết', 'Đảng ủy Sở Y tế', 'Quý IV/2024'], 'Đảng ủy Sở Y tế'),
          ],
        },
      ],
    },
  ];
  const result = prefillChildPlan({ ...PARENT, content: parent }, CHILD, { ...OPTIONS, newId: sequentialIds() });

  it('copies the appendix and marks the rows the child carries out, as it marks task items', () => {
    const table = result.content.appendices[0].children[0];
    expect(table.kind).toBe('table');
    if (table.kind !== 'table') return;
    expect(table.rows.map((r) => r.cells[1].text)).toEqual(['Tuyên truyền', 'Quán triệt Luật', 'Tổng kết']);
    expect(result.assignedItems).toContainEqual({ itemId: table.rows[1].id, parentItemId: 'row-stc', matchedBy: 'name' });
    expect(result.assignedItems.some((a) => a.parentItemId === 'row-other')).toBe(false);
    expect(table.rows[1].task?.assigneeOrganizationIds).toEqual(['org-stc']);
    // Group rows keep their merged cell; the copy stays a valid table.
    expect(table.rows[0].cells.map((c) => c.colSpan)).toEqual([1, 3]);
  });
});
