import { toRoman } from '@app/plans';
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

/** One tag of an XML text: where it is, its name, whether it opens, closes or is empty. */
class XmlTag {
  name = '';
  kind: 'open' | 'close' | 'empty' = 'open';
  start = 0;
  end = 0;

  constructor(private readonly xml: string) {}

  /** An attribute's value (`name="value"`), found with indexOf inside the tag only. */
  attr(name: string): string | undefined {
    const body = this.xml.slice(this.start + 1, this.end - 1);
    const key = `${name}="`;
    for (let at = body.indexOf(key); at >= 0; at = body.indexOf(key, at + 1)) {
      if (at > 0 && !isXmlSpace(body.charCodeAt(at - 1))) continue;
      const close = body.indexOf('"', at + key.length);
      return close < 0 ? undefined : body.slice(at + key.length, close);
    }
    return undefined;
  }
}

const isXmlSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Visits the tags of an XML text, left to right, in linear time: each character is looked at
 * a bounded number of times whatever the input (an unclosed "<" ends the scan; no pattern
 * backtracks). Comments, processing instructions and declarations are skipped. The visitor
 * gets one reused object: it keeps numbers, not the object.
 */
export function visitXmlTags(xml: string, visit: (tag: XmlTag) => void): void {
  const tag = new XmlTag(xml);
  let i = xml.indexOf('<');
  while (i >= 0) {
    if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) return;
      i = xml.indexOf('<', close + 3);
      continue;
    }
    const end = xml.indexOf('>', i + 1);
    if (end < 0) return;
    const first = xml.charCodeAt(i + 1);
    if (first !== 63 /* ? */ && first !== 33 /* ! */) {
      const closing = first === 47; /* / */
      let nameEnd = closing ? i + 2 : i + 1;
      while (nameEnd < end) {
        const code = xml.charCodeAt(nameEnd);
        if (code === 47 || isXmlSpace(code)) break;
        nameEnd++;
      }
      tag.name = xml.slice(closing ? i + 2 : i + 1, nameEnd);
      tag.kind = closing ? 'close' : xml.charCodeAt(end - 1) === 47 ? 'empty' : 'open';
      tag.start = i;
      tag.end = end + 1;
      visit(tag);
    }
    i = xml.indexOf('<', end + 1);
  }
}

function attr(tag: XmlTag, name: string): string | undefined {
  return tag.attr(name);
}

const opens = (tag: XmlTag) => tag.kind !== 'close';
const closes = (tag: XmlTag) => tag.kind !== 'open';

/** A numbering level as it is being read: each property from its first element (a later level of the same number replaces it). */
function levelReader() {
  const level: Partial<Level> = {};
  return {
    read(tag: XmlTag): void {
      if (!opens(tag)) return;
      const val = attr(tag, 'w:val');
      if (val === undefined) return;
      if (tag.name === 'w:numFmt') level.numFmt ??= val;
      else if (tag.name === 'w:lvlText') level.lvlText ??= val;
      else if (tag.name === 'w:start') level.start ??= Number(val);
    },
    done: (): Level => ({ numFmt: level.numFmt ?? 'decimal', lvlText: level.lvlText ?? '', start: level.start ?? 1 }),
  };
}

