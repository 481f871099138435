import { randomUUID } from 'node:crypto';
import { foldVietnamese } from '@app/common';
import type { Family } from '@app/identity';
import type { Recipient, RecipientPurpose, Signature } from '@app/plans';
import { isUpperCase, readableText, trimListPunctuation, unwrapEmphasis } from './inline-markup';
import { ReportBuilder } from './import-report';
import { Line } from './prepare-lines';

/** "Nơi nhận:" (also "Nơi gửi:" in some offices), possibly with other text after a tab. */
export const RECIPIENTS_HEADING = /^(?:Nơi nhận|Nơi gửi)\s*:?\s*$/iu;

/** Capacity prefixes of a signature block: T/M, K/T, T/L (Party), TM., KT., TL., TUQ., Q. (State). */
const CAPACITY = /^(?:T\/M|K\/T|T\/L|TM\.|KT\.|TL\.|TUQ\.|Q\.|TM |KT |TL )/u;
/**
 * A capacity prefix as people mistype it: "T.M", "TM/", "KT/", "K.T", "KT", "TM:", "T/M." —
 * T or K, then M, T or L (TM, KT, TL), with or without the slash or the dot.
 */
const CAPACITY_VARIANT = /^(T|K)\s*[/.\\:,]?\s*(M|T|L)\s*[/.\\:,]*(?=\s+\p{Lu})/u;
const CAPACITY_KINDS: Record<string, { party: string; state: string }> = {
  TM: { party: 'T/M', state: 'TM.' },
  KT: { party: 'K/T', state: 'KT.' },
  TL: { party: 'T/L', state: 'TL.' },
};

function misspeltCapacity(text: string): boolean {
  const match = CAPACITY_VARIANT.exec(text);
  return !!match && `${match[1]}${match[2]}` in CAPACITY_KINDS;
}

/** "kiêm" as typed, OCR'd or capitalized: "Kiem", "KIÊM", "kiêm:". */
export function isLinkingWord(text: string): boolean {
  return text.length <= 8 && foldVietnamese(text).replace(/[^a-z]/g, '') === 'kiem';
}

/**
 * A capacity line in the family's spelling: "T.M BAN THƯỜNG VỤ" -> "T/M BAN THƯỜNG VỤ" (Party),
 * "KT CHỦ TỊCH" -> "KT. CHỦ TỊCH" (State), "Kiem" -> "kiêm". A family not known is read from
 * the prefix itself: a slash is Party, a dot State; otherwise the line is left as it is.
 */
export function normalizeCapacityLine(text: string, family: Family | null): string {
  if (isLinkingWord(text)) return 'kiêm';
  const match = CAPACITY_VARIANT.exec(text);
  const kind = match && CAPACITY_KINDS[`${match[1]}${match[2]}`];
  if (!match || !kind) return text;
  const written = family ?? (match[0].includes('/') ? 'party' : match[0].includes('.') ? 'state' : null);
  if (!written) return text;
  return `${kind[written]} ${text.slice(match[0].length).trim()}`;
}

export const SIGNED_MARK = /^\(?\s*(?:Đã ký|đã ký|Ký|ký)(?:[^)]*)\)?$/u;

/** Whether a line opens a signature block: a capacity line, or a capital title with a name below. */
export function opensSignature(lines: string[], index: number): boolean {
  const text = readableText(lines[index] ?? '');
  if (!text) return false;
  if (CAPACITY.test(text) || misspeltCapacity(text)) return true;
  if (!isUpperCase(text) || text.split(/\s+/).length > 8 || /\d/.test(text)) return false;
  // A capital title: a name (or "kiêm", or another capital line) must follow, blank lines aside.
  let seen = 0;
  for (let i = index + 1; i < lines.length && seen < 5; i++) {
    const next = readableText(lines[i]);
    if (!next) continue;
    seen++;
    if (SIGNED_MARK.test(next)) continue;
    return isLinkingWord(next) || isPersonName(next) || (isUpperCase(next) && next.split(/\s+/).length <= 8);
  }
  return false;
}

