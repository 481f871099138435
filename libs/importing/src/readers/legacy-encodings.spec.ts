import { tcvn3, vni } from '../../../../test/support/legacy-encoders';
import { convertTcvn3, convertVni, decodeText, isVietnameseSyllable, looksLegacy } from './legacy-encodings';

const SENTENCE =
  'Thực hiện Chương trình số 04-CTr/BDVTU ngày 02/01/2024 của Ban Chỉ đạo về công tác dân vận, xây dựng Đảng và hệ thống chính trị ở cơ sở năm 2024.';

describe('legacy Vietnamese encodings', () => {
  it('reads TCVN3 as published ("KÕ ho¹ch", "B¶o Th¾ng")', () => {
    expect(convertTcvn3('KÕ ho¹ch')).toBe('Kế hoạch');
    expect(convertTcvn3('B¶o Th¾ng')).toBe('Bảo Thắng');
    expect(convertTcvn3('§¶ng ñy')).toBe('Đảng ủy');
  });

  it('raises TCVN3 words typed in a capitals font (the ".VnTimeH" fonts share the lower-case codes)', () => {
    expect(convertTcvn3(tcvn3('Kế HOạCH').toString('latin1'))).toBe('KẾ HOẠCH');
    expect(convertTcvn3(tcvn3('đảNG CộNG SảN VIệT NAM').toString('latin1'))).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    // A mixed line keeps its case: "Số" is not raised next to a symbol.
    expect(convertTcvn3(tcvn3('Số 12/KH-UBND').toString('latin1'))).toBe('Số 12/KH-UBND');
  });

  it('reads VNI as published ("Xin chaøo caùc baïn") and its capitals', () => {
    expect(convertVni('Xin chaøo caùc baïn')).toBe('Xin chào các bạn');
    expect(convertVni('Keá hoaïch')).toBe('Kế hoạch');
    expect(convertVni('ÑAÛNG COÄNG SAÛN VIEÄT NAM')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(convertVni('Thöïc hieän, ñôn vò, Uûy ban')).toBe('Thực hiện, đơn vị, Ủy ban');
  });

  it('detects each encoding from the bytes and converts to NFC', () => {
    const utf8 = decodeText(Buffer.from(SENTENCE, 'utf8'))!;
    expect(utf8).toEqual({ text: SENTENCE, encoding: 'utf-8' });
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SENTENCE.normalize('NFD'), 'utf8')]))!;
    expect(bom).toEqual({ text: SENTENCE, encoding: 'utf-8' });
    const utf16 = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SENTENCE, 'utf16le')]))!;
    expect(utf16).toEqual({ text: SENTENCE, encoding: 'utf-16' });
    const fromTcvn3 = decodeText(tcvn3(SENTENCE))!;
    expect(fromTcvn3).toEqual({ text: SENTENCE, encoding: 'tcvn3' });
    const fromVni = decodeText(vni(SENTENCE))!;
    expect(fromVni).toEqual({ text: SENTENCE, encoding: 'vni' });
  });

  it('refuses bytes that are no text', () => {
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBeNull();
  });

  it('tells Vietnamese syllables from encoding noise', () => {
    for (const word of ['nghiệp', 'thường', 'khuyến', 'quốc', 'Đảng', 'giữa', 'ủy']) expect(isVietnameseSyllable(word)).toBe(true);
    for (const word of ['thửùc', 'ủaỷng', 'hoaïch', 'ñaûng']) expect(isVietnameseSyllable(word)).toBe(false);
  });

  it('notices a Word text typed in a legacy font', () => {
    expect(looksLegacy(tcvn3(SENTENCE.repeat(3)).toString('latin1'))).toBe(true);
    expect(looksLegacy(SENTENCE.repeat(3))).toBe(false);
  });
});
