import type { PlanContent } from '@app/plans';
import { archiveRecipient, recipientLine } from '@app/plans';
import { contentDifferences } from '../parser/content-differences';
import { parsePlan } from '../parser/plan-parser';
import { readDocxFile } from '../readers/docx-reader';
import { OrganizationMatcher, linkContent } from '../services/import-linker';
import { ReportBuilder } from '../parser/import-report';
import { planToDocx } from './plan-docx';

const ISSUER = {
  family: 'state' as const,
  fullName: 'Ủy ban nhân dân huyện Tuy Phước',
  symbolAbbreviation: 'UBND',
  placeName: 'Tuy Phước',
  superiorHeader: null,
  headerName: 'ỦY BAN NHÂN DÂN\nHUYỆN TUY PHƯỚC',
};

/** A plan with what the seeds lack: letters past "d", "+" lines, a dated task, a footnote in a heading. */
const CONTENT: PlanContent = {
  schemaVersion: 1,
  documentType: 'KH',
  summary: 'phòng, chống thiên tai năm 2025',
  place: null,
  preamble: {
    paragraphs: [
      'Căn cứ Luật Phòng, chống thiên tai năm 2013; thực hiện Kế hoạch số 09/KH-UBND ngày 10/01/2025 của UBND tỉnh, UBND huyện ban hành kế hoạch như sau:',
    ],
    references: [
      { id: 'r1', documentType: 'Luật', numberSymbol: null, date: null, issuer: null, title: 'Phòng, chống thiên tai năm 2013', planId: null },
      { id: 'r2', documentType: 'Kế hoạch', numberSymbol: '09/KH-UBND', date: '2025-01-10', issuer: 'UBND tỉnh', title: null, planId: null },
    ],
  },
  parts: [
    {
      id: 'p1',
      title: 'Mục tiêu',
      children: [
        {
          kind: 'item',
          id: 'i1',
          heading: 'Chủ động phòng ngừa[^n1]',
          text: null,
          task: null,
          children: [
            {
              kind: 'item',
              id: 'i11',
              heading: 'Ở cấp xã',
              text: null,
              task: null,
              children: [
                'Rà soát khu dân cư ven sông.',
                'Gia cố đê bao.',
                'Nạo vét kênh mương.',
                'Chuẩn bị vật tư.',
                'Diễn tập sơ tán.',
                'Tuyên truyền *trên loa*.',
              ].map((text, i) => ({ kind: 'item' as const, id: `l${i}`, heading: null, text, task: null, children: [] })),
            },
          ],
        },
      ],
    },
    {
      id: 'p2',
      title: 'NHIỆM VỤ',
      children: [
        {
          kind: 'item',
          id: 'i2',
          heading: 'Kiểm tra công trình.',
          text: 'Trước mùa mưa bão.',
          task: {
            directedBy: null,
            carriedOutBy: 'Phòng Nông nghiệp và Môi trường',
            assigneeOrganizationIds: [],
            timeframe: { kind: 'date', date: '2025-08-31', text: null },
          },
          children: [
            { kind: 'paragraph', id: 'g1', text: 'Ưu tiên các hồ chứa xung yếu.' },
            {
              kind: 'bullet',
              id: 'b1',
              text: 'Hồ chứa:',
              children: [
                { kind: 'bullet', id: 'b2', text: 'Hồ Núi Một;', children: [] },
                { kind: 'bullet', id: 'b3', text: 'Hồ Thuận Ninh.', children: [] },
              ],
            },
          ],
        },
      ],
    },
  ],
  closing: ['Trên đây là Kế hoạch phòng, chống thiên tai năm 2025./.'],
  appendices: [],
  reportingDuties: [],
  recipients: [
    recipientLine('c1', 'UBND tỉnh', { purpose: 'report', note: 'b/c' }),
    recipientLine('c2', 'Các xã, thị trấn'),
    archiveRecipient('c3', 'VT'),
  ],
  signature: {
    capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
    signerName: 'Phạm Minh Đức',
    signerUserId: null,
    authorityId: null,
  },
  footnotes: [{ id: 'n1', text: 'Theo *Luật* Phòng, chống thiên tai.' }],
};

