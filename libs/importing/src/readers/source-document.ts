/** What every reader produces: the document as lines of text with light inline markup. */

export type SourceFormat = 'txt' | 'md' | 'docx';

export interface SourceLine {
  /** 1-based line of a text file, or paragraph of a .docx. */
  line: number;
  /** Text with inline markup: `*italic*`, `**bold**`, footnote marks `[^id]`. */
  text: string;
  /** Paragraph style of a .docx ("Heading 1", "KH Part"...), or "h2" for a Markdown heading. */
  style: string | null;
  /** A .docx table cell the paragraph sits in (header and signature tables): column 0 = left. */
  column: number | null;
  /** Paragraph alignment of a .docx: center, right, both... */
  alignment: string | null;
  /** Leading spaces of a laid-out text (pdftotext -layout): a first-line indent opens a paragraph. */
  indent: number;
  /** Page of a laid-out text (pages end with a form feed). */
  page: number;
}

export interface SourceDocument {
  format: SourceFormat;
  /** utf-8, tcvn3, vni, windows-1258... for text; "docx" (or "docx+tcvn3") for Word files. */
  encoding: string;
  lines: SourceLine[];
  /** Footnotes the reader found in the file structure (a .docx's footnotes part). */
  footnotes: { id: string; text: string }[];
  /** Whether bold was recorded (a .docx, or a text with `**` markup): headings are then told by their weight. */
  hasEmphasis: boolean;
  /** Problems met while reading, in Vietnamese. */
  warnings: string[];
  /**
   * A text laid out in pages and columns (what `pdftotext -layout` writes of a PDF): lines are
   * wrapped at the page width, paragraphs open with an indent, columns sit side by side.
   */
  layout: boolean;
  /** Tables read from the file's structure (Word); a placeholder line stands for each (parser/tables.ts). */
  tables?: { rows: { cells: { text: string; colSpan: number }[] }[] }[];
}

export function sourceLine(line: number, text: string, extra: Partial<SourceLine> = {}): SourceLine {
  return { line, text, style: null, column: null, alignment: null, indent: 0, page: 1, ...extra };
}
