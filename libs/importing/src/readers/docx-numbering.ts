/**
 * Word's automatic numbering: the "I-", "1.", "1.1.", "a)", "-" a reader sees are not in the
 * text but computed from numbering.xml. This module computes them and writes each label into
 * its paragraph as plain text (and removes the numbering), so the importer reads a numbered
 * Word list exactly like a typed one.
 */

interface Level {
  numFmt: string;
  lvlText: string;
  start: number;
}

interface Numbering {
  /** numId -> abstract levels, with start overrides applied. */
  nums: Map<string, Map<number, Level>>;
  /** numId -> levels whose counter restarts with this num. */
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`${name}="([^"]*)"`).exec(tag);
  return match?.[1];
}

function childVal(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}\\b[^>]*?w:val="([^"]*)"`).exec(xml);
  return match?.[1];
}

function readLevels(xml: string): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const match of xml.matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
    const ilvl = Number(attr(match[1], 'w:ilvl') ?? '0');
    levels.set(ilvl, {
      numFmt: childVal(match[2], 'w:numFmt') ?? 'decimal',
      lvlText: childVal(match[2], 'w:lvlText') ?? '',
      start: Number(childVal(match[2], 'w:start') ?? '1'),
    });
  }
  return levels;
}

export function readNumbering(numberingXml: string | null): Numbering {
  const nums = new Map<string, Map<number, Level>>();
  if (!numberingXml) return { nums };
  const abstracts = new Map<string, Map<number, Level>>();
  for (const match of numberingXml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    abstracts.set(attr(match[1], 'w:abstractNumId') ?? '', readLevels(match[2]));
  }
  for (const match of numberingXml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const numId = attr(match[1], 'w:numId') ?? '';
    const abstractId = childVal(match[2], 'w:abstractNumId') ?? '';
    const levels = new Map<number, Level>();
    for (const [ilvl, level] of abstracts.get(abstractId) ?? []) levels.set(ilvl, { ...level });
    for (const override of match[2].matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const ilvl = Number(attr(override[1], 'w:ilvl') ?? '0');
      const overridden = readLevels(override[2]).get(ilvl);
      const startOverride = childVal(override[2], 'w:startOverride');
      const level = overridden ?? levels.get(ilvl);
      if (!level) continue;
      levels.set(ilvl, { ...level, start: startOverride !== undefined ? Number(startOverride) : level.start });
    }
    nums.set(numId, levels);
  }
  return { nums };
}

/** Paragraph styles that carry numbering (a style's numPr, following basedOn). */
export function readStyleNumbering(stylesXml: string | null): Map<string, { numId: string; ilvl: number }> {
  const result = new Map<string, { numId: string; ilvl: number }>();
  if (!stylesXml) return result;
  const raw = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  for (const match of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    if (attr(match[1], 'w:type') !== 'paragraph') continue;
    const styleId = attr(match[1], 'w:styleId') ?? '';
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(match[2])?.[1];
    raw.set(styleId, {
      numId: numPr ? childVal(numPr, 'w:numId') : undefined,
      ilvl: numPr && childVal(numPr, 'w:ilvl') !== undefined ? Number(childVal(numPr, 'w:ilvl')) : undefined,
      basedOn: childVal(match[2], 'w:basedOn'),
    });
  }
  for (const styleId of raw.keys()) {
    let current: string | undefined = styleId;
    const seen = new Set<string>();
    while (current && !seen.has(current)) {
      seen.add(current);
      const style = raw.get(current);
      if (style?.numId !== undefined) {
        result.set(styleId, { numId: style.numId, ilvl: style.ilvl ?? 0 });
        break;
      }
      current = style?.basedOn;
    }
  }
  return result;
}

const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function toRoman(value: number): string {
  let rest = value;
  let out = '';
  for (const [n, letters] of ROMAN) {
    while (rest >= n) {
      out += letters;
      rest -= n;
    }
  }
  return out;
}

