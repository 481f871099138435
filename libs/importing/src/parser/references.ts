import { randomUUID } from 'node:crypto';
import type { DocumentReference } from '@app/plans';
import { citedDateToIso } from './date-line';
import { readableText } from './inline-markup';

/** Document types as preambles cite them, longest first so "Chương trình phối hợp" wins over "Chương trình". */
export const CITED_TYPES = [
  'Chương trình phối hợp',
  'Kế hoạch phối hợp',
  'Kế hoạch liên tịch',
  'Thông tư liên tịch',
  'Nghị quyết liên tịch',
  'Quy chế làm việc',
  'Quy chế phối hợp',
  'Thông báo kết luận',
  'Chương trình hành động',
  'Kế hoạch',
  'Chương trình',
  'Nghị quyết',
  'Kết luận',
  'Chỉ thị',
  'Quyết định',
  'Nghị định',
  'Thông tư',
  'Luật',
  'Bộ luật',
  'Pháp lệnh',
  'Hướng dẫn',
  'Quy định',
  'Quy chế',
  'Thông báo',
  'Công văn',
  'Văn bản',
  'Báo cáo',
  'Tờ trình',
  'Đề án',
  'Chiến lược',
  'Điều lệ',
];

const TYPE_PATTERN = CITED_TYPES.map((t) => t.replace(/ /g, '\\s+')).join('|');
/** A number and symbol: "04-CTr/BDVTU", "59/2023/NĐ-CP", "04 –CTr/BCĐ", "11-QĐi/TW", "1055/UBND-TH". */
const NUMBER_SYMBOL = '\\d+(?:\\s*\\/\\s*\\d{4})?\\s*[-–—\\/]\\s*\\p{L}[\\p{L}\\d]*(?:\\s*[-–—\\/.]\\s*\\p{L}[\\p{L}\\d]*)*';
const CLAUSE = new RegExp(
  `^(${TYPE_PATTERN})(?=\\s|$)\\s*(?:số\\s*:?\\s*(${NUMBER_SYMBOL}))?\\s*,?\\s*(?:ngày\\s+(\\d{1,2})\\s*[/-]\\s*(\\d{1,2})\\s*[/-]\\s*(\\d{4}))?\\s*(?:của\\s+([\\s\\S]*)|([^\\s][\\s\\S]*))?$`,
  'u',
);
/** Where an issuer's name ends and what the document is about begins. */
const ISSUER_END =
  /\s(?=(?:về|v\/v|quy định|ban hành|hướng dẫn|triển khai|thực hiện(?!\s+(?:Quy chế|quy chế|dân chủ|QCDC))|tiếp tục|phê duyệt|khóa\s|khoá\s)(?![\p{L}\d]))/u;

/** "04 –CTr/BCĐ" -> "04-CTr/BCĐ": what the symbol is, without the typist's spaces. */
export function compactNumberSymbol(value: string): string {
  return value.replace(/\s+/g, '').replace(/[–—]/g, '-');
}

/**
 * The documents a preamble cites: clauses after "Thực hiện" / "Căn cứ", separated by ";" or
 * by ", " / " và " before a document type, each "Type số N ngày d/m/yyyy của Issuer về Title".
 */
export function extractReferences(paragraph: string): DocumentReference[] {
  const text = readableText(paragraph)
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/^(?:Thực hiện|Căn cứ|Triển khai|Tiếp tục thực hiện|Thực hiện chỉ đạo của [^,;]*?(?:tại|theo))\s+/u, '');
  const splitter = new RegExp(`\\s*;\\s*|\\s*,\\s*(?=(?:${TYPE_PATTERN})\\s)|\\s+và\\s+(?=(?:${TYPE_PATTERN})\\s)`, 'u');
  const references: DocumentReference[] = [];
  // The main clause after the citations: "..., xã ban hành kế hoạch như sau:" is no issuer's name.
  const citations = /như sau\s*:?\s*$/u.test(text)
    ? text.replace(/,\s+[^,;]*?\s(?:ban hành|xây dựng|triển khai|đề ra)\s[^,;]*(?:,\s*(?:cụ thể\s+)?như sau\s*:?)?\s*$/u, '')
    : text;
  for (const raw of citations.split(splitter)) {
    const clause = raw
      .trim()
      .replace(/[.;,]+$/, '')
      .replace(/^(?:thực hiện|căn cứ|triển khai|tiếp tục thực hiện)\s+(?=\p{Lu})/iu, '');
    // The main clause after the citations ("..., Ban Chỉ đạo ... như sau:") is cut off.
    const cut = clause.replace(/,\s+(?=\p{Lu})(?![^,]*(?<![\p{L}\d])(?:số|ngày)(?![\p{L}\d])[^,]*$)[\s\S]*$/u, '');
    const match = CLAUSE.exec(cut);
    if (!match) continue;
    const [, type, numberSymbol, day, month, year, after, tail] = match;
    let issuer: string | null = null;
    let title: string | null;
    if (after !== undefined) {
      const end = ISSUER_END.exec(after);
      issuer = (end ? after.slice(0, end.index) : after).trim() || null;
      title = end ? after.slice(end.index).trim() || null : null;
    } else title = tail?.trim() || null;
    if (!numberSymbol && !day && !issuer && !title) continue;
    references.push({
      id: randomUUID(),
      documentType: type.replace(/\s+/g, ' '),
      numberSymbol: numberSymbol ? compactNumberSymbol(numberSymbol) : null,
      date: day && month && year ? citedDateToIso(day, month, year) : null,
      issuer,
      title,
      planId: null,
    });
  }
  return references;
}
