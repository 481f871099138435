import { parseDateLine } from './date-line';
import { ReportBuilder } from './import-report';
import { detectLabel } from './labels';
import { parseNumberLine } from './number-symbol';
import { inferPurpose, levelOf } from './recipient-purpose';
import { extractReferences } from './references';
import { extractReportingDuties } from './reporting-duties';
import { parseRecipients, parseSignature } from './tail-parser';
import { parseTimeframe } from './timeframe';

describe('number and symbol, both families, as people type them', () => {
  it.each([
    ['Số 04-KH/BCĐ', { family: 'party', number: 4, numberSymbol: '04-KH/BCĐ', typeCode: 'KH', organization: 'BCĐ' }],
    ['Số: 04-KH/BCĐ', { family: 'party', number: 4, numberSymbol: '04-KH/BCĐ' }],
    ['Số 125 - CTr / TU', { family: 'party', number: 125, numberSymbol: '125-CTr/TU', typeCode: 'CTr', organization: 'TU' }],
    ['Số          -KH/BCĐ', { family: 'party', number: null, numberSymbol: null, typeCode: 'KH', organization: 'BCĐ' }],
    ['Số 08-KH/UBND-BDV', { family: 'party', number: 8, numberSymbol: '08-KH/UBND-BDV', organization: 'UBND-BDV' }],
    ['Số: 48/KH-UBND', { family: 'state', number: 48, numberSymbol: '48/KH-UBND', typeCode: 'KH', organization: 'UBND' }],
    ['Số: 48 /KH-UBND', { family: 'state', number: 48, numberSymbol: '48/KH-UBND' }],
    ['Số 12/KH-UBND', { family: 'state', number: 12, numberSymbol: '12/KH-UBND' }],
    ['Số:    /KH-UBND', { family: 'state', number: null, numberSymbol: null, organization: 'UBND' }],
    ['Số: 07/KH – SYT', { family: 'state', number: 7, numberSymbol: '07/KH-SYT', organization: 'SYT' }],
  ])('%s', (line, expected) => {
    expect(parseNumberLine(line)).toMatchObject(expected);
  });

  it('is not fooled by other lines', () => {
    expect(parseNumberLine('Số liệu thống kê năm 2024')).toBeNull();
  });
});

describe('place and date line', () => {
  it.each([
    ['Bình Định, ngày 24 tháng 01 năm 2024', { place: 'Bình Định', date: '2024-01-24', year: 2024 }],
    ['Nhơn Hậu, ngày 29 tháng 03 năm 2024', { place: 'Nhơn Hậu', date: '2024-03-29', year: 2024 }],
    ['Đức Phổ, ngày       tháng    năm 2023', { place: 'Đức Phổ', date: null, year: 2023 }],
    ['Hà Nội, ngày ... tháng ... năm 2025', { place: 'Hà Nội', date: null, year: 2025 }],
    ['Quy Nhơn, ngày 5 tháng 3 năm 2024', { place: 'Quy Nhơn', date: '2024-03-05' }],
    ['Quy Nhơn, ngày 31 tháng 02 năm 2024', { date: null, year: 2024 }],
  ])('%s', (line, expected) => {
    expect(parseDateLine(line)).toMatchObject(expected);
  });
});

describe('numbering labels', () => {
  it.each([
    ['I- MỤC ĐÍCH, YÊU CẦU', 'part', 'I-'],
    ['II. NỘI DUNG', 'part', 'II.'],
    ['IV.TỔ CHỨC THỰC HIỆN', 'part', 'IV.'],
    ['PHẦN II. NHIỆM VỤ', 'part', 'PHẦN II.'],
    ['1. Công tác tuyên truyền', 'item1', '1.'],
    ['1.Tiếp tục', 'item1', '1.'],
    ['3) Kiểm tra', 'item1', '3)'],
    ['2.3. Tổng kết', 'item2', '2.3.'],
    ['1.10. Củng cố', 'item2', '1.10.'],
    ['1.2.1. Chi tiết', 'item3', '1.2.1.'],
    ['a) Ở cấp tỉnh', 'letter', 'a)'],
    ['đ) Ở cấp xã', 'letter', 'đ)'],
    ['- Tiếp tục', 'dash', '-'],
    ['-Giao Văn Phòng', 'dash', '-'],
    ['+ Chi bộ', 'plus', '+'],
  ])('%s', (line, kind, label) => {
    expect(detectLabel(line)).toMatchObject({ kind, label });
  });

  it.each(['2025 gắn với', 'Ban Chỉ đạo', '15/6/2024 báo cáo', '-----', 'VI phạm', 'X quang'])('no label: %s', (line) => {
    expect(detectLabel(line)).toBeNull();
  });
});

