import { citedDocumentDate, parseIsoDate } from '@app/common';
import type { Family } from '@app/identity';
import { allTexts, type DocumentTypeCode, documentTypeName, type PlanContent, type Table } from '@app/plans';

/** One correction: where in the original, what was printed, what it should read. */
export interface CorrectionItem {
  /** "Mục II, điểm 2". */
  where: string;
  /** Đã in là. */
  wrong: string;
  /** Nay sửa lại là. */
  right: string;
}

/** The issued original as the notice cites it. */
export interface CorrectedOriginal {
  content: PlanContent;
  numberSymbol: string;
  issuedOn: string;
  organizationName: string;
  family: Family;
}

/** Thông báo đính chính for the Party (Hướng dẫn 36), công văn đính chính for the State (Nghị định 30 Art. 18). */
export function correctionDocumentType(family: Family): DocumentTypeCode {
  return family === 'party' ? 'TB' : 'CV';
}

/** How the notice cites the original: "Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của Ban Chỉ đạo ...". */
export function citationOf(original: CorrectedOriginal): string {
  const type = documentTypeName(original.content.documentType);
  return `${type} số ${original.numberSymbol} ngày ${citedDocumentDate(parseIsoDate(original.issuedOn))} của ${original.organizationName}`;
}

/** The summary line: "đính chính Kế hoạch số ... ngày ... của ..." (a công văn prints it after "V/v"). */
export function correctionSummary(original: CorrectedOriginal): string {
  return `đính chính ${citationOf(original)}`;
}

/**
 * Text as a reader compares it: NFC, the inline markup of the content (`**`, `*`, footnote
 * marks) left out, every run of white space one space. What is printed is what is matched.
 */
export function comparableText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the wrong text is printed in the original (within one of its texts: a paragraph, a cell, a line). */
export function occursIn(content: PlanContent, wrong: string): boolean {
  const needle = comparableText(wrong);
  return needle.length > 0 && allTexts(content).some((text) => comparableText(text).includes(needle));
}

/**
 * The content of the correction notice: the original cited in the preamble, the corrections in a
 * table (TT, Vị trí, Đã in là, Nay sửa lại là), the rest said to stand, sent to every recipient
 * of the original (to know: nothing to implement, no child plans) and signed as the original was.
 */
export function correctionContent(original: CorrectedOriginal, items: CorrectionItem[], summary?: string): PlanContent {
  const source = original.content;
  const type = documentTypeName(source.documentType);
  const issued = citedDocumentDate(parseIsoDate(original.issuedOn));
  const table: Table = {
    kind: 'table',
    id: 'dinh-chinh',
    caption: null,
    columns: [
      { id: 'tt', title: 'TT', role: 'number' },
      { id: 'vi-tri', title: 'Vị trí', role: null },
      { id: 'da-in', title: 'Đã in là', role: null },
      { id: 'sua-lai', title: 'Nay sửa lại là', role: null },
    ],
    rows: items.map((item, i) => ({
      id: `dc-${i + 1}`,
      cells: [String(i + 1), item.where, item.wrong, item.right].map((text) => ({ text, colSpan: 1 })),
      task: null,
    })),
  };
  return {
    schemaVersion: 1,
    documentType: correctionDocumentType(original.family),
    summary: summary ?? correctionSummary(original),
    place: source.place,
    preamble: {
      paragraphs: [
        `Ngày ${issued}, ${original.organizationName} ban hành ${type} số ${original.numberSymbol} về ${source.summary.replace(/\n/g, ' ')}. ` +
          `Do sơ suất về thể thức, kỹ thuật trình bày, ${original.organizationName} đính chính như sau:`,
      ],
      references: [
        {
          id: 'van-ban-duoc-dinh-chinh',
          documentType: type,
          numberSymbol: original.numberSymbol,
          date: original.issuedOn,
          issuer: original.organizationName,
          title: source.summary.replace(/\n/g, ' '),
          planId: null,
        },
      ],
    },
    parts: [{ id: 'noi-dung-dinh-chinh', title: 'Nội dung đính chính', children: [table] }],
    closing: [
      `Các nội dung khác của ${type} số ${original.numberSymbol} giữ nguyên.`,
      `${original.organizationName} thông báo để các cơ quan, đơn vị biết, thực hiện./.`,
    ],
    appendices: [],
    reportingDuties: [],
    recipients: source.recipients.map((r) => ({ ...r, mustImplement: false, implementationDueDate: null })),
    signature: { ...source.signature },
    footnotes: [],
  };
}
