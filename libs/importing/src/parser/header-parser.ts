import { foldVietnamese } from '@app/common';
import type { Family } from '@app/identity';
import { readableText, unwrapEmphasis, isUpperCase, isWhollyBold } from './inline-markup';
import { isRule } from './labels';
import { parseDateLine } from './date-line';
import { parseNumberLine, ParsedNumber } from './number-symbol';
import { Line } from './prepare-lines';

/** What the header zone (everything above the title) says. */
export interface ParsedHeader {
  family: Family | null;
  /** Why the family was chosen, strongest evidence first. */
  familyEvidence: string[];
  superiorBody: string | null;
  issuingBody: string | null;
  number: ParsedNumber | null;
  place: string | null;
  date: string | null;
  year: number | null;
  draft: boolean;
  draftRound: number | null;
  recognized: { what: string; line: number }[];
  /** Lines that fit nowhere in a header (kept by the caller). */
  unrecognized: { line: number; text: string }[];
  pageNumbers: { line: number; text: string }[];
  /** What the reader should know: a motto read through a typo. */
  warnings: string[];
}

/** Words that open the name of a body: a new body starts at such a line; other lines continue the one above. */
const BODY_STARTERS = [
  'BAN',
  'ĐẢNG ỦY',
  'ĐẢNG UỶ',
  'ĐẢNG BỘ',
  'ĐẢNG ĐOÀN',
  'CHI BỘ',
  'CHI ỦY',
  'CHI UỶ',
  'THỊ ỦY',
  'THỊ UỶ',
  'TỈNH ỦY',
  'TỈNH UỶ',
  'HUYỆN ỦY',
  'HUYỆN UỶ',
  'QUẬN ỦY',
  'QUẬN UỶ',
  'THÀNH ỦY',
  'THÀNH UỶ',
  'ỦY BAN',
  'UỶ BAN',
  'UBND',
  'HĐND',
  'HỘI ĐỒNG',
  'SỞ',
  'PHÒNG',
  'VĂN PHÒNG',
  'TRƯỜNG',
  'BỘ',
  'CỤC',
  'TỔNG CỤC',
  'VIỆN',
  'TRUNG TÂM',
  'BỆNH VIỆN',
  'CÔNG AN',
  'BCH',
  'BCĐ',
  'ĐOÀN',
  'HỘI',
  'MẶT TRẬN',
  'ỦY BAN MẶT TRẬN',
  'LIÊN ĐOÀN',
  'CHÍNH PHỦ',
  'TÒA ÁN',
  'TOÀ ÁN',
  'VIỆN KIỂM SÁT',
  'BAN CÁN SỰ',
  'BAN THƯỜNG VỤ',
  'BAN CHẤP HÀNH',
  'THƯỜNG TRỰC',
  'CƠ QUAN',
  'TỔ',
];

function startsBody(line: string): boolean {
  const upper = line.toLocaleUpperCase('vi');
  return BODY_STARTERS.some((starter) => upper === starter || upper.startsWith(`${starter} `));
}

const DRAFT_MARK = /DỰ\s*THẢO(?:\s*(?:LẦN|lần)\s*(\d+|[IVX]+))?/u;
const ROMAN_VALUES: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10 };

interface Piece {
  line: number;
  text: string;
  bold: boolean;
  column: number | null;
}

/**
 * Reads the header zone piece by piece. Word's text export interleaves the two columns of
 * the header table, so each piece is classified on its own and the bodies' lines are taken
 * in the order they appear.
 */
