import { tcvn3, vni } from '../../../../test/support/legacy-encoders';
import { ImportError } from '../importing.error';
import { readTextFile } from '../readers/text-reader';
import { parsePlan } from './plan-parser';

const parse = (text: string | Buffer, format: 'txt' | 'md' = 'txt') =>
  parsePlan(readTextFile(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, format)!);
/** The tree without ids: what a reader sees of the structure. */
const shape = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(shape)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'id')
            .map(([k, v]) => [k, shape(v)]),
        )
      : value;

/** A State plan as Word exports it to text: header table cells side by side, signature beside the recipients. */
const STATE_PLAN = [
  'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HUYỆN TUY PHƯỚC\tĐộc lập - Tự do - Hạnh phúc',
  '-------\t-----------------------',
  'Số: 12/KH-UBND\tTuy Phước, ngày 05 tháng 3 năm 2025',
  '',
  'KẾ HOẠCH',
  'Tổ chức các hoạt động hưởng ứng',
  'Ngày Sách và Văn hóa đọc Việt Nam năm 2025',
  '',
  'Căn cứ Kế hoạch số 36/KH-UBND ngày 21/02/2025 của UBND tỉnh Bình Định về tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2025; Ủy ban nhân dân huyện ban hành Kế hoạch như sau:',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  'a) Phát triển văn hóa đọc trong cộng đồng.',
  'b) Nâng cao nhận thức của cán bộ, nhân dân về vai trò của sách.',
  '2. Yêu cầu',
  'Các hoạt động tổ chức thiết thực, tiết kiệm, hiệu quả.',
  'II. NỘI DUNG',
  '1. Tổ chức trưng bày sách',
  '- Chỉ đạo thực hiện: Phó Chủ tịch UBND huyện.',
  '- Tham mưu thực hiện: Phòng Văn hóa và Thông tin huyện.',
  '- Thời gian thực hiện: Quý II/2025.',
  '2. Phát động cuộc thi giới thiệu sách',
  '- Đối tượng:',
  '+ Học sinh các trường trung học cơ sở;',
  '+ Đoàn viên, thanh niên.',
  'III. TỔ CHỨC THỰC HIỆN',
  '1. Phòng Văn hóa và Thông tin huyện chủ trì, tổng hợp, báo cáo kết quả về UBND tỉnh (qua Sở Văn hóa và Thể thao) trước ngày 30/5/2025.',
  '2. UBND các xã, thị trấn căn cứ Kế hoạch này triển khai thực hiện.',
  'Trên đây là Kế hoạch tổ chức Ngày Sách năm 2025, đề nghị các cơ quan, đơn vị triển khai thực hiện./.',
  'Nơi nhận:\tTM. ỦY BAN NHÂN DÂN',
  '- UBND tỉnh;           }\tKT. CHỦ TỊCH',
  '- Sở VH&TT;            } (b/c)\tPHÓ CHỦ TỊCH',
  '- TT Huyện ủy;         }',
  '- Các xã, thị trấn;\t(Đã ký)',
  '- Lưu: VT, VHTT.',
  '\tNguyễn Văn An',
].join('\n');

