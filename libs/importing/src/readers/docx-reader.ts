import mammoth from 'mammoth';
import { ImportError, ImportErrorCode } from '../importing.error';
import { inlineNumbering } from './docx-numbering';
import { convertLegacyText, convertTcvn3, convertVni, looksLegacy } from './legacy-encodings';
import { SourceDocument, SourceLine, sourceLine } from './source-document';

type ReadTable = NonNullable<SourceDocument['tables']>[number];

/** Placeholder line text of a table taken out of the stream (the same as parser/tables.ts writes). */
const tableToken = (n: number) => `⟦bảng ${n + 1}⟧.`;

/**
 * Header and signature blocks are laid out in borderless tables of two columns and a row or
 * two; a table with three columns or more, or four rows or more, is content.
 */
function isContentTable(table: MammothElement): boolean {
  const rows = table.children ?? [];
  const columns = Math.max(0, ...rows.map((r) => (r.children ?? []).reduce((sum, c) => sum + (c.colSpan ?? 1), 0)));
  return columns >= 3 || rows.length >= 4;
}
import { DEFAULT_ZIP_LIMITS, openCheckedZip, ZipLimits } from './zip-guard';

/** The parts of mammoth's document model the reader walks. */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleName?: string | null;
  alignment?: string | null;
  isBold?: boolean;
  isItalic?: boolean;
  font?: string | null;
  noteType?: string;
  noteId?: string;
  body?: MammothElement[];
  colSpan?: number;
  rowSpan?: number;
}

interface MammothDocument extends MammothElement {
  notes: { resolve(reference: { noteType: string; noteId: string }): MammothElement | null };
}

interface Segment {
  text: string;
  bold: boolean;
  italic: boolean;
}

type LegacyFont = 'tcvn3' | 'vni' | null;

/** ".VnTime", ".VnTimeH", ".VnArial" are TCVN3 fonts; "VNI-Times", "VNI-Helve" are VNI fonts. */
function legacyFontOf(font: string | null | undefined): LegacyFont {
  if (!font) return null;
  if (/^\.vn/i.test(font)) return 'tcvn3';
  if (/^vni[- ]/i.test(font)) return 'vni';
  return null;
}

function convertRunText(text: string, font: string | null | undefined): string {
  const legacy = legacyFontOf(font);
  if (legacy === 'tcvn3') {
    const converted = convertTcvn3(text);
    // The "H" fonts (".VnTimeH") show every letter as a capital.
    return /^\.vn\w*h$/i.test(font ?? '') ? converted.toUpperCase() : converted;
  }
  if (legacy === 'vni') return convertVni(text);
  return text;
}

/** Segments to inline markup: `**bold**`, `*italic*`, spaces kept outside the marks. */
export function segmentsToMarkup(segments: Segment[]): string {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.bold === segment.bold && last.italic === segment.italic) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged
    .map((segment) => {
      const mark = (segment.bold ? '**' : '') + (segment.italic ? '*' : '');
      if (!mark || !segment.text.trim()) return segment.text;
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text)!;
      return `${lead}${mark}${core}${mark.split('').reverse().join('')}${trail}`;
    })
    .join('');
}

class DocxWalker {
  readonly lines: SourceLine[] = [];
  readonly footnotes: { id: string; text: string }[] = [];
  readonly tables: ReadTable[] = [];
  private paragraphNumber = 0;
  private readonly footnoteIds = new Map<string, string>();

  constructor(private readonly document: MammothDocument) {}

  walk(elements: MammothElement[], column: number | null): void {
    for (const element of elements) {
      if (element.type === 'paragraph') this.paragraph(element, column);
      else if (element.type === 'table' && isContentTable(element)) this.table(element);
      else if (element.type === 'table') {
        for (const row of element.children ?? []) {
          (row.children ?? []).forEach((cell, index) => this.walk(cell.children ?? [], index));
        }
      } else if (element.children) this.walk(element.children, column);
    }
  }

  /** A content table: its cells (paragraphs one per line, merges kept) go aside; a placeholder line stands in its place. */
  private table(table: MammothElement): void {
    this.paragraphNumber++;
    const rows: ReadTable['rows'] = [];
    // A cell merged down (rowSpan) leaves its place empty in the rows below.
    const pendingDown: { column: number; rows: number; colSpan: number }[] = [];
    for (const row of table.children ?? []) {
      const cells: ReadTable['rows'][number]['cells'] = [];
      let column = 0;
      const fillDown = () => {
        for (
          let hit = pendingDown.find((p) => p.column === column && p.rows > 0);
          hit;
          hit = pendingDown.find((p) => p.column === column && p.rows > 0)
        ) {
          cells.push({ text: '', colSpan: hit.colSpan });
          hit.rows--;
          column += hit.colSpan;
        }
      };
      for (const cell of row.children ?? []) {
        fillDown();
        const inner = new DocxWalker(this.document);
        inner.walk(cell.children ?? [], null);
        const text = inner.lines
          .map((l) => l.text.trim())
          .filter(Boolean)
          .join('\n');
        const colSpan = cell.colSpan ?? 1;
        cells.push({ text, colSpan });
        if ((cell.rowSpan ?? 1) > 1) pendingDown.push({ column, rows: (cell.rowSpan ?? 1) - 1, colSpan });
        column += colSpan;
      }
      fillDown();
      rows.push({ cells });
    }
    this.lines.push(sourceLine(this.paragraphNumber, tableToken(this.tables.length)));
    this.tables.push({ rows });
  }