export function parseHeader(lines: Line[]): ParsedHeader {
  const header: ParsedHeader = {
    family: null,
    familyEvidence: [],
    superiorBody: null,
    issuingBody: null,
    number: null,
    place: null,
    date: null,
    year: null,
    draft: false,
    draftRound: null,
    recognized: [],
    unrecognized: [],
    pageNumbers: [],
    warnings: [],
  };
  const motto = (visible: string, wanted: string): boolean => {
    if (!resembles(visible, wanted)) return false;
    if (spelling(visible) !== spelling(wanted)) header.warnings.push(`Dòng "${visible}" ở phần đầu được đọc là "${wanted}".`);
    return true;
  };
  const pieces = mergeSplitPieces(
    lines.flatMap((line) => line.cells.map((cell) => ({ line: line.source, text: cell, bold: isWhollyBold(cell), column: line.column }))),
  );
  const bodyLines: Piece[] = [];
  const evidence = (family: Family, why: string) => {
    if (!header.family) header.family = family;
    header.familyEvidence.push(why);
  };
  for (const piece of pieces) {
    let visible = readableText(piece.text);
    if (!visible) continue;
    const draft = DRAFT_MARK.exec(visible);
    if (draft) {
      header.draft = true;
      header.draftRound = draft[1] ? Number(draft[1]) || ROMAN_VALUES[draft[1]] || null : header.draftRound;
      header.recognized.push({ what: 'draftMark', line: piece.line });
      visible = visible.replace(DRAFT_MARK, ' ').replace(/\s+/g, ' ').trim();
      if (!visible) continue;
    }
    if (motto(visible, 'ĐẢNG CỘNG SẢN VIỆT NAM')) {
      evidence('party', 'ĐẢNG CỘNG SẢN VIỆT NAM');
      header.recognized.push({ what: 'partyMotto', line: piece.line });
      continue;
    }
    if (motto(visible, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')) {
      evidence('state', 'Quốc hiệu');
      header.recognized.push({ what: 'nationalTitle', line: piece.line });
      continue;
    }
    if (motto(visible, 'Độc lập - Tự do - Hạnh phúc')) {
      evidence('state', 'Tiêu ngữ');
      header.recognized.push({ what: 'nationalMotto', line: piece.line });
      continue;
    }
    if (isRule(piece.text) || isRule(visible)) {
      if (/\*/.test(piece.text)) evidence('party', '"*"');
      header.recognized.push({ what: 'separator', line: piece.line });
      continue;
    }
    if (/^Số(?![\p{L}\d])/u.test(visible)) {
      const parsed = parseNumberLine(visible);
      if (parsed) {
        header.number = parsed;
        evidence(parsed.family, parsed.family === 'party' ? 'Số 04-KH/BCĐ' : 'Số: 48/KH-UBND');
        header.recognized.push({ what: 'numberSymbol', line: piece.line });
        continue;
      }
    }
    const date = parseDateLine(unwrapEmphasis(visible));
    if (date) {
      header.place = date.place;
      header.date = date.date;
      header.year = date.year;
      header.recognized.push({ what: 'dateLine', line: piece.line });
      continue;
    }
    if (/^\d{1,3}$/.test(visible)) {
      header.pageNumbers.push({ line: piece.line, text: visible });
      continue;
    }
    if (isUpperCase(visible) && visible.length <= 120) {
      bodyLines.push({ ...piece, text: visible });
      continue;
    }
    header.unrecognized.push({ line: piece.line, text: piece.text });
  }
  // The Party "*" and the Party motto outweigh the number's form; the state titles too.
  if (header.familyEvidence.length) {
    const party = header.familyEvidence.filter((e) => e === 'ĐẢNG CỘNG SẢN VIỆT NAM' || e === '"*"').length;
    const state = header.familyEvidence.filter((e) => e === 'Quốc hiệu' || e === 'Tiêu ngữ').length;
    if (party > state) header.family = 'party';
    else if (state > party) header.family = 'state';
  }
  splitBodies(header, bodyLines);
  return header;
}

/** Letters and digits only, no diacritics, lower case: "ĐẢNG CỘNG SÁN VIỆT NAM" -> "dangcongsanvietnam". */
const skeleton = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, '');

/** Letters with their diacritics, upper case, "HOÀ" as "HÒA": what a typo changes. */
const spelling = (text: string) =>
  text
    .normalize('NFC')
    .toLocaleUpperCase('vi')
    .replace(/OÀ/g, 'ÒA')
    .replace(/[^\p{L}\d]/gu, '');

/**
 * Whether a header line is the Party emblem, the Quốc hiệu or the Tiêu ngữ, as typed or as OCR
 * reads it: the same letters without diacritics, give or take two (one for short lines).
 */
export function resembles(visible: string, motto: string): boolean {
  const a = skeleton(visible);
  const b = skeleton(motto);
  if (Math.abs(a.length - b.length) > 2) return false;
  return editDistance(a, b) <= (b.length >= 16 ? 2 : 1);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * Pieces a wide blank cut apart: a draft's "Số      -KH/BCĐ" and "Đức Phổ, ngày    tháng    năm
 * 2023" come out of a laid-out text as "Số" | "-KH/BCĐ" and "..., ngày" | "tháng" | "năm 2023".
 */
function mergeSplitPieces(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    const visible = readableText(piece.text);
    const lastVisible = last ? readableText(last.text) : '';
    const openNumber = /^Số\s*:?$/u.test(lastVisible) && /^[\d\s.…_]*[-–/]/u.test(visible);
    const openDate = /ngày(\s+\d{1,2})?$|tháng(\s+\d{1,2})?$/u.test(lastVisible) && /^(tháng|năm)(?![\p{L}])/u.test(visible);
    if (last && (openNumber || openDate)) last.text = `${lastVisible}     ${visible}`;
    else out.push({ ...piece });
  }
  return out;
}

/** Superior and issuing bodies from the header's capital lines. */
function splitBodies(header: ParsedHeader, lines: Piece[]): void {
  if (!lines.length) return;
  // When weights are known (a .docx), the issuing body is the bold block after the regular one.
  const firstBold = lines.findIndex((l) => l.bold);
  if (firstBold > 0 && lines.slice(firstBold).every((l) => l.bold) && lines.slice(0, firstBold).every((l) => !l.bold)) {
    header.superiorBody = lines
      .slice(0, firstBold)
      .map((l) => l.text)
      .join('\n');
    header.issuingBody = lines
      .slice(firstBold)
      .map((l) => l.text)
      .join('\n');
    lines.forEach((l, i) => header.recognized.push({ what: i < firstBold ? 'superiorBody' : 'issuingBody', line: l.line }));
    return;
  }
  const bodies: Piece[][] = [];
  for (const line of lines) {
    if (!bodies.length || startsBody(line.text)) bodies.push([line]);
    else bodies[bodies.length - 1].push(line);
  }
  const issuing = bodies[bodies.length - 1];
  const superior = bodies.slice(0, -1).flat();
  header.issuingBody = issuing.map((l) => l.text).join('\n');
  header.superiorBody = superior.length ? superior.map((l) => l.text).join('\n') : null;
  for (const l of superior) header.recognized.push({ what: 'superiorBody', line: l.line });
  for (const l of issuing) header.recognized.push({ what: 'issuingBody', line: l.line });
}