export function readNumbering(numberingXml: string | null): Numbering {
  const nums = new Map<string, Map<number, Level>>();
  if (!numberingXml) return { nums };
  const abstracts = new Map<string, Map<number, Level>>();
  let abstract: { id: string; levels: Map<number, Level> } | null = null;
  let num: { id: string; abstractId?: string; overrides: { ilvl: number; start?: number; level?: Level }[] } | null = null;
  let override: { ilvl: number; start?: number; level?: Level } | null = null;
  let level: { ilvl: number; reader: ReturnType<typeof levelReader> } | null = null;
  visitXmlTags(numberingXml, (tag) => {
    if (tag.name === 'w:abstractNum') {
      if (opens(tag)) abstract = { id: attr(tag, 'w:abstractNumId') ?? '', levels: new Map() };
      if (closes(tag) && abstract) {
        abstracts.set(abstract.id, abstract.levels);
        abstract = null;
      }
    } else if (tag.name === 'w:num') {
      if (opens(tag)) num = { id: attr(tag, 'w:numId') ?? '', overrides: [] };
      if (closes(tag) && num) {
        const levels = new Map<number, Level>();
        for (const [ilvl, l] of abstracts.get(num.abstractId ?? '') ?? []) levels.set(ilvl, { ...l });
        for (const o of num.overrides) {
          const base = o.level ?? levels.get(o.ilvl);
          if (base) levels.set(o.ilvl, { ...base, start: o.start ?? base.start });
        }
        nums.set(num.id, levels);
        num = null;
      }
    } else if (tag.name === 'w:abstractNumId' && num && !override && opens(tag)) {
      num.abstractId ??= attr(tag, 'w:val');
    } else if (tag.name === 'w:lvlOverride' && num) {
      if (opens(tag)) override = { ilvl: Number(attr(tag, 'w:ilvl') ?? '0') };
      if (closes(tag) && override) {
        num.overrides.push(override);
        override = null;
      }
    } else if (tag.name === 'w:startOverride' && override && opens(tag)) {
      const val = attr(tag, 'w:val');
      if (val !== undefined) override.start ??= Number(val);
    } else if (tag.name === 'w:lvl') {
      if (opens(tag)) level = { ilvl: Number(attr(tag, 'w:ilvl') ?? '0'), reader: levelReader() };
      if (closes(tag) && level) {
        const done = level.reader.done();
        if (override) {
          if (level.ilvl === override.ilvl) override.level = done;
        } else if (abstract) abstract.levels.set(level.ilvl, done);
        level = null;
      }
    } else if (level) {
      level.reader.read(tag);
    }
  });
  return { nums };
}

/** Paragraph styles that carry numbering (a style's numPr, following basedOn). */
export function readStyleNumbering(stylesXml: string | null): Map<string, { numId: string; ilvl: number }> {
  const result = new Map<string, { numId: string; ilvl: number }>();
  if (!stylesXml) return result;
  const raw = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  let style: { id: string; paragraph: boolean; numId?: string; ilvl?: number; basedOn?: string; numPr: 'before' | 'inside' | 'after' } | null = null;
  visitXmlTags(stylesXml, (tag) => {
    if (tag.name === 'w:style') {
      if (opens(tag)) style = { id: attr(tag, 'w:styleId') ?? '', paragraph: attr(tag, 'w:type') === 'paragraph', numPr: 'before' };
      if (closes(tag) && style) {
        if (style.paragraph) raw.set(style.id, { numId: style.numId, ilvl: style.ilvl, basedOn: style.basedOn });
        style = null;
      }
    } else if (!style) {
      return;
    } else if (tag.name === 'w:numPr' && style.numPr !== 'after') {
      if (tag.kind === 'open') style.numPr = 'inside';
      else if (tag.kind === 'close' && style.numPr === 'inside') style.numPr = 'after';
    } else if (tag.name === 'w:numId' && style.numPr === 'inside' && opens(tag)) {
      style.numId ??= attr(tag, 'w:val');
    } else if (tag.name === 'w:ilvl' && style.numPr === 'inside' && opens(tag)) {
      const val = attr(tag, 'w:val');
      if (val !== undefined) style.ilvl ??= Number(val);
    } else if (tag.name === 'w:basedOn' && opens(tag)) {
      style.basedOn ??= attr(tag, 'w:val');
    }
  });
  for (const styleId of raw.keys()) {
    let current: string | undefined = styleId;
    const seen = new Set<string>();
    while (current && !seen.has(current)) {
      seen.add(current);
      const found = raw.get(current);
      if (found?.numId !== undefined) {
        result.set(styleId, { numId: found.numId, ilvl: found.ilvl ?? 0 });
        break;
      }
      current = found?.basedOn;
    }
  }
  return result;
}

/** Word's Roman counter; the rule itself is the plans domain's (a counter below 1 prints nothing). */
function wordRoman(value: number): string {
  return value >= 1 && value <= 3999 ? toRoman(value) : '';
}

