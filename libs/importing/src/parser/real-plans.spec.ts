import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberPlan, PlanContent } from '@app/plans';
import { readTextFile } from '../readers/text-reader';
import { fitContent } from './fit-content';
import { resembles } from './header-parser';
import { ReportBuilder } from './import-report';
import { detectLabel } from './labels';
import { parsePlan } from './plan-parser';
import { normalizeCapacityLine } from './tail-parser';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'imports');
const parseFixture = (name: string) => parsePlan(readTextFile(readFileSync(join(FIXTURES, name)), name.endsWith('.md') ? 'md' : 'txt')!);

describe('real plans that used to be split or refused', () => {
  it('keeps every capacity line of a signature spread over blank lines, in the family spelling, and says what it changed', () => {
    const { content, report } = parseFixture('party-signature-spaced.md');
    expect(content.signature).toMatchObject({ capacityLines: ['T/M BAN THƯỜNG VỤ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ'], signerName: 'Lê Thị Hồng Nhung' });
    expect(content.closing).toEqual([]);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'Khối chữ ký: "T.M BAN THƯỜNG VỤ" được sửa thành "T/M BAN THƯỜNG VỤ".',
        'Khối chữ ký: "KT/ BÍ THƯ" được sửa thành "K/T BÍ THƯ".',
      ]),
    );
  });

  it('keeps a misspelt "kiêm" between the titles instead of turning the first title into body text', () => {
    const { content, report } = parseFixture('party-signature-kiem.txt');
    expect(content.signature.capacityLines).toEqual(['PHÓ BÍ THƯ THƯỜNG TRỰC', 'kiêm', 'TRƯỞNG BAN']);
    expect(content.closing).toEqual(['Các thành viên Ban Chỉ đạo theo lĩnh vực phụ trách đôn đốc, kiểm tra việc thực hiện Kế hoạch này./.']);
    expect(report.warnings).toContain('Khối chữ ký: "Kiem" được sửa thành "kiêm".');
  });

  it('writes State capacities with their dot', () => {
    const { content } = parseFixture('state-signature-misspelt.txt');
    expect(content.signature).toMatchObject({ capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], signerName: 'Trần Văn Lộc' });
  });

  it('keeps a signature set before "Nơi nhận", its lines apart and misspelt, whole', () => {
    const text = readFileSync(join(FIXTURES, 'party-signature-kiem.txt'), 'utf8')
      .replace(/\nNơi nhận:[\s\S]*$/, '\n')
      .concat(
        'T.M BAN CHỈ ĐẠO\n\n\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\nKIÊM\n\n\nTRƯỞNG BAN\n\n\n\nNguyễn Hữu Phước\n\nNơi nhận:\n- Thường trực Huyện ủy (b/c),\n- Lưu VP.\n',
      );
    const { content } = parsePlan(readTextFile(Buffer.from(text, 'utf8'), 'txt')!);
    expect(content.signature).toMatchObject({
      capacityLines: ['T/M BAN CHỈ ĐẠO', 'PHÓ BÍ THƯ THƯỜNG TRỰC', 'kiêm', 'TRƯỞNG BAN'],
      signerName: 'Nguyễn Hữu Phước',
    });
    expect(content.recipients.map((r) => r.name)).toEqual(['Thường trực Huyện ủy', 'VP']);
    expect(content.closing).toEqual(['Các thành viên Ban Chỉ đạo theo lĩnh vực phụ trách đôn đốc, kiểm tra việc thực hiện Kế hoạch này./.']);
  });

  it.each([
    ['T.M BAN THƯỜNG VỤ', 'party', 'T/M BAN THƯỜNG VỤ'],
    ['TM/ ĐẢNG ỦY', 'party', 'T/M ĐẢNG ỦY'],
    ['K.T BÍ THƯ', 'party', 'K/T BÍ THƯ'],
    ['T/M. BAN CHẤP HÀNH', 'party', 'T/M BAN CHẤP HÀNH'],
    ['TM ỦY BAN NHÂN DÂN', 'state', 'TM. ỦY BAN NHÂN DÂN'],
    ['KT: CHỦ TỊCH', 'state', 'KT. CHỦ TỊCH'],
    ['K.T. GIÁM ĐỐC', 'state', 'KT. GIÁM ĐỐC'],
    ['KT/ CHỦ TỊCH', null, 'K/T CHỦ TỊCH'],
    ['TM. ỦY BAN NHÂN DÂN', null, 'TM. ỦY BAN NHÂN DÂN'],
    ['KIÊM', null, 'kiêm'],
    ['kiêm:', 'party', 'kiêm'],
    ['Kiệm', 'party', 'kiêm'],
    ['PHÓ CHỦ TỊCH', 'state', 'PHÓ CHỦ TỊCH'],
    ['TT ĐẢNG ỦY', 'party', 'TT ĐẢNG ỦY'],
  ] as const)('capacity "%s" (%s) reads "%s"', (line, family, expected) => {
    expect(normalizeCapacityLine(line, family)).toBe(expected);
  });

  it('does not take the Party emblem, even misspelt, into the issuer between whose lines it stands', () => {
    const { detected, report } = parseFixture('party-header-shuffled.txt');
    expect(detected).toMatchObject({
      family: 'party',
      superiorBody: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH',
      issuingBody: 'HUYỆN ỦY HOÀI ÂN',
      numberSymbol: '42-KH/HU',
    });
    expect(report.warnings).toContain('Dòng "ĐẢNG CỘNG SÁN VIỆT NAM" ở phần đầu được đọc là "ĐẢNG CỘNG SẢN VIỆT NAM".');
  });

  it('does not take the Quốc hiệu and Tiêu ngữ into the issuer either', () => {
    const { detected } = parseFixture('state-header-shuffled.txt');
    expect(detected).toMatchObject({
      family: 'state',
      superiorBody: null,
      issuingBody: 'ỦY BAN NHÂN DÂN\nHUYỆN VÂN CANH',
      numberSymbol: '105/KH-UBND',
    });
  });

  it.each([
    ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG CỘNG SẢN VIỆT NAM', true],
    ['ĐẢNG CÔNG SẢN VIÊT NAM', 'ĐẢNG CỘNG SẢN VIỆT NAM', true],
    ['DANG CONG SAN VIET NAN', 'ĐẢNG CỘNG SẢN VIỆT NAM', true],
    ['ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', false],
    ['ĐẢNG BỘ TỈNH BÌNH ĐỊNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', false],
    ['CỘNG HOÀ XÃ HỘI CHỦ NGHIÃ VIỆT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true],
    ['Độc lập – Tự do – Hạnh phúc', 'Độc lập - Tự do - Hạnh phúc', true],
  ])('"%s" is "%s": %s', (line, motto, expected) => {
    expect(resembles(line, motto)).toBe(expected);
  });

  it('keeps a top level lettered A, B, C as lettered parts over the Roman-numbered ones', () => {
    const { content } = parseFixture('state-lettered-parts.md');
    expect(content.parts.map((p) => [p.group ?? false, p.title])).toEqual([
      [true, 'KẾT QUẢ THỰC HIỆN NĂM 2024'],
      [false, 'LĨNH VỰC KINH TẾ'],
      [false, 'LĨNH VỰC VĂN HÓA - XÃ HỘI'],
      [true, 'NHIỆM VỤ NĂM 2025'],
      [false, 'MỤC TIÊU'],
      [false, 'NHIỆM VỤ, GIẢI PHÁP'],
      [true, 'TỔ CHỨC THỰC HIỆN'],
    ]);
    expect(content.parts[0].children).toMatchObject([
      { kind: 'paragraph', text: 'Năm 2024, tình hình kinh tế - xã hội của xã tiếp tục ổn định và phát triển.' },
    ]);
    const labels = numberPlan(content, 'state');
    expect(content.parts.map((p) => labels[p.id])).toEqual(['A.', 'I.', 'II.', 'B.', 'I.', 'II.', 'C.']);
    expect(numberPlan(content, 'party')[content.parts[3].id]).toBe('B-');
  });

  it.each([
    ['A. KẾT QUẢ THỰC HIỆN', true],
    ['B- NHIỆM VỤ NĂM 2025', true],
    ['A. Kết quả', false],
    ['T.M BAN THƯỜNG VỤ', false],
    ['C. ', false],
  ])('"%s" opens a lettered part: %s', (line, expected) => {
    expect(detectLabel(line)?.group === true).toBe(expected);
  });

  it('reads a bare "- Lưu." as an archive line with no unit (the import fills in the organization\'s)', () => {
    const { content } = parseFixture('state-archive-bare.txt');
    expect(content.recipients.at(-1)).toMatchObject({ purpose: 'archive', name: '' });
  });

  it('fits what the content model cannot hold instead of refusing it, and says what it left out', () => {
    const { content } = parseFixture('state-archive-bare.txt');
    const crowded: PlanContent = {
      ...structuredClone(content),
      closing: Array.from({ length: 500 }, (_, i) => `Dòng ${i + 1} của một bảng dán vào.`),
    };
    const report = new ReportBuilder();
    const fitted = fitContent(crowded, report);
    expect(fitted.recipients.map((r) => r.purpose)).toEqual(['report', 'report', 'implement']);
    expect(fitted.closing.length).toBeLessThan(500);
    expect(fitted.closing[0]).toBe('Dòng 1 của một bảng dán vào.');
    expect(report.report.warnings.join('\n')).toMatch(/closing: chỉ giữ \d+ phần tử đầu/);
    expect(report.report.warnings.join('\n')).toMatch(/Không đặt được/);
  });
});
