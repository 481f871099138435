import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageOrientation,
  Paragraph,
  ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import { partLabel, partLabels, timeframeText, vietnameseLetter } from '@app/plans';
import type { BodyNode, Bullet, Item } from '@app/plans';
import { buildDocumentView, DocumentInput } from '@app/rendering';
import { tableToDocx } from './table-docx';

/**
 * A plan as a Word document laid out like the printed one (domain.md, "Layout"), built with
 * real Word numbering and named paragraph styles so that Word users can keep editing it and
 * the importer reads it back to the same structure: parts, items and dash lines are Word
 * lists, headings are bold runs, footnotes are Word footnotes.
 */

const OUTLINE = 'kh-outline';
const DASHES = 'kh-dashes';
const MM = 56.7; // twips per millimetre
const BODY_SIZE = 28; // half-points: 14 pt
const INDENT = 567; // 1 cm first-line indent

const STYLE = {
  part: 'KHPart',
  item: ['KHItem1', 'KHItem2', 'KHItem3', 'KHItem4'],
  bullet: ['KHBullet1', 'KHBullet2', 'KHBullet3'],
  body: 'KHBody',
  task: 'KHTask',
} as const;

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

interface RunStyle {
  bold?: boolean;
  allCaps?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

/** Inline markup (`**bold**`, `*italic*`, `[^id]`, `\*`) to Word runs. */
function runs(text: string, footnoteNumber: (id: string) => number | null, base: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let bold = false;
  let italic = false;
  let buffer = '';
  const flush = () => {
    if (!buffer) return;
    out.push(
      new TextRun({
        text: buffer,
        bold: base.bold || bold,
        italics: base.italics || italic,
        size: base.size,
        allCaps: base.allCaps,
        underline: base.underline ? { type: UnderlineType.SINGLE } : undefined,
      }),
    );
    buffer = '';
  };
  for (let i = 0; i < text.length;) {
    if (text.startsWith('\\*', i)) {
      buffer += '*';
      i += 2;
      continue;
    }
    const footnote = /^\[\^([^\]\s]+)\]/.exec(text.slice(i));
    if (footnote) {
      const n = footnoteNumber(footnote[1]);
      flush();
      if (n !== null) out.push(new FootnoteReferenceRun(n));
      i += footnote[0].length;
      continue;
    }
    if (text.startsWith('***', i)) {
      flush();
      bold = !bold;
      italic = !italic;
      i += 3;
    } else if (text.startsWith('**', i)) {
      flush();
      bold = !bold;
      i += 2;
    } else if (text[i] === '*') {
      flush();
      italic = !italic;
      i += 1;
    } else {
      buffer += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function centered(children: ParagraphChild[], extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children, ...extra });
}

/** A short rule under a header block: an empty paragraph with a bottom border. */
function rule(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: 1400, right: 1400 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number]): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children: children.length ? children : [new Paragraph({})], width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    rows: [new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])] })],
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
  });
}

export interface DocxLayout {
  /** Page margins in mm: top, bottom, left, right (the renderer's settings). */
  margins: [number, number, number, number];
  /** The mark under a Party summary ("-----"). */
  partySummaryRule: string;
}

export const DEFAULT_DOCX_LAYOUT: DocxLayout = { margins: [20, 20, 30, 15], partySummaryRule: '-----' };