  private paragraph(paragraph: MammothElement, column: number | null): void {
    this.paragraphNumber++;
    // A soft line break inside a paragraph ends a line too (header and signature lines).
    const pieces: Segment[][] = [[]];
    const visit = (element: MammothElement, style: Segment & { font: string | null }) => {
      switch (element.type) {
        case 'run': {
          const runStyle = { ...style, bold: !!element.isBold, italic: !!element.isItalic, font: element.font ?? null };
          for (const child of element.children ?? []) visit(child, runStyle);
          return;
        }
        case 'text': {
          // Text formatted in capitals keeps the case it was typed in (a part title prints upper case anyway).
          const text = convertRunText(element.value ?? '', style.font);
          pieces[pieces.length - 1].push({ text, bold: style.bold, italic: style.italic });
          return;
        }
        case 'tab':
          pieces[pieces.length - 1].push({ text: '\t', bold: false, italic: false });
          return;
        case 'break':
          pieces.push([]);
          return;
        case 'noteReference': {
          const mark = this.footnote(element);
          if (mark) pieces[pieces.length - 1].push({ text: mark, bold: false, italic: false });
          return;
        }
        default:
          for (const child of element.children ?? []) visit(child, style);
      }
    };
    for (const child of paragraph.children ?? []) visit(child, { text: '', bold: false, italic: false, font: null });
    for (const piece of pieces) {
      this.lines.push(
        sourceLine(this.paragraphNumber, segmentsToMarkup(piece), {
          style: paragraph.styleName ?? null,
          column,
          alignment: paragraph.alignment ?? null,
        }),
      );
    }
  }

  /** A footnote reference becomes `[^n]`, its text a footnote numbered in reading order. */
  private footnote(reference: MammothElement): string | null {
    const key = `${reference.noteType}-${reference.noteId}`;
    const known = this.footnoteIds.get(key);
    if (known) return `[^${known}]`;
    const note = this.document.notes.resolve({ noteType: reference.noteType ?? 'footnote', noteId: reference.noteId ?? '' });
    if (!note) return null;
    const id = String(this.footnoteIds.size + 1);
    this.footnoteIds.set(key, id);
    const inner = new DocxWalker(this.document);
    inner.walk(note.body ?? note.children ?? [], null);
    this.footnotes.push({
      id,
      text: inner.lines
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    });
    return `[^${id}]`;
  }
}

/**
 * A Word (.docx) file as lines: paragraphs in reading order (table cells left to right, so a
 * header table reads as its left cell then its right cell), runs' bold and italic as markup,
 * automatic numbering written into the text, footnotes kept, legacy fonts converted.
 */
export async function readDocxFile(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SourceDocument> {
  const zip = await openCheckedZip(bytes, limits);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const numberingXml = (await zip.file('word/numbering.xml')?.async('string')) ?? null;
  const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? null;
  zip.file('word/document.xml', inlineNumbering(documentXml, numberingXml, stylesXml));
  const prepared = await zip.generateAsync({ type: 'nodebuffer' });
  let captured: MammothDocument | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: prepared },
      {
        transformDocument: (document: MammothDocument) => {
          captured = document;
          return document;
        },
        // Images are neither needed nor read (they are never inflated).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (error) {
    throw new ImportError(ImportErrorCode.NotADocument, `Không đọc được tài liệu Word: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!captured) throw new ImportError(ImportErrorCode.NotADocument, 'Không đọc được tài liệu Word.');
  const document = captured as MammothDocument;
  const walker = new DocxWalker(document);
  walker.walk(document.children ?? [], null);
  const warnings: string[] = [];
  let encoding = 'docx';
  let lines = walker.lines;
  let footnotes = walker.footnotes;
  const allText = lines.map((l) => l.text).join('\n');
  if (looksLegacy(allText)) {
    const converted = convertLegacyText(allText);
    if (converted) {
      const byLine = converted.text.split('\n');
      if (byLine.length === lines.length) {
        lines = lines.map((line, i) => ({ ...line, text: byLine[i] }));
        footnotes = footnotes.map((f) => ({ ...f, text: convertLegacyText(f.text)?.text ?? f.text }));
        encoding = `docx+${converted.encoding}`;
        warnings.push(`Tài liệu dùng phông chữ ${converted.encoding === 'vni' ? 'VNI' : 'TCVN3 (ABC)'}; đã chuyển sang Unicode.`);
      }
    }
  }
  if (!lines.some((line) => line.text.replace(/\[\^\d+\]/g, '').trim())) {
    throw new ImportError(ImportErrorCode.NoText, 'Tài liệu Word không có nội dung văn bản.');
  }
  return { format: 'docx', encoding, lines, footnotes, hasEmphasis: true, warnings, layout: false, tables: walker.tables };
}
