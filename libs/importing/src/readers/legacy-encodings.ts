/**
 * Vietnamese text in the encodings offices used before Unicode: TCVN3 (ABC, TCVN 5712:1993
 * VN3, the ".Vn" fonts) and VNI (VNI-Windows, the "VNI-" fonts). Both put Vietnamese letters
 * into the upper half of an 8-bit code page, so a file saved in them reads as Latin-1 noise
 * ("KÕ ho¹ch", "Keá hoaïch"). The tables below follow the published encodings; detection
 * decodes with each candidate and keeps the one that yields the most well-formed syllables.
 */

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';

/** TCVN3 (VN3) upper half, 0xA1..0xFE; VN1's capitals in the gaps are accepted too. */
const TCVN3_HIGH: Record<number, string> = {
  0xa1: 'Ă',
  0xa2: 'Â',
  0xa3: 'Ê',
  0xa4: 'Ô',
  0xa5: 'Ơ',
  0xa6: 'Ư',
  0xa7: 'Đ',
  0xa8: 'ă',
  0xa9: 'â',
  0xaa: 'ê',
  0xab: 'ô',
  0xac: 'ơ',
  0xad: 'ư',
  0xae: 'đ',
  0xaf: 'Ằ',
  0xb0: GRAVE,
  0xb1: HOOK,
  0xb2: TILDE,
  0xb3: ACUTE,
  0xb4: DOT,
  0xb5: 'à',
  0xb6: 'ả',
  0xb7: 'ã',
  0xb8: 'á',
  0xb9: 'ạ',
  0xba: 'Ẳ',
  0xbb: 'ằ',
  0xbc: 'ẳ',
  0xbd: 'ẵ',
  0xbe: 'ắ',
  0xbf: 'Ẵ',
  0xc0: 'Ắ',
  0xc1: 'Ầ',
  0xc2: 'Ẩ',
  0xc3: 'Ẫ',
  0xc4: 'Ấ',
  0xc5: 'Ề',
  0xc6: 'ặ',
  0xc7: 'ầ',
  0xc8: 'ẩ',
  0xc9: 'ẫ',
  0xca: 'ấ',
  0xcb: 'ậ',
  0xcc: 'è',
  0xcd: 'Ể',
  0xce: 'ẻ',
  0xcf: 'ẽ',
  0xd0: 'é',
  0xd1: 'ẹ',
  0xd2: 'ề',
  0xd3: 'ể',
  0xd4: 'ễ',
  0xd5: 'ế',
  0xd6: 'ệ',
  0xd7: 'ì',
  0xd8: 'ỉ',
  0xd9: 'Ễ',
  0xda: 'Ế',
  0xdb: 'Ồ',
  0xdc: 'ĩ',
  0xdd: 'í',
  0xde: 'ị',
  0xdf: 'ò',
  0xe0: 'Ổ',
  0xe1: 'ỏ',
  0xe2: 'õ',
  0xe3: 'ó',
  0xe4: 'ọ',
  0xe5: 'ồ',
  0xe6: 'ổ',
  0xe7: 'ỗ',
  0xe8: 'ố',
  0xe9: 'ộ',
  0xea: 'ờ',
  0xeb: 'ở',
  0xec: 'ỡ',
  0xed: 'ớ',
  0xee: 'ợ',
  0xef: 'ù',
  0xf0: 'Ỗ',
  0xf1: 'ủ',
  0xf2: 'ũ',
  0xf3: 'ú',
  0xf4: 'ụ',
  0xf5: 'ừ',
  0xf6: 'ử',
  0xf7: 'ữ',
  0xf8: 'ứ',
  0xf9: 'ự',
  0xfa: 'ỳ',
  0xfb: 'ỷ',
  0xfc: 'ỹ',
  0xfd: 'ý',
  0xfe: 'ỵ',
  0xff: 'Ố',
};

const isSymbol = (word: string) => /[0-9/]/.test(word);
const asciiLetters = (word: string) => word.replace(/[^A-Za-z]/g, '');