function toLetters(value: number): string {
  // Word repeats the letter past z: aa, bb...
  const letter = String.fromCharCode(97 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

function formatCounter(value: number, numFmt: string): string {
  switch (numFmt) {
    case 'upperRoman':
      return wordRoman(value);
    case 'lowerRoman':
      return wordRoman(value).toLowerCase();
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

/** What a paragraph's properties (`<w:pPr>`) say about its numbering, read tag by tag. */
interface ParagraphProperties {
  /** Where the pPr ends (just past its closing tag). */
  end: number;
  styleId?: string;
  /** The paragraph's own `<w:numPr>` (outside tracked changes), as a range to remove. */
  numPr?: { start: number; end: number; numId?: string; ilvl?: string };
}

/**
 * Writes every automatically numbered paragraph's label ("II-", "1.2.", "a)", "-") into its
 * text and drops its numbering, so that readers of the text see what Word displays.
 * One pass over the tags: linear in the size of the document, whatever its shape.
 */
export function inlineNumbering(documentXml: string, numberingXml: string | null, stylesXml: string | null): string {
  const numbering = readNumbering(numberingXml);
  const styleNumbering = readStyleNumbering(stylesXml);
  const counters = new Map<string, number[]>();
  const edits: { start: number; end: number; text: string }[] = [];
  let paragraphStartEnd = -1;
  let props: (ParagraphProperties & { depth: number; changeDepth: number; numPrState: 'none' | 'inside' | 'done' }) | null = null;
  visitXmlTags(documentXml, (tag) => {
    if (!props) {
      if (tag.name === 'w:p' && tag.kind === 'open') paragraphStartEnd = tag.end;
      else if (tag.name === 'w:pPr' && tag.kind === 'open' && tag.start === paragraphStartEnd)
        props = { end: -1, depth: 1, changeDepth: 0, numPrState: 'none' };
      return;
    }
    if (tag.name === 'w:pPr') {
      if (tag.kind === 'open') props.depth++;
      if (tag.kind === 'close' && --props.depth === 0) {
        props.end = tag.end;
        const label = numberLabel(props, numbering, styleNumbering, counters);
        if (label !== null) {
          if (props.numPr) edits.push({ start: props.numPr.start, end: props.numPr.end, text: '' });
          edits.push({ start: props.end, end: props.end, text: `<w:r><w:t xml:space="preserve">${escapeXml(label)} </w:t></w:r>` });
        }
        props = null;
      }
      return;
    }
    if (tag.name === 'w:pPrChange') {
      if (tag.kind === 'open') props.changeDepth++;
      if (tag.kind === 'close') props.changeDepth = Math.max(0, props.changeDepth - 1);
      return;
    }
    if (tag.name === 'w:pStyle' && opens(tag)) props.styleId ??= attr(tag, 'w:val');
    if (props.changeDepth > 0) return;
    if (tag.name === 'w:numPr' && props.numPrState === 'none' && tag.kind === 'open') {
      props.numPrState = 'inside';
      props.numPr = { start: tag.start, end: -1 };
    } else if (tag.name === 'w:numPr' && props.numPrState === 'inside' && tag.kind === 'close') {
      props.numPrState = 'done';
      props.numPr!.end = tag.end;
    } else if (props.numPrState === 'inside' && opens(tag) && (tag.name === 'w:numId' || tag.name === 'w:ilvl')) {
      const key = tag.name === 'w:numId' ? 'numId' : 'ilvl';
      props.numPr![key] ??= attr(tag, 'w:val');
    }
  });
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    out += documentXml.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + documentXml.slice(cursor);
}

/** The label Word shows before the paragraph (and its counter moved on), or null when it is not numbered. */
function numberLabel(
  props: ParagraphProperties & { numPrState: string },
  numbering: Numbering,
  styleNumbering: Map<string, { numId: string; ilvl: number }>,
  counters: Map<string, number[]>,
): string | null {
  const own = props.numPrState === 'done' ? props.numPr : undefined;
  if (!own) props.numPr = undefined;
  let numId: string | undefined;
  let ilvl = 0;
  if (own) {
    numId = own.numId;
    ilvl = Number(own.ilvl ?? '0');
    if (numId !== undefined && own.ilvl === undefined && props.styleId) ilvl = styleNumbering.get(props.styleId)?.ilvl ?? 0;
  } else if (props.styleId && styleNumbering.has(props.styleId)) {
    ({ numId, ilvl } = styleNumbering.get(props.styleId)!);
  }
  const levels = numId && numId !== '0' ? numbering.nums.get(numId) : undefined;
  const level = levels?.get(ilvl);
  if (!numId || !levels || !level) return null;
  const counter = counters.get(numId) ?? [];
  counter[ilvl] = counter[ilvl] === undefined ? level.start : counter[ilvl] + 1;
  // A level restarts below every level that moves.
  counter.length = ilvl + 1;
  counters.set(numId, counter);
  if (level.numFmt === 'bullet') return bulletLabel(level.lvlText);
  return level.lvlText.replace(/%(\d)/g, (_m, n: string) => {
    const at = Number(n) - 1;
    const value = counter[at] ?? levels.get(at)?.start ?? 1;
    return formatCounter(value, levels.get(at)?.numFmt ?? 'decimal');
  });
}
