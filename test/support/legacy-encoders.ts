import { execFileSync } from 'node:child_process';

/**
 * Writers of the legacy Vietnamese encodings, independent of the importer's readers: TCVN3 by
 * glibc's iconv, VNI from its published scheme. Tests make legacy files with them.
 */

/** TCVN3 bytes of a text, by glibc's iconv (TCVN 5712: its lower half and its lower-case letters are VN3). */
export function tcvn3(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'TCVN5712-1'], { input: Buffer.from(text, 'utf8') });
}

const TONE_TO_VNI: Record<string, [string, string]> = {
  '\u0301': ['ù', 'Ù'],
  '\u0300': ['ø', 'Ø'],
  '\u0309': ['û', 'Û'],
  '\u0303': ['õ', 'Õ'],
  '\u0323': ['ï', 'Ï'],
};
const CIRCUMFLEX_TO_VNI: Record<string, [string, string]> = {
  '': ['â', 'Â'],
  '\u0301': ['á', 'Á'],
  '\u0300': ['à', 'À'],
  '\u0309': ['å', 'Å'],
  '\u0303': ['ã', 'Ã'],
  '\u0323': ['ä', 'Ä'],
};
const BREVE_TO_VNI: Record<string, [string, string]> = {
  '': ['ê', 'Ê'],
  '\u0301': ['é', 'É'],
  '\u0300': ['è', 'È'],
  '\u0309': ['ú', 'Ú'],
  '\u0303': ['ü', 'Ü'],
  '\u0323': ['ë', 'Ë'],
};
const I_TO_VNI: Record<string, string> = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' };

/** VNI-Windows bytes of a text, written from the scheme (a letter, then its marks as one byte). */
export function vni(text: string): Buffer {
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