/** "Bùi Quang Nhựt": two to six words, each capitalized, not all capitals. */
export function isPersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  if (isUpperCase(text)) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}\p{M}]*$/u.test(w));
}

const PURPOSES: { purpose: RecipientPurpose; pattern: RegExp }[] = [
  { purpose: 'report', pattern: /^(?:để\s+)?(?:b\s*\/\s*c|báo cáo|bc)$/iu },
  { purpose: 'implement', pattern: /^(?:để\s+)?(?:t\s*\/\s*h|thực hiện|triển khai|triển khai thực hiện|th)$/iu },
  { purpose: 'inform', pattern: /^(?:để\s+)?(?:đ\s*\/\s*b|biết|theo dõi|biết và theo dõi)$/iu },
  { purpose: 'coordinate', pattern: /^(?:để\s+)?(?:p\s*\/\s*h|phối hợp|phối hợp thực hiện)$/iu },
];

/** The purpose a note like "(b/c)", "để báo cáo", "t/h" states. */
export function purposeOf(note: string): RecipientPurpose | null {
  const clean = note.replace(/[()]/g, '').trim();
  return PURPOSES.find((p) => p.pattern.test(clean))?.purpose ?? null;
}

interface RecipientLine {
  line: number;
  /** Text of the line; a brace "}" closes a group. */
  text: string;
}

/** One recipient line: name, purpose and note ("TT.Đảng ủy( B/C);" -> "TT.Đảng ủy", report, "B/C"). */
export function parseRecipientLine(text: string): { name: string; purpose: RecipientPurpose | null; note: string | null; archive: boolean } {
  let body = readableText(text).replace(/^[-–—•+*]\s*/, '');
  body = trimListPunctuation(body);
  const archive = /^Lưu\b\s*:?\s*/iu.exec(body);
  if (archive) return { name: trimListPunctuation(body.slice(archive[0].length)), purpose: 'archive', note: null, archive: true };
  const parenthesized = /\s*\(\s*([^()]*?)\s*\)\s*$/u.exec(body);
  if (parenthesized) {
    const purpose = purposeOf(parenthesized[1]);
    if (purpose) return { name: trimListPunctuation(body.slice(0, parenthesized.index)), purpose, note: parenthesized[1].trim(), archive: false };
  }
  const trailing = /\s+((?:để\s+)?(?:b\/c|báo cáo|t\/h|thực hiện|biết|đ\/b|phối hợp|p\/h))$/iu.exec(body);
  if (trailing && /^(để|b\/c|t\/h|đ\/b|p\/h)/iu.test(trailing[1])) {
    return { name: trimListPunctuation(body.slice(0, trailing.index)), purpose: purposeOf(trailing[1]), note: trailing[1].trim(), archive: false };
  }
  return { name: body, purpose: null, note: null, archive: false };
}

/** A recipient whose purpose the list does not state yet (the caller infers it). */
export type DraftRecipient = Omit<Recipient, 'purpose'> & { purpose: RecipientPurpose | null };

/**
 * "Nơi nhận" lines to recipients. A brace "}" drawn beside several lines groups them under the
 * purpose written after it, usually beside the middle line ("} (b/c)", "} để thực hiện"): a run
 * of lines carrying "}" is a group, and when it holds several purposes each line takes the
 * nearest one.
 */
