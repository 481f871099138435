import { cleanText } from '@app/common';
import type { Footnote } from '@app/plans';
import { SourceDocument } from '../readers/source-document';
import { isWhollyBold, readableText } from './inline-markup';
import { unlayPdfText } from './pdf-text';

/** A line ready for the parser. */
export interface Line {
  /** Line (or .docx paragraph) number in the file. */
  source: number;
  /** Marked text, tabs turned into spaces. */
  text: string;
  /** The pieces between tabs: a Word table exported as text puts cells side by side. */
  cells: string[];
  /** What a reader sees: no marks, no footnote marks. */
  visible: string;
  /** Bold from end to end. */
  bold: boolean;
  /** "#" count of a Markdown heading. */
  headingLevel: number | null;
  style: string | null;
  column: number | null;
  /** Leading spaces in a laid-out text (0 elsewhere). */
  indent: number;
}

export interface Artifact {
  line: number;
  text: string;
  what: string;
}

export interface PreparedDocument {
  lines: Line[];
  footnotes: Footnote[];
  /** Things of the file, not of the text: Word bookmarks, footnote bodies moved to footnotes. */
  artifacts: Artifact[];
  hasEmphasis: boolean;
  /** Laid out in pages (pdftotext -layout): paragraphs open with an indent, cells are spaced apart. */
  layout: boolean;
}

const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Normalizes the reader's lines: NFC, odd spaces, Word's "[bookmark: ...]" and
 * "[footnoteRef:n]" text-export marks, footnote texts ("[n: ...]" after the paragraph, or
 * Markdown "[^n]: ..."), Markdown headings and escapes.
 */
export function prepareLines(document: SourceDocument): PreparedDocument {
  const footnotes: Footnote[] = document.footnotes.map((f) => ({ id: f.id, text: cleanText(f.text) }));
  const artifacts: Artifact[] = [];
  let sourceLines = document.lines;
  if (document.layout) {
    const unlaid = unlayPdfText(document.lines);
    sourceLines = unlaid.lines;
    footnotes.push(...unlaid.footnotes.map((f) => ({ id: f.id, text: cleanText(f.text) })));
    artifacts.push(...unlaid.artifacts);
  }
  const raw = sourceLines.map((l) => ({
    ...l,
    text: l.text
      .normalize('NFC')
      .replace(SPACES, ' ')
      .replace(/[\u200b\ufeff\r]/g, ''),
  }));
  const referenced = new Set<string>();
  for (const line of raw) {
    for (const match of line.text.matchAll(/\[footnoteRef:\s*(\d+)\]|\[\^([^\]\s]+)\](?!:)/g)) referenced.add(match[1] ?? match[2]);
  }
  const lines: Line[] = [];
  for (const line of raw) {
    let text = line.text;
    text = text.replace(/\[bookmark:[^\]]*\]/g, (found) => {
      artifacts.push({ line: line.line, text: found, what: 'wordBookmark' });
      return '';
    });
    text = text.replace(/\[footnoteRef:\s*(\d+)\]/g, '[^$1]');
    // Word's text export writes a paragraph's footnotes after it: "[1:  ban hành ...]".
    text = text.replace(/\s*\[(\d+):\s+([^\]]*)\]/g, (found, id: string, body: string) => {
      if (!referenced.has(id) || footnotes.some((f) => f.id === id)) return found;
      footnotes.push({ id, text: cleanText(body) });
      artifacts.push({ line: line.line, text: cleanText(found), what: 'footnoteText' });
      return '';
    });
    const definition = /^\s*\[\^([^\]\s]+)\]:\s*(.*)$/.exec(text);
    if (definition) {
      if (!footnotes.some((f) => f.id === definition[1])) footnotes.push({ id: definition[1], text: cleanText(definition[2]) });
      artifacts.push({ line: line.line, text: cleanText(text), what: 'footnoteText' });
      text = '';
    }
    let headingLevel: number | null = null;
    const heading = /^\s*(#{1,6})\s+/.exec(text);
    if (heading && document.format !== 'docx') {
      headingLevel = heading[1].length;
      text = text.slice(heading[0].length);
    }
    // A Markdown list star ("* text") is the dash of an official list.
    if (document.format === 'md') text = text.replace(/^(\s*)\*\s+(?=\S)/, '$1- ');
    if (document.format !== 'docx') text = text.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
    text = text.replace(/[ ]+$/g, '');
    // Columns side by side: a tab in a Word export, a wide gap in a laid-out text.
    const cells = text
      .split(document.layout ? /\t+|\s{3,}/ : /\t+/)
      .map((cell) => cleanText(cell))
      .filter(Boolean);
    const joined = cleanText(cells.join(' '));
    lines.push({
      source: line.line,
      text: joined,
      cells,
      visible: readableText(joined),
      bold: isWhollyBold(joined),
      headingLevel,
      style: line.style,
      column: line.column,
      indent: document.layout ? line.indent : 0,
    });
  }
  return { lines, footnotes, artifacts, hasEmphasis: document.hasEmphasis, layout: document.layout };
}
