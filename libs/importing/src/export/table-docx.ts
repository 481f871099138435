import { AlignmentType, BorderStyle, Paragraph, ParagraphChild, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Table as PlanTable } from '@app/plans';

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** Half-points: 13 pt, the table size of the printed plan. */
const CELL_SIZE = 26;

/**
 * Column widths (twips) over the text width: TT narrow, the task's content wide, the rest even,
 * as real task matrices are laid out.
 */
function columnWidths(table: PlanTable, total: number): number[] {
  const weights = table.columns.map((c) => (c.role === 'number' ? 0.5 : c.role === 'content' ? 3 : 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((total * w) / sum));
}

/**
 * A plan's table as a Word table: the header row marked to repeat on each page, rows that may
 * not split across pages, merged cells as column spans, each line of a cell its own paragraph.
 * The header row and group rows are bold, as printed (the importer reads that boldness back as
 * the convention it is, not as markup).
 */
export function tableToDocx(
  table: PlanTable,
  inline: (text: string, base?: { bold?: boolean; size?: number }) => ParagraphChild[],
  textWidth: number,
): Table {
  const widths = columnWidths(table, textWidth);
  const paragraphs = (text: string, bold: boolean, center: boolean) =>
    (text ? text.split('\n') : ['']).map(
      (line) => new Paragraph({ alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT, children: inline(line, { bold, size: CELL_SIZE }) }),
    );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (c, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, children: paragraphs(c.title, true, true) }),
    ),
  });
  const rows = table.rows.map((row) => {
    const group = row.cells.some((c) => c.colSpan > 1);
    let at = 0;
    const cells = row.cells.map((cell) => {
      const width = widths.slice(at, at + cell.colSpan).reduce((a, b) => a + b, 0);
      const role = cell.colSpan === 1 ? table.columns[at]?.role : null;
      at += cell.colSpan;
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        children: paragraphs(cell.text, group, role === 'number' || role === 'timeframe'),
      });
    });
    return new TableRow({ cantSplit: true, children: cells });
  });
  return new Table({
    rows: [header, ...rows],
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}