describe('Word export', () => {
  it('reads back to the same plan: Word lists, written letters (a, b, c, d, đ, e), "+" lines, a dated task, footnotes', async () => {
    const bytes = await planToDocx({
      issuer: ISSUER,
      content: CONTENT,
      mode: { kind: 'issued', numberSymbol: '15/KH-UBND', issuedOn: '2025-03-12', stamp: null },
    });
    const document = await readDocxFile(bytes);
    expect(document.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        'I. **Mục tiêu**',
        'đ) Diễn tập sơ tán.',
        'e) Tuyên truyền *trên loa*.',
        '+ Hồ Núi Một;',
        '- Thời gian thực hiện: Trước ngày 31/8/2025.',
      ]),
    );
    const result = parsePlan(document);
    expect(result.detected).toMatchObject({ family: 'state', numberSymbol: '15/KH-UBND', date: '2025-03-12', draft: false, place: 'Tuy Phước' });
    const linked = linkContent(
      result.content,
      {
        organizations: [],
        issuer: { id: 'x', parentId: null, fullName: ISSUER.fullName, shortName: 'UBND huyện', placeName: 'Tuy Phước' },
        plans: [],
      },
      new ReportBuilder(),
    );
    const differences = contentDifferences(CONTENT, linked);
    if (differences.length) console.error(differences.join('\n'));
    expect(differences).toEqual([]);
    expect(result.report.unrecognized).toEqual([]);
  });

  it('writes lettered parts with their letter and restarts the Roman numbers under each, and reads them back so', async () => {
    const lettered: PlanContent = {
      ...CONTENT,
      parts: [
        { id: 'ga', title: 'Kết quả năm 2024', group: true, children: [] },
        ...CONTENT.parts,
        {
          id: 'gb',
          title: 'Nhiệm vụ năm 2025',
          group: true,
          children: [{ kind: 'paragraph', id: 'gbp', text: 'Năm 2025 tập trung các nhiệm vụ sau.' }],
        },
        {
          id: 'p9',
          title: 'Giải pháp',
          children: [{ kind: 'item', id: 'i9', heading: null, text: 'Tăng cường kiểm tra.', task: null, children: [] }],
        },
      ],
    };
    const bytes = await planToDocx({
      issuer: ISSUER,
      content: lettered,
      mode: { kind: 'issued', numberSymbol: '15/KH-UBND', issuedOn: '2025-03-12', stamp: null },
    });
    const document = await readDocxFile(bytes);
    const partLines = document.lines.map((l) => l.text.replace(/\*\*/g, '')).filter((t) => /^(?:[A-Z]|[IVX]+)\. \p{Lu}/u.test(t));
    expect(partLines.map((t) => t.slice(0, t.indexOf(' ')))).toEqual(['A.', 'I.', 'II.', 'B.', 'I.']);
    const { content } = parsePlan(document);
    expect(content.parts.map((p) => [p.group ?? false, p.title])).toEqual([
      [true, 'Kết quả năm 2024'],
      [false, 'Mục tiêu'],
      [false, 'NHIỆM VỤ'],
      [true, 'Nhiệm vụ năm 2025'],
      [false, 'Giải pháp'],
    ]);
  });

  it('a công văn has no type name: "V/v ..." under its number, "Kính gửi:" its addressees, Nơi nhận "Như trên"', async () => {
    const bytes = await planToDocx({
      issuer: ISSUER,
      content: {
        ...CONTENT,
        documentType: 'CV',
        summary: 'đính chính Kế hoạch số 15/KH-UBND',
        recipients: [
          recipientLine('r1', 'Sở Tài chính', { purpose: 'inform' }),
          recipientLine('r2', 'UBND tỉnh', { purpose: 'report', note: 'b/c' }),
          archiveRecipient('r3', 'VT'),
        ],
      },
      mode: { kind: 'issued', numberSymbol: '16/UBND', issuedOn: '2025-03-14', stamp: null },
    });
    const lines = (await readDocxFile(bytes)).lines.map((l) => l.text.replace(/\*\*/g, ''));
    expect(lines).toContain('V/v đính chính Kế hoạch số 15/KH-UBND');
    expect(lines).toContain('Kính gửi:');
    expect(lines).toContain('Sở Tài chính.');
    expect(lines).toEqual(expect.arrayContaining(['- Như trên;', '- UBND tỉnh (b/c);', '- Lưu: VT.']));
    expect(lines.filter((t) => /^(KẾ HOẠCH|CÔNG VĂN)$/.test(t.trim()))).toEqual([]);
  });

  it('a draft shows "DỰ THẢO LẦN 2" and a blank number and date', async () => {
    const bytes = await planToDocx({
      issuer: { ...ISSUER, family: 'party', headerName: 'HUYỆN ỦY TUY PHƯỚC', superiorHeader: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH', symbolAbbreviation: 'HU' },
      content: CONTENT,
      mode: { kind: 'draft', round: 2, year: 2025 },
    });
    const { detected } = parsePlan(await readDocxFile(bytes));
    expect(detected).toMatchObject({
      family: 'party',
      draft: true,
      draftRound: 2,
      number: null,
      symbolOrganization: 'HU',
      year: 2025,
      date: null,
      superiorBody: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH',
      issuingBody: 'HUYỆN ỦY TUY PHƯỚC',
    });
  });
});

describe('organization names', () => {
  const orgs = [
    { id: 'tinh', parentId: null, fullName: 'Ủy ban nhân dân tỉnh Bình Định', shortName: 'UBND tỉnh', placeName: 'Bình Định' },
    { id: 'huyen', parentId: 'tinh', fullName: 'Ủy ban nhân dân huyện Tuy Phước', shortName: 'UBND huyện', placeName: 'Tuy Phước' },
    { id: 'xa', parentId: 'huyen', fullName: 'Ủy ban nhân dân xã Phước Thuận', shortName: 'UBND xã', placeName: 'Phước Thuận' },
    { id: 'khac', parentId: null, fullName: 'Ủy ban nhân dân huyện An Lão', shortName: 'UBND huyện', placeName: 'An Lão' },
  ];

  it('match full names anywhere, abbreviations spelled out, short names only near the issuer', () => {
    const matcher = new OrganizationMatcher(orgs, 'xa');
    expect(matcher.find('UBND tỉnh Bình Định')?.id).toBe('tinh');
    expect(matcher.find('Uỷ ban nhân dân xã Phước Thuận')?.id).toBe('xa');
    // "UBND huyện" near Phước Thuận is its parent, not the other district of the same short name.
    expect(matcher.find('UBND huyện (qua Phòng Nội vụ)')?.id).toBe('huyen');
    expect(new OrganizationMatcher(orgs, null).find('UBND huyện')).toBeNull();
  });
});