describe('timeframes', () => {
  it.each([
    ['Thường xuyên.', { kind: 'ongoing', text: null }],
    ['thường xuyên.', { kind: 'ongoing', text: 'thường xuyên' }],
    ['Quý I/2023.', { kind: 'quarter', quarters: [1], year: 2023, text: null }],
    ['Quý II, III/ 2023', { kind: 'quarter', quarters: [2, 3], year: 2023, text: 'Quý II, III/ 2023' }],
    ['Quý IV năm 2024', { kind: 'quarter', quarters: [4], year: 2024, text: 'Quý IV năm 2024' }],
    ['Năm 2023.', { kind: 'year', year: 2023, text: null }],
    ['Trong năm 2023.', { kind: 'year', year: 2023, text: 'Trong năm 2023' }],
    ['Trước ngày 30/6/2023', { kind: 'date', date: '2023-06-30', text: null }],
    ['30/6/2023', { kind: 'date', date: '2023-06-30', text: '30/6/2023' }],
    ['Theo kế hoạch của Tỉnh ủy', { kind: 'text', text: 'Theo kế hoạch của Tỉnh ủy' }],
  ])('%s', (text, expected) => {
    expect(parseTimeframe(text)).toEqual(expected);
  });
});

describe('documents a preamble cites', () => {
  it('reads type, number and symbol, date, issuer and title of each clause', () => {
    const refs = extractReferences(
      'Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/9/2023 của UBND tỉnh Bình Định về việc ban hành Quy chế làm việc; thực hiện Kế hoạch số 56/KH-UBND ngày 21/3/2024 của UBND thị xã và Hướng dẫn số 05 - HD/BTGTU ngày 02/02/2024 của Ban Tuyên giáo Tỉnh ủy, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:',
    );
    expect(refs.map(({ id: _id, ...r }) => r)).toEqual([
      {
        documentType: 'Quyết định',
        numberSymbol: '1234/QĐ-UBND',
        date: '2023-09-05',
        issuer: 'UBND tỉnh Bình Định',
        title: 'về việc ban hành Quy chế làm việc',
        planId: null,
      },
      { documentType: 'Kế hoạch', numberSymbol: '56/KH-UBND', date: '2024-03-21', issuer: 'UBND thị xã', title: null, planId: null },
      { documentType: 'Hướng dẫn', numberSymbol: '05-HD/BTGTU', date: '2024-02-02', issuer: 'Ban Tuyên giáo Tỉnh ủy', title: null, planId: null },
    ]);
  });
});

describe('reporting duties', () => {
  it('one duty per deadline, with its period, what and to whom', () => {
    const duties = extractReportingDuties(
      'Các xã, phường báo cáo kết quả thực hiện về UBND huyện (qua Phòng Nội vụ) định kỳ hằng quý (trước ngày 20/3/2025) và cuối năm (trước ngày 15/12/2025).',
    );
    expect(duties.map(({ id: _id, ...d }) => d)).toEqual([
      {
        what: 'kết quả thực hiện',
        period: 'hằng quý',
        deadline: '2025-03-20',
        to: 'UBND huyện (qua Phòng Nội vụ)',
        toOrganizationId: null,
        reporterOrganizationIds: [],
      },
      {
        what: 'kết quả thực hiện',
        period: 'cuối năm',
        deadline: '2025-12-15',
        to: 'UBND huyện (qua Phòng Nội vụ)',
        toOrganizationId: null,
        reporterOrganizationIds: [],
      },
    ]);
  });

  it('no duty without "báo cáo" or without a date', () => {
    expect(extractReportingDuties('Hoàn thành việc kiện toàn trước ngày 30/6/2025.')).toEqual([]);
    expect(extractReportingDuties('định kỳ hàng quý báo cáo kết quả thực hiện cho Ban Chỉ đạo.')).toEqual([]);
  });
});