describe('parsing a State plan written as Word exports it', () => {
  const result = parse(STATE_PLAN);

  it('reads the header: bodies, Quốc hiệu, number "Số: 12/KH-UBND", place and date', () => {
    expect(result.detected).toMatchObject({
      family: 'state',
      documentType: 'KH',
      superiorBody: null,
      issuingBody: 'ỦY BAN NHÂN DÂN\nHUYỆN TUY PHƯỚC',
      number: 12,
      numberSymbol: '12/KH-UBND',
      symbolOrganization: 'UBND',
      place: 'Tuy Phước',
      date: '2025-03-05',
      draft: false,
    });
    expect(result.content.summary).toBe('Tổ chức các hoạt động hưởng ứng\nNgày Sách và Văn hóa đọc Việt Nam năm 2025');
  });

  it('builds the tree from the numbering: I., 1., a), -, + and unnumbered paragraphs', () => {
    expect(shape(result.content.parts)).toEqual([
      {
        title: 'MỤC ĐÍCH, YÊU CẦU',
        children: [
          {
            kind: 'item',
            heading: 'Mục đích',
            text: null,
            task: null,
            children: [
              { kind: 'item', heading: null, text: 'Phát triển văn hóa đọc trong cộng đồng.', task: null, children: [] },
              { kind: 'item', heading: null, text: 'Nâng cao nhận thức của cán bộ, nhân dân về vai trò của sách.', task: null, children: [] },
            ],
          },
          {
            kind: 'item',
            heading: 'Yêu cầu',
            text: null,
            task: null,
            children: [{ kind: 'paragraph', text: 'Các hoạt động tổ chức thiết thực, tiết kiệm, hiệu quả.' }],
          },
        ],
      },
      {
        title: 'NỘI DUNG',
        children: [
          {
            kind: 'item',
            heading: 'Tổ chức trưng bày sách',
            text: null,
            children: [],
            task: {
              directedBy: 'Phó Chủ tịch UBND huyện',
              carriedOutBy: 'Phòng Văn hóa và Thông tin huyện',
              assigneeOrganizationIds: [],
              timeframe: { kind: 'quarter', quarters: [2], year: 2025, text: null },
            },
          },
          {
            kind: 'item',
            heading: 'Phát động cuộc thi giới thiệu sách',
            text: null,
            task: null,
            children: [
              {
                kind: 'bullet',
                text: 'Đối tượng:',
                children: [
                  { kind: 'bullet', text: 'Học sinh các trường trung học cơ sở;', children: [] },
                  { kind: 'bullet', text: 'Đoàn viên, thanh niên.', children: [] },
                ],
              },
            ],
          },
        ],
      },
      {
        title: 'TỔ CHỨC THỰC HIỆN',
        children: [
          {
            kind: 'item',
            heading: null,
            text: 'Phòng Văn hóa và Thông tin huyện chủ trì, tổng hợp, báo cáo kết quả về UBND tỉnh (qua Sở Văn hóa và Thể thao) trước ngày 30/5/2025.',
            task: null,
            children: [],
          },
          { kind: 'item', heading: null, text: 'UBND các xã, thị trấn căn cứ Kế hoạch này triển khai thực hiện.', task: null, children: [] },
        ],
      },
    ]);
    expect(result.content.closing).toEqual(['Trên đây là Kế hoạch tổ chức Ngày Sách năm 2025, đề nghị các cơ quan, đơn vị triển khai thực hiện./.']);
  });

  it('cites the parent plan and reads the reporting deadline', () => {
    expect(shape(result.content.preamble.references)).toEqual([
      {
        documentType: 'Kế hoạch',
        numberSymbol: '36/KH-UBND',
        date: '2025-02-21',
        issuer: 'UBND tỉnh Bình Định',
        title: 'về tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2025',
        planId: null,
      },
    ]);
    expect(shape(result.content.reportingDuties)).toEqual([
      {
        what: 'kết quả',
        period: null,
        deadline: '2025-05-30',
        to: 'UBND tỉnh (qua Sở Văn hóa và Thể thao)',
        toOrganizationId: null,
        reporterOrganizationIds: [],
      },
    ]);
  });

  it('reads the brace group, the archive line and a K/T signature beside them', () => {
    expect(result.content.recipients.map((r) => [r.name, r.purpose, r.note])).toEqual([
      ['UBND tỉnh', 'report', 'b/c'],
      ['Sở VH&TT', 'report', 'b/c'],
      ['TT Huyện ủy', 'report', 'b/c'],
      ['Các xã, thị trấn', 'implement', null],
      ['VT, VHTT', 'archive', null],
    ]);
    expect(result.content.signature).toEqual({
      capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      signerName: 'Nguyễn Văn An',
      signerUserId: null,
      authorityId: null,
    });
    expect(result.report.unrecognized).toEqual([]);
  });
});