/**
 * A line typed in a capitals font: its plain words are all capitals (at least one of two
 * letters or more) and none is in lower case. Such a line is raised whole; elsewhere only
 * words with two or more capital ASCII letters around a Vietnamese letter are.
 */
function raiseCapitalWords(raw: string, converted: string): string {
  const rawWords = raw.split(/\s+/).filter((w) => w && !isSymbol(w));
  const lowerWords = rawWords.filter((w) => /[a-z]/.test(w)).length;
  const capitalWords = rawWords.filter((w) => asciiLetters(w).length >= 2 && !/[a-z]/.test(w)).length;
  if (capitalWords > 0 && lowerWords === 0) return converted.toUpperCase();
  const rawList = raw.split(/(\s+)/);
  const convertedList = converted.split(/(\s+)/);
  if (rawList.length !== convertedList.length) return converted;
  return convertedList
    .map((word, i) => {
      const letters = asciiLetters(rawList[i]);
      return letters.length >= 2 && !/[a-z]/.test(rawList[i]) && /[^\x00-\x7f]/.test(word) && !isSymbol(word) ? word.toUpperCase() : word;
    })
    .join('');
}

/** VNI marks written after a vowel: tone marks, and circumflex/breve with or without a tone. */
const VNI_TONE: Record<string, string> = { ù: ACUTE, ø: GRAVE, û: HOOK, õ: TILDE, ï: DOT };
const VNI_CIRCUMFLEX: Record<string, string> = { â: '', á: ACUTE, à: GRAVE, å: HOOK, ã: TILDE, ä: DOT };
const VNI_BREVE: Record<string, string> = { ê: '', é: ACUTE, è: GRAVE, ú: HOOK, ü: TILDE, ë: DOT };
/** VNI letters that stand alone (ơ, ư, đ, and the i/y letters with a tone). */
const VNI_STANDALONE: Record<string, string> = {
  ô: 'ơ',
  ö: 'ư',
  ñ: 'đ',
  í: 'í',
  ì: 'ì',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
};

function lowerMark(c: string): string {
  return c.toLowerCase();
}

/** Converts text whose characters are VNI bytes (read as Windows-1252) to Unicode NFC. */
export function convertVni(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const next = input[i + 1] ?? '';
    const lower = c.toLowerCase();
    const upper = c !== lower;
    const mark = lowerMark(next);
    let base: string | null = null;
    // ô/ö before a mark are ơ/ư taking that tone.
    if (lower === 'ô' || lower === 'ö') base = (lower === 'ô' ? 'o' : 'u') + HORN;
    else if ('aeouy'.includes(lower)) base = lower;
    if (base !== null && next) {
      let composed: string | null = null;
      if (VNI_TONE[mark] !== undefined) composed = base + VNI_TONE[mark];
      else if (VNI_CIRCUMFLEX[mark] !== undefined && 'aeo'.includes(base)) composed = base + CIRCUMFLEX + VNI_CIRCUMFLEX[mark];
      else if (VNI_BREVE[mark] !== undefined && base === 'a') composed = base + BREVE + VNI_BREVE[mark];
      if (composed !== null) {
        const nfc = composed.normalize('NFC');
        out += upper ? nfc.toUpperCase() : nfc;
        i++;
        continue;
      }
    }
    const alone = VNI_STANDALONE[lower];
    if (alone !== undefined) {
      out += upper ? alone.toUpperCase() : alone;
      continue;
    }
    out += c;
  }
  return out.normalize('NFC');
}

/**
 * Converts text whose characters are TCVN3 bytes (read as Windows-1252) to Unicode NFC.
 * TCVN3 has lower-case letters only: capitals were typed in the ".VnTimeH" fonts with the
 * same codes, so a word (or line) typed otherwise in capitals gets its Vietnamese letters
 * raised too.
 */