export function parseRecipients(lines: RecipientLine[], report: ReportBuilder, defaultPurpose: RecipientPurpose | null): DraftRecipient[] {
  const recipients: DraftRecipient[] = [];
  /** Per line of a brace run: the recipient it holds (if any) and the purpose written after its "}". */
  let run: { index: number | null; line: number; label: string | null }[] = [];
  const closeRun = () => {
    const labels = run
      .map((entry, position) => ({ position, label: entry.label }))
      .filter((l): l is { position: number; label: string } => !!l.label && !!purposeOf(l.label));
    if (labels.length) {
      run.forEach((entry, position) => {
        if (entry.index === null) return;
        const nearest = labels.reduce((best, l) => (Math.abs(l.position - position) < Math.abs(best.position - position) ? l : best));
        recipients[entry.index].purpose = purposeOf(nearest.label);
        recipients[entry.index].note = nearest.label.replace(/[()]/g, '').trim() || null;
      });
      for (const label of labels) {
        const at = run[label.position].index ?? run.find((entry) => entry.index !== null)?.index ?? 0;
        report.recognized('recipientGroup', `recipients[${at}]`, run[label.position].line);
      }
    }
    run = [];
  };
  for (const entry of lines) {
    let text = entry.text;
    let braceTail: string | null = null;
    if (text.includes('}')) {
      braceTail = text.slice(text.lastIndexOf('}') + 1).trim() || null;
      text = text.slice(0, text.indexOf('}'));
    } else closeRun();
    const visible = readableText(text);
    let index: number | null = null;
    if (visible.replace(/[-–—•\s]/g, '')) {
      const parsed = parseRecipientLine(text);
      recipients.push({
        id: randomUUID(),
        name: parsed.name,
        organizationId: null,
        purpose: parsed.purpose ?? defaultPurpose,
        note: parsed.note,
        email: null,
        mustImplement: false,
        implementationDueDate: null,
      });
      index = recipients.length - 1;
      report.recognized(parsed.archive ? 'archiveCopy' : 'recipient', `recipients[${index}]`, entry.line);
    }
    if (entry.text.includes('}')) {
      // A lone "} (b/c)" line closes the lines just above it that carried no brace of their own.
      if (index === null && !run.length) {
        for (let i = recipients.length - 1; i >= 0 && recipients[i].note === null && recipients[i].purpose !== 'archive'; i--)
          run.unshift({ index: i, line: entry.line, label: null });
      }
      run.push({ index, line: entry.line, label: braceTail });
    }
  }
  closeRun();
  return recipients;
}

/** The signature block: capacity and title lines (T/M ..., K/T ..., "kiêm", PHÓ BÍ THƯ) then the name. */
export function parseSignature(
  lines: { line: number; text: string }[],
  report: ReportBuilder,
  family: Family | null = null,
): { signature: Signature; used: number[] } {
  const capacityLines: string[] = [];
  let signerName = '';
  const used: number[] = [];
  for (const [index, entry] of lines.entries()) {
    const text = readableText(unwrapEmphasis(entry.text));
    if (!text) continue;
    if (signerName) break;
    if (SIGNED_MARK.test(text)) {
      used.push(index);
      report.recognized('signature.signedMark', 'signature', entry.line);
      continue;
    }
    if (isPersonName(text)) {
      signerName = text;
      used.push(index);
      report.recognized('signature.name', 'signature.signerName', entry.line);
      continue;
    }
    if (CAPACITY.test(text) || misspeltCapacity(text) || isUpperCase(text) || isLinkingWord(text)) {
      const normalized = normalizeCapacityLine(text, family);
      if (normalized !== text) report.warn(`Khối chữ ký: "${text}" được sửa thành "${normalized}".`);
      capacityLines.push(normalized);
      used.push(index);
      report.recognized('signature.capacity', `signature.capacityLines[${capacityLines.length - 1}]`, entry.line);
      continue;
    }
    break;
  }
  return { signature: { capacityLines, signerName, signerUserId: null, authorityId: null }, used };
}

/** Splits the tail's lines into the two columns of a Word table (recipients left, signature right). */
export function tailColumns(lines: Line[], layout = false): { left: { line: number; text: string }[]; right: { line: number; text: string }[] } {
  const left: { line: number; text: string }[] = [];
  const right: { line: number; text: string }[] = [];
  for (const line of lines) {
    // In a laid-out text a line far from the margin stands in the right column.
    if (line.column === 1 || (layout && line.cells.length === 1 && line.indent >= 25)) right.push({ line: line.source, text: line.text });
    else if (line.column === 0) left.push({ line: line.source, text: line.text });
    else if (line.cells.length >= 2) {
      left.push({ line: line.source, text: line.cells[0] });
      right.push({ line: line.source, text: line.cells.slice(1).join(' ') });
    } else left.push({ line: line.source, text: line.text });
  }
  return { left, right };
}