describe('"Nơi nhận"', () => {
  const lines = (texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

  it("reads each line's purpose: (b/c), B/C, để báo cáo, t/h, để biết, and the archive line", () => {
    const recipients = parseRecipients(
      lines(['- Thường trực Huyện ủy (b/c);', '- TT. HĐND huyện(B/C);', '- Các xã, thị trấn (t/h);', '- Phòng Văn hóa để biết;', '- Lưu: VT, VP.']),
      new ReportBuilder(),
      null,
    );
    expect(recipients.map((r) => [r.name, r.purpose, r.note])).toEqual([
      ['Thường trực Huyện ủy', 'report', 'b/c'],
      ['TT. HĐND huyện', 'report', 'B/C'],
      ['Các xã, thị trấn', 'implement', 't/h'],
      ['Phòng Văn hóa', 'inform', 'để biết'],
      ['VT, VP', 'archive', null],
    ]);
  });

  it('puts lines grouped by a brace "}" under the purpose written after it', () => {
    const report = new ReportBuilder();
    const recipients = parseRecipients(
      lines([
        '- Thường trực Tỉnh ủy;        }',
        '- Ban Dân vận Tỉnh ủy;        } (b/c)',
        '- UBND tỉnh;                  }',
        '- Các huyện ủy, thị ủy;       }',
        '- Các đảng ủy trực thuộc;     } để thực hiện',
        '- Lưu VP.',
      ]),
      report,
      null,
    );
    expect(recipients.map((r) => [r.name, r.purpose])).toEqual([
      ['Thường trực Tỉnh ủy', 'report'],
      ['Ban Dân vận Tỉnh ủy', 'report'],
      ['UBND tỉnh', 'report'],
      ['Các huyện ủy, thị ủy', 'implement'],
      ['Các đảng ủy trực thuộc', 'implement'],
      ['VP', 'archive'],
    ]);
    expect(report.report.recognized.filter((r) => r.what === 'recipientGroup')).toHaveLength(2);
  });

  it('infers an unstated purpose from how such lists are written', () => {
    const district = { family: 'party' as const, level: 2 as const };
    expect(inferPurpose('Ban Dân vận Tỉnh ủy', district)).toBe('report');
    expect(inferPurpose('Thường trực Huyện ủy', district)).toBe('report');
    expect(inferPurpose('Ủy ban nhân dân huyện', district)).toBe('coordinate');
    expect(inferPurpose('Ủy ban MTTQ Việt Nam huyện', district)).toBe('coordinate');
    expect(inferPurpose('Các chi, đảng bộ cơ sở', district)).toBe('implement');
    expect(inferPurpose('Đảng ủy các xã', district)).toBe('implement');
    expect(inferPurpose('Cổng thông tin điện tử huyện', district)).toBe('inform');
    expect(levelOf('Đảng ủy Khối các cơ quan tỉnh')).toBe(2);
    expect(levelOf('Ủy ban nhân dân thị xã')).toBe(2);
    expect(levelOf('Ban Chỉ đạo thực hiện QCDC ở cơ sở tỉnh')).toBe(1);
  });
});

describe('signature block', () => {
  const lines = (texts: string[]) => texts.map((text, i) => ({ line: 40 + i, text }));

  it('State: TM. / KT. / title, "(Đã ký)", name', () => {
    const { signature } = parseSignature(
      lines(['**TM. ỦY BAN NHÂN DÂN**', '**KT. CHỦ TỊCH**', '**PHÓ CHỦ TỊCH**', '(Đã ký)', '', '**Nguyễn Thị Lan Anh**']),
      new ReportBuilder(),
    );
    expect(signature).toEqual({
      capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      signerName: 'Nguyễn Thị Lan Anh',
      signerUserId: null,
      authorityId: null,
    });
  });

  it('Party: T/M, K/T, "kiêm"', () => {
    expect(
      parseSignature(lines(['T/M BAN THƯỜNG VỤ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ', 'Trần Văn Bình']), new ReportBuilder()).signature.capacityLines,
    ).toEqual(['T/M BAN THƯỜNG VỤ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ']);
    expect(parseSignature(lines(['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO', '', 'Bùi Quang Nhựt']), new ReportBuilder()).signature).toMatchObject({
      capacityLines: ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
      signerName: 'Bùi Quang Nhựt',
    });
  });
});