export async function planToDocx(input: DocumentInput, layout: DocxLayout = DEFAULT_DOCX_LAYOUT): Promise<Buffer> {
  const { content } = input;
  const family = input.issuer.family;
  const view = buildDocumentView(input);
  const footnoteIds = new Map<string, number>();
  const known = new Set(content.footnotes.map((f) => f.id));
  const footnoteNumber = (id: string): number | null => {
    if (!known.has(id)) return null;
    if (!footnoteIds.has(id)) footnoteIds.set(id, footnoteIds.size + 1);
    return footnoteIds.get(id)!;
  };
  const inline = (text: string, base: RunStyle = {}) => runs(text, footnoteNumber, base);

  // Header: bodies, "*" or a rule, the number and the draft box on the left; the national line and the date on the right.
  const left: Paragraph[] = [];
  for (const line of view.header.superiorLines) left.push(centered([new TextRun({ text: unescapeHtml(line) })]));
  for (const line of view.header.issuerLines) left.push(centered([new TextRun({ text: unescapeHtml(line), bold: true })]));
  left.push(family === 'party' ? centered([new TextRun({ text: '*' })]) : rule());
  left.push(centered([new TextRun({ text: view.numberLine.replace(/\u00a0+/g, '      ') })]));
  // A công văn's "V/v ..." sits under its number, 12 regular (Nghị định 30, Phụ lục I); other types print the summary under their name.
  const summaryLines = content.summary
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (!view.typeTitle) summaryLines.forEach((line, i) => left.push(centered(inline(i === 0 ? `V/v ${line}` : line, { size: 24 }))));
  if (view.draft) {
    const box = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
    left.push(
      centered([new TextRun({ text: view.draft.label, bold: true })], {
        border: { top: box, bottom: box, left: box, right: box },
        indent: { left: 1200, right: 1200 },
      }),
    );
  }
  const right: Paragraph[] = [];
  if (family === 'party') {
    right.push(centered([new TextRun({ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, size: 30, underline: { type: UnderlineType.SINGLE } })]));
  } else {
    right.push(centered([new TextRun({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: 26 })]));
    right.push(centered([new TextRun({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true })]));
    right.push(rule());
  }
  right.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: view.dateLine.replace(/\u00a0+/g, '      '), italics: true })] }),
  );

  // The body goes to the main section, then each appendix's body to its own section.
  let children: (Paragraph | Table)[] = [twoColumns(left, right, [4300, 5400])];
  const main = children;
  const [top, bottom, leftMargin, rightMargin] = layout.margins.map((m) => Math.round(m * MM));
  const portraitWidth = 11906 - leftMargin - rightMargin;
  let textWidth = portraitWidth;
  if (view.typeTitle) {
    children.push(centered([new TextRun({ text: view.typeTitle, bold: true, size: 32 })], { spacing: { before: 360 } }));
    for (const line of summaryLines) children.push(centered(inline(line, { bold: true })));
    children.push(family === 'party' && layout.partySummaryRule ? centered([new TextRun({ text: layout.partySummaryRule })]) : rule());
  } else if (view.addressees.length) {
    // A công văn has no title: "Kính gửi:" and its addressees, then the body.
    const names = view.addressees.map((line) => new Paragraph({ children: [new TextRun({ text: unescapeHtml(line) })] }));
    children.push(
      new Paragraph({ spacing: { before: 240 } }),
      twoColumns([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: 'Kính gửi:' })] })], names, [3600, 6100]),
      new Paragraph({}),
    );
  }

  const body = (text: string, style: string = STYLE.body) => new Paragraph({ style, children: inline(text) });
  for (const paragraph of content.preamble.paragraphs) children.push(body(paragraph));

  const bulletParagraphs = (bullet: Bullet, depth: number) => {
    children.push(
      new Paragraph({
        style: STYLE.bullet[Math.min(depth, 2)],
        numbering: { reference: DASHES, level: Math.min(depth, 1) },
        children: inline(bullet.text),
      }),
    );
    for (const child of bullet.children) bulletParagraphs(child, depth + 1);
  };
  let outline = 0;
  const nodes = (list: BodyNode[], depth: number) => {
    let letters = 0;
    for (const node of list) {
      if (node.kind === 'paragraph') children.push(body(node.text));
      else if (node.kind === 'bullet') bulletParagraphs(node, 0);
      else if (node.kind === 'table') children.push(tableToDocx(node, inline, textWidth), new Paragraph({}));
      else item(node, depth, depth === 3 ? ++letters : 0);
    }
  };
  const item = (node: Item, depth: number, letter: number) => {
    const heading = node.heading ? inline(node.heading, { bold: true }) : [];
    const text = node.text ? inline(node.text) : [];
    const between = heading.length && text.length ? [new TextRun({ text: ' ' })] : [];
    const style = STYLE.item[Math.min(depth, 4) - 1];
    if (depth <= 2) {
      children.push(
        new Paragraph({ style, numbering: { reference: OUTLINE, level: depth, instance: outline }, children: [...heading, ...between, ...text] }),
      );
    } else {
      // Word has no Vietnamese list letters (a, b, c, d, đ, e, g...): the label is written out.
      const label = depth === 3 ? `${vietnameseLetter(letter)}) ` : depth === 4 ? '- ' : '+ ';
      children.push(new Paragraph({ style, children: [new TextRun({ text: label }), ...heading, ...between, ...text] }));
    }
    // As printed: the item's own paragraphs and dash lines, its task lines, then its sub-items.
    const firstSubItem = node.children.findIndex((child) => child.kind === 'item');
    nodes(firstSubItem < 0 ? node.children : node.children.slice(0, firstSubItem), depth + 1);
    if (node.task) {
      const task = node.task;
      const line = (label: string, value: string) =>
        children.push(
          new Paragraph({
            style: STYLE.task,
            numbering: { reference: DASHES, level: 0 },
            children: [new TextRun({ text: `${label} ` }), ...inline(/[.;:!?…)]$/.test(value) ? value : `${value}.`)],
          }),
        );
      if (task.directedBy) line('Chỉ đạo thực hiện:', task.directedBy);
      line('Tham mưu, thực hiện:', task.carriedOutBy);
      line('Thời gian thực hiện:', timeframeText(task.timeframe));
    }
    if (firstSubItem >= 0) nodes(node.children.slice(firstSubItem), depth + 1);
  };
  // Part titles print in capitals (Word's caps) but keep the case they were written in.
  // A lettered part is written with its letter; the numbered parts after it restart at I (a new list instance).
  const partNumbers = partLabels(content.parts, family);
  content.parts.forEach((part, i) => {
    if (part.group) {
      outline++;
      const label = new TextRun({ text: `${partNumbers[i]} `, bold: true });
      children.push(new Paragraph({ style: STYLE.part, children: [label, ...inline(part.title, { bold: true, allCaps: true })] }));
    } else {
      children.push(
        new Paragraph({
          style: STYLE.part,
          numbering: { reference: OUTLINE, level: 0, instance: outline },
          children: inline(part.title, { bold: true, allCaps: true }),
        }),
      );
    }
    nodes(part.children, 1);
  });
  for (const paragraph of content.closing) children.push(body(paragraph));

  // Tail: "Nơi nhận" on the left, the signature on the right.
  const recipients: Paragraph[] = [
    new Paragraph({
      spacing: { before: 240 },
      children: [
        new TextRun({
          text: 'Nơi nhận:',
          size: 24,
          ...(family === 'party' ? { underline: { type: UnderlineType.SINGLE } } : { bold: true, italics: true }),
        }),
      ],
    }),
    ...view.recipients.map((line) => new Paragraph({ children: [new TextRun({ text: unescapeHtml(line), size: family === 'party' ? 24 : 22 })] })),
  ];
  const signature: Paragraph[] = view.signature.lines.map((line) =>
    centered([new TextRun({ text: unescapeHtml(line.text), bold: line.bold })], { spacing: { before: 0 } }),
  );
  if (view.signature.name) {
    signature.push(new Paragraph({}), new Paragraph({}), new Paragraph({}));
    signature.push(centered([new TextRun({ text: unescapeHtml(view.signature.name), bold: true })]));
  }
  children.push(twoColumns(recipients, signature, [4800, 4900]));

  // Appendices: each a section of its own (a new page), landscape when the view says so, the
  // page turned with its margins (the bound edge on top), as the PDF prints it.
  const appendixSections = view.appendices.map((appendix, i) => {
    children = [];
    textWidth = appendix.landscape ? 16838 - top - bottom : portraitWidth;
    children.push(centered([new TextRun({ text: appendix.label, bold: true })]));
    if (content.appendices[i].title) children.push(centered(inline(content.appendices[i].title, { bold: true, allCaps: true })));
    if (appendix.attachmentLine)
      children.push(
        centered([new TextRun({ text: appendix.attachmentLine.replace(/\u00a0+/g, '   '), italics: true })], { spacing: { after: 240 } }),
      );
    nodes(content.appendices[i].children, 1);
    const margin = appendix.landscape
      ? { top: leftMargin, right: top, bottom: rightMargin, left: bottom }
      : { top, bottom, left: leftMargin, right: rightMargin };
    return {
      properties: {
        page: {
          size: { width: 11906, height: 16838, orientation: appendix.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin,
        },
      },
      children,
    };
  });

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const [id, n] of footnoteIds) {
    const footnote = content.footnotes.find((f) => f.id === id)!;
    footnotes[String(n)] = { children: [new Paragraph({ children: runs(footnote.text, () => null, { size: 24 }) })] };
  }

  const partFormat = partLabel(1, family).replace('I', '%1');
  const document = new Document({
    creator: 'kehoach',
    title: `${view.typeTitle} ${content.summary.replace(/\n/g, ' ')}`,
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: BODY_SIZE } } },
      paragraphStyles: [
        {
          id: STYLE.body,
          name: 'KH Body',
          basedOn: 'Normal',
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: 120 } },
        },
        {
          id: STYLE.part,
          name: 'KH Part',
          basedOn: 'Normal',
          run: { bold: true },
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { before: 120, after: 120 }, keepNext: true },
        },
        ...STYLE.item.map((id, i) => ({
          id,
          name: `KH Item ${i + 1}`,
          basedOn: STYLE.body,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: 120 } },
        })),
        ...STYLE.bullet.map((id, i) => ({
          id,
          name: `KH Bullet ${i + 1}`,
          basedOn: STYLE.body,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: 120 } },
        })),
        {
          id: STYLE.task,
          name: 'KH Task',
          basedOn: STYLE.body,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: OUTLINE,
          levels: [
            {
              level: 0,
              format: LevelFormat.UPPER_ROMAN,
              text: partFormat,
              suffix: LevelSuffix.SPACE,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { firstLine: INDENT } } },
            },
            {
              level: 1,
              format: LevelFormat.DECIMAL,
              text: '%2.',
              suffix: LevelSuffix.SPACE,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { firstLine: INDENT } } },
            },
            {
              level: 2,
              format: LevelFormat.DECIMAL,
              text: '%2.%3.',
              suffix: LevelSuffix.SPACE,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { firstLine: INDENT } } },
            },
          ],
        },
        {
          reference: DASHES,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '-',
              suffix: LevelSuffix.SPACE,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { firstLine: INDENT } } },
            },
            {
              level: 1,
              format: LevelFormat.BULLET,
              text: '+',
              suffix: LevelSuffix.SPACE,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { firstLine: INDENT } } },
            },
          ],
        },
      ],
    },
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top, bottom, left: leftMargin, right: rightMargin },
          },
        },
        children: main,
      },
      ...appendixSections,
    ],
  });
  return Packer.toBuffer(document);
}