function toLetters(value: number): string {
  // Word repeats the letter past z: aa, bb...
  const letter = String.fromCharCode(97 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

function formatCounter(value: number, numFmt: string): string {
  switch (numFmt) {
    case 'upperRoman':
      return toRoman(value);
    case 'lowerRoman':
      return toRoman(value).toLowerCase();
    case 'upperLetter':
      return toLetters(value).toUpperCase();
    case 'lowerLetter':
      return toLetters(value);
    case 'decimalZero':
      return String(value).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(value);
  }
}

/** The label of a bullet level: "+" when Word shows a plus, else the dash of official documents. */
function bulletLabel(lvlText: string): string {
  return lvlText.includes('+') ? '+' : '-';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Index just past the element that starts at `from` (`<w:pPr>`...`</w:pPr>`, nested ones counted). */
function elementEnd(xml: string, from: number, tag: string): number {
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*?(/?)>`, 'g');
  pattern.lastIndex = from;
  let depth = 0;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[2] === '/') {
      if (depth === 0) return pattern.lastIndex;
      continue;
    }
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return pattern.lastIndex;
  }
  return -1;
}

/**
 * Writes every automatically numbered paragraph's label ("II-", "1.2.", "a)", "-") into its
 * text and drops its numbering, so that readers of the text see what Word displays.
 */
export function inlineNumbering(documentXml: string, numberingXml: string | null, stylesXml: string | null): string {
  const numbering = readNumbering(numberingXml);
  const styleNumbering = readStyleNumbering(stylesXml);
  const counters = new Map<string, number[]>();
  let out = '';
  let cursor = 0;
  const paragraphStart = /<w:p(?=[\s>/])[^>]*?(\/?)>/g;
  for (let match = paragraphStart.exec(documentXml); match; match = paragraphStart.exec(documentXml)) {
    if (match[1] === '/') continue;
    const afterStart = paragraphStart.lastIndex;
    let pPrEnd = afterStart;
    let pPr = '';
    if (documentXml.startsWith('<w:pPr', afterStart) && /^<w:pPr[\s>]/.test(documentXml.slice(afterStart, afterStart + 8))) {
      pPrEnd = elementEnd(documentXml, afterStart, 'w:pPr');
      if (pPrEnd < 0) continue;
      pPr = documentXml.slice(afterStart, pPrEnd);
    }
    const ownNumPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr.replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, ''));
    const styleId = childVal(pPr, 'w:pStyle');
    let numId: string | undefined;
    let ilvl = 0;
    if (ownNumPr) {
      numId = childVal(ownNumPr[1], 'w:numId');
      ilvl = Number(childVal(ownNumPr[1], 'w:ilvl') ?? '0');
      if (numId !== undefined && childVal(ownNumPr[1], 'w:ilvl') === undefined && styleId) ilvl = styleNumbering.get(styleId)?.ilvl ?? 0;
    } else if (styleId && styleNumbering.has(styleId)) {
      ({ numId, ilvl } = styleNumbering.get(styleId)!);
    }
    const levels = numId && numId !== '0' ? numbering.nums.get(numId) : undefined;
    const level = levels?.get(ilvl);
    if (!numId || !levels || !level) continue;
    const counter = counters.get(numId) ?? [];
    counter[ilvl] = counter[ilvl] === undefined ? level.start : counter[ilvl] + 1;
    // A level restarts below every level that moves.
    counter.length = ilvl + 1;
    counters.set(numId, counter);
    let label: string;
    if (level.numFmt === 'bullet') label = bulletLabel(level.lvlText);
    else {
      label = level.lvlText.replace(/%(\d)/g, (_m, n: string) => {
        const at = Number(n) - 1;
        const value = counter[at] ?? levels.get(at)?.start ?? 1;
        return formatCounter(value, levels.get(at)?.numFmt ?? 'decimal');
      });
    }
    const withoutNumPr = ownNumPr ? pPr.replace(ownNumPr[0], '') : pPr;
    out += documentXml.slice(cursor, afterStart) + withoutNumPr + `<w:r><w:t xml:space="preserve">${escapeXml(label)} </w:t></w:r>`;
    cursor = pPrEnd;
  }
  return out + documentXml.slice(cursor);
}
