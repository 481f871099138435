import { execFileSync } from 'node:child_process';
import { convertTcvn3, convertVni, decodeText, isVietnameseSyllable, looksLegacy } from './legacy-encodings';

/** TCVN3 bytes of a text, by glibc's iconv (TCVN 5712: its lower half and its lower-case letters are VN3). */
function tcvn3(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'TCVN5712-1'], { input: Buffer.from(text, 'utf8') });
}

const TONE_TO_VNI: Record<string, [string, string]> = {
  '\u0301': ['ù', 'Ù'],
  '\u0300': ['ø', 'Ø'],
  '\u0309': ['û', 'Û'],
  '\u0303': ['õ', 'Õ'],
  '\u0323': ['ï', 'Ï'],
};
const CIRCUMFLEX_TO_VNI: Record<string, [string, string]> = { '': ['â', 'Â'], '\u0301': ['á', 'Á'], '\u0300': ['à', 'À'], '\u0309': ['å', 'Å'], '\u0303': ['ã', 'Ã'], '\u0323': ['ä', 'Ä'] };
const BREVE_TO_VNI: Record<string, [string, string]> = { '': ['ê', 'Ê'], '\u0301': ['é', 'É'], '\u0300': ['è', 'È'], '\u0309': ['ú', 'Ú'], '\u0303': ['ü', 'Ü'], '\u0323': ['ë', 'Ë'] };
const I_TO_VNI: Record<string, string> = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' };

/** VNI-Windows bytes of a text, written from the scheme (a letter, then its marks as one byte). */
function vni(text: string): Buffer {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const upper = ch !== ch.toLowerCase();
    const [base, ...marks] = [...ch.toLowerCase().normalize('NFD')];
    const tone = marks.find((m) => TONE_TO_VNI[m]) ?? '';
    const pick = (pair: [string, string]) => (upper ? pair[1] : pair[0]);
    const cased = upper ? base.toUpperCase() : base;
    if (base === 'đ') out += upper ? 'Ñ' : 'ñ';
    else if (marks.includes('\u0302')) out += cased + pick(CIRCUMFLEX_TO_VNI[tone]);
    else if (marks.includes('\u0306')) out += cased + pick(BREVE_TO_VNI[tone]);
    else if (marks.includes('\u031b')) out += (base === 'o' ? pick(['ô', 'Ô']) : pick(['ö', 'Ö'])) + (tone ? pick(TONE_TO_VNI[tone]) : '');
    else if (base === 'i' && tone) out += upper ? I_TO_VNI[tone].toUpperCase() : I_TO_VNI[tone];
    else if (base === 'y' && tone === '\u0323') out += upper ? 'Î' : 'î';
    else if (tone) out += cased + pick(TONE_TO_VNI[tone]);
    else out += ch;
  }
  return Buffer.from(out, 'latin1');
}

const SENTENCE = 'Thực hiện Chương trình số 04-CTr/BDVTU ngày 02/01/2024 của Ban Chỉ đạo về công tác dân vận, xây dựng Đảng và hệ thống chính trị ở cơ sở năm 2024.';

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
