/**
 * Numbering labels at the start of a line: parts "I-" / "I." / "PHẦN I", items "1.", "1.1.",
 * "1.1.1.", "a)", and list marks "-" and "+". Numbers are dropped from the content (they are
 * computed again from the tree); the kind of label gives the line's place in the outline.
 */

export type LabelKind = 'part' | 'item1' | 'item2' | 'item3' | 'letter' | 'dash' | 'plus';

export interface Label {
  kind: LabelKind;
  /** The label as written ("II-", "1.2.", "a)", "-"). */
  label: string;
  /** Visible characters the label (and the spaces after it) take. */
  length: number;
  /** A lettered part ("A- KẾT QUẢ"): it groups the Roman-numbered parts after it. */
  group?: boolean;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

function make(kind: LabelKind, match: RegExpExecArray): Label {
  return { kind, label: match[1].trim(), length: match[0].length };
}

/** The label that opens a line of visible text, or null for an unnumbered line. */
export function detectLabel(visible: string, bold = false): Label | null {
  const text = visible.replace(/^\s+/, '');
  let match: RegExpExecArray | null;
  match = /^((?:PHẦN|Phần)\s+(?:THỨ\s+)?[IVX]+\s*[.:\-–]?)\s*(?=\S)/.exec(text);
  if (match) return make('part', match);
  match = /^(([IVX]{1,5})\s*(?:\.|-|–|\))(?!\d))\s*(?=\S)/.exec(text);
  if (match && ROMAN.test(match[2]) && !/^[IVX]{1,5}\s*[.\-–)]\s*[IVX]+\b/.test(text)) return make('part', match);
  // "A. KẾT QUẢ", "B- NHIỆM VỤ": a capital letter (not a Roman digit) before a title in capitals
  // (or in bold: Word prints a title in capitals that is written in lower case).
  match = /^(([A-HJ-UWYĐ])\s*[.\-–])\s+(?=\S)/u.exec(text);
  if (match && (bold || isCapitalTitle(text.slice(match[0].length)))) return { ...make('part', match), group: true };
  match = /^((\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\.?)\s+(?=\S)/.exec(text);
  if (match) return make('item3', match);
  match = /^((\d{1,2})\.(\d{1,2})\.?)\s*(?=[^\d\s./])/.exec(text);
  if (match) return make('item2', match);
  match = /^((\d{1,2})\s*[.)](?!\d))\s*(?=\S)/.exec(text);
  if (match) return make('item1', match);
  match = /^((\d{1,2})\s*-)\s+(?=\D)/.exec(text);
  if (match) return make('item1', match);
  match = /^(([a-zđ])\s*\))\s*(?=\S)/.exec(text);
  if (match) return make('letter', match);
  match = /^(([a-eg-zđ])\.)\s+(?=\S)/.exec(text);
  if (match && !/^[a-zđ]\.\s*[a-zđ]\./i.test(text)) return make('letter', match);
  match = /^([-–—−•])(?![-–—−])\s*(?=\S)/.exec(text);
  if (match) return make('dash', match);
  match = /^(\+)\s*(?=\S)/.exec(text);
  if (match) return make('plus', match);
  return null;
}

function isCapitalTitle(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toLocaleUpperCase('vi') && text.trim().split(/\s+/).length >= 2;
}

/** Whether a line is only a rule or the Party "*": "-----", "___", "*". */
export function isRule(visible: string): boolean {
  return /^\s*(?:[-_–—=]{3,}|\*|\\\*|\*\s*\*\s*\*)\s*$/.test(visible);
}