export function convertTcvn3(input: string): string {
  return input
    .split('\n')
    .map((line) => {
      let converted = '';
      for (const c of line) {
        const code = c.charCodeAt(0);
        converted += code >= 0xa0 && code <= 0xff && TCVN3_HIGH[code] !== undefined ? TCVN3_HIGH[code] : c;
      }
      converted = converted.normalize('NFC');
      return raiseCapitalWords(line, converted);
    })
    .join('\n');
}

const INITIALS = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?';
const VOWEL = '[aăâeêioôơuưy]';
const FINALS = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIALS}${VOWEL}{1,3}${FINALS}$`);
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Whether a word is a well-formed Vietnamese syllable (at most one tone, a known shape). */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  if ((nfd.match(TONES) ?? []).length > 1) return false;
  const base = nfd.replace(TONES, '').normalize('NFC');
  return SYLLABLE.test(base);
}

/** Words with non-ASCII letters that are syllables, minus those that are not. */
export function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.split(/[\s.,;:!?()[\]{}"'“”‘’…\-–—/\\*#|<>=+_0-9]+/)) {
    if (!word || /^[\x00-\x7f]*$/.test(word)) continue;
    score += isVietnameseSyllable(word) ? 1 : -1;
  }
  return score;
}

export type TextEncoding = 'utf-8' | 'utf-16' | 'tcvn3' | 'vni' | 'windows-1258' | 'windows-1252';

/** Decodes bytes as Windows-1252 (what a legacy-font file's bytes are in a text editor). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}

/** Picks the legacy conversion of a Latin-1-looking text that reads as Vietnamese best (null: none does). */
export function convertLegacyText(latin: string): { text: string; encoding: 'tcvn3' | 'vni' } | null {
  const candidates = [
    { encoding: 'tcvn3' as const, text: convertTcvn3(latin) },
    { encoding: 'vni' as const, text: convertVni(latin) },
  ].map((c) => ({ ...c, score: vietnameseScore(c.text) }));
  const base = vietnameseScore(latin.normalize('NFC'));
  const best = candidates.sort((a, b) => b.score - a.score)[0];
  return best.score > Math.max(0, base) ? { text: best.text, encoding: best.encoding } : null;
}

/**
 * Text file bytes to Unicode NFC: UTF-8 (with or without BOM), UTF-16 with a BOM, else a
 * legacy Vietnamese encoding chosen by how well each reads (TCVN3, VNI, Windows-1258), else
 * Windows-1252. Returns null when the bytes are not text at all.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { text: text.normalize('NFC'), encoding: 'utf-16' };
  }
  // NUL bytes do not occur in text files: a binary (PDF, image, zip...) was uploaded.
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (probe.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, '').normalize('NFC'), encoding: 'utf-8' };
  } catch {
    // not UTF-8: one of the 8-bit code pages
  }
  const latin = decodeWindows1252(bytes);
  const candidates: { text: string; encoding: TextEncoding; score: number }[] = [];
  const legacy = convertLegacyText(latin);
  if (legacy) candidates.push({ ...legacy, score: vietnameseScore(legacy.text) });
  try {
    const cp1258 = new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
    candidates.push({ text: cp1258, encoding: 'windows-1258', score: vietnameseScore(cp1258) });
  } catch {
    // this Node build has no windows-1258 decoder
  }
  candidates.push({ text: latin.normalize('NFC'), encoding: 'windows-1252', score: vietnameseScore(latin) });
  const best = candidates.sort((a, b) => b.score - a.score)[0];
  return { text: best.text, encoding: best.encoding };
}

/** Whether a text from a .docx holds legacy-font characters rather than Unicode Vietnamese. */
export function looksLegacy(text: string): boolean {
  const unicodeVietnamese = (text.match(/[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]/g) ?? []).length;
  const latinHigh = (text.match(/[\u00a0-\u00ff]/g) ?? []).length;
  return latinHigh > 10 && unicodeVietnamese < latinHigh / 10;
}