/** A Party draft in Markdown, second round, with a footnote and a paragraph in an odd place. */
const PARTY_DRAFT = `ĐẢNG BỘ TỈNH BÌNH ĐỊNH
**HUYỆN ỦY TUY PHƯỚC**
\\*
Số    -KH/HU
DỰ THẢO LẦN 2

**ĐẢNG CỘNG SẢN VIỆT NAM**
*Tuy Phước, ngày ... tháng ... năm 2025*

**KẾ HOẠCH**
**thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị**
-----

Thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp; Kế hoạch số 125-KH/TU ngày 01/7/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:

**I- MỤC ĐÍCH, YÊU CẦU**

- Quán triệt sâu sắc nội dung Chỉ thị[^1].
- Bảo đảm đúng nguyên tắc, *dân chủ*.

**II- NỘI DUNG**

**1. Công tác chuẩn bị.** Các chi, đảng bộ cơ sở chuẩn bị văn kiện.

1.1. Xây dựng báo cáo chính trị.

- Chỉ đạo thực hiện: Thường trực Huyện ủy
- Tham mưu, thực hiện: Ban Tổ chức Huyện ủy
- Thời gian thực hiện: Quý III, IV/2024

**III- TỔ CHỨC THỰC HIỆN**

Các chi, đảng bộ cơ sở định kỳ 6 tháng (*trước ngày 10/6/2025*) báo cáo kết quả về Ban Thường vụ Huyện ủy (qua Ban Tổ chức Huyện ủy).

[^1]: Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị.

#### Nơi nhận:

- Ban Thường vụ Tỉnh ủy (b/c),
- Các chi, đảng bộ cơ sở,
- Lưu VPHU.

**T/M BAN THƯỜNG VỤ**
**BÍ THƯ**

**Trần Văn Bình**

Bản sao gửi kèm file điện tử
`;

describe('parsing a Party draft in Markdown', () => {
  const result = parse(PARTY_DRAFT, 'md');

  it('reads the draft header: bold issuing body under the regular superior one, blank number, "DỰ THẢO LẦN 2", blank date', () => {
    expect(result.detected).toMatchObject({
      family: 'party',
      superiorBody: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH',
      issuingBody: 'HUYỆN ỦY TUY PHƯỚC',
      number: null,
      numberSymbol: null,
      symbolOrganization: 'HU',
      place: 'Tuy Phước',
      date: null,
      year: 2025,
      draft: true,
      draftRound: 2,
    });
    expect(result.content.summary).toBe('thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị');
  });

  it('splits a bold heading from the text on its line, keeps italics and footnotes', () => {
    const [purpose, content] = result.content.parts;
    expect(purpose.children.map((n) => (n.kind === 'bullet' ? n.text : null))).toEqual([
      'Quán triệt sâu sắc nội dung Chỉ thị[^1].',
      'Bảo đảm đúng nguyên tắc, *dân chủ*.',
    ]);
    expect(shape(content.children[0])).toMatchObject({ heading: 'Công tác chuẩn bị.', text: 'Các chi, đảng bộ cơ sở chuẩn bị văn kiện.' });
    expect(shape(content.children[0])).toMatchObject({
      children: [
        {
          text: 'Xây dựng báo cáo chính trị.',
          task: {
            directedBy: 'Thường trực Huyện ủy',
            carriedOutBy: 'Ban Tổ chức Huyện ủy',
            timeframe: { kind: 'quarter', quarters: [3, 4], year: 2024, text: null },
          },
        },
      ],
    });
    expect(result.content.footnotes).toEqual([{ id: '1', text: 'Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị.' }]);
    expect(result.content.reportingDuties.map((d) => [d.period, d.deadline, d.to])).toEqual([
      ['6 tháng', '2025-06-10', 'Ban Thường vụ Huyện ủy (qua Ban Tổ chức Huyện ủy)'],
    ]);
  });

  it('reads recipients and a T/M signature, and keeps text that fits nowhere, listed', () => {
    expect(result.content.recipients.map((r) => [r.name, r.purpose])).toEqual([
      ['Ban Thường vụ Tỉnh ủy', 'report'],
      ['Các chi, đảng bộ cơ sở', 'implement'],
      ['VPHU', 'archive'],
    ]);
    expect(result.content.signature).toMatchObject({ capacityLines: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], signerName: 'Trần Văn Bình' });
    expect(result.content.closing).toEqual(['Bản sao gửi kèm file điện tử']);
    expect(result.report.unrecognized).toEqual([{ line: 48, text: 'Bản sao gửi kèm file điện tử', keptAt: 'closing[0]' }]);
  });
});

describe('legacy encodings end to end', () => {
  const text = [
    'ỦY BAN NHÂN DÂN',
    'XÃ PHƯỚC THUẬN',
    'Số: 07/KH-UBND',
    'Phước Thuận, ngày 10 tháng 4 năm 2025',
    'KẾ HOẠCH',
    'tổ chức tháng hành động vì môi trường năm 2025',
    'Thực hiện Kế hoạch số 20/KH-UBND ngày 01/4/2025 của UBND huyện, xã ban hành kế hoạch như sau:',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '1. Nâng cao nhận thức của người dân về bảo vệ môi trường.',
    'II. TỔ CHỨC THỰC HIỆN',
    '1. Các thôn báo cáo kết quả về xã trước ngày 30/6/2025.',
    'Nơi nhận:',
    '- Các thôn;',
    '- Lưu: VT.',
    'CHỦ TỊCH',
    'Lê Văn Tâm',
  ].join('\r\n');
  // TCVN3 has no capitals with tone marks: they were typed in a ".VnTimeH" font with the lower-case codes.
  const asTypedInTcvn3 = text.replace(/[ẢẠẤẦẨẪẬẮẰẲẴẶẺẼẸẾỀỂỄỆỈỊỎỌỐỒỔỖỘỚỜỞỠỢỦỤỨỪỬỮỰỶỸỴÁÀÃÉÈÍÌĨÓÒÕÚÙŨÝỲ]/gu, (c) => c.toLowerCase());

  const expectPlan = (result: ReturnType<typeof parse>, source: string) => {
    expect(result.detected).toMatchObject({
      family: 'state',
      issuingBody: 'ỦY BAN NHÂN DÂN\nXÃ PHƯỚC THUẬN',
      numberSymbol: '07/KH-UBND',
      date: '2025-04-10',
      source,
    });
    expect(result.content.summary).toBe('tổ chức tháng hành động vì môi trường năm 2025');
    expect(result.content.parts.map((p) => p.title)).toEqual(['MỤC ĐÍCH, YÊU CẦU', 'TỔ CHỨC THỰC HIỆN']);
    expect(result.content.preamble.references[0]).toMatchObject({ numberSymbol: '20/KH-UBND', date: '2025-04-01', issuer: 'UBND huyện' });
    expect(result.content.reportingDuties[0]).toMatchObject({ deadline: '2025-06-30', to: 'xã' });
    expect(result.content.signature).toMatchObject({ capacityLines: ['CHỦ TỊCH'], signerName: 'Lê Văn Tâm' });
    expect(result.report.warnings.some((w) => w.includes('bảng mã'))).toBe(true);
  };

  it('a TCVN3 (ABC) file', () => {
    expectPlan(parse(tcvn3(asTypedInTcvn3)), 'txt/tcvn3');
  });

  it('a VNI file', () => {
    expectPlan(parse(vni(text)), 'txt/vni');
  });
});

describe('what is not a plan', () => {
  it('is refused with a clear error', () => {
    expect(() => parse('Danh sách đi chợ\ncà chua, rau muống\n')).toThrow(ImportError);
  });

  it('a plan without parts still imports, with a warning', () => {
    const result = parse('KẾ HOẠCH\nkiểm tra cuối năm\n1. Kiểm tra hồ sơ.\n2. Báo cáo kết quả.\n');
    expect(result.content.parts).toHaveLength(1);
    expect(result.content.parts[0].children).toHaveLength(2);
    expect(result.report.warnings.join(' ')).toContain('La Mã');
  });
});

describe('Markdown lists', () => {
  it('reads "* " as the dash of an official list, and keeps *italic*', () => {
    const result = parse('KẾ HOẠCH\nkiểm tra\n\nI. NỘI DUNG\n\n* Kiểm tra *hồ sơ*;\n* Báo cáo kết quả.\n', 'md');
    expect(result.content.parts[0].children.map((n) => [n.kind, n.kind === 'bullet' ? n.text : null])).toEqual([
      ['bullet', 'Kiểm tra *hồ sơ*;'],
      ['bullet', 'Báo cáo kết quả.'],
    ]);
  });
});
