import type { Family } from '@app/identity';
import { CONTENT_SCHEMA_VERSION, DOCUMENT_TYPES } from '@app/plans';
import type { BodyNode, DocumentTypeCode, PlanContent, Recipient, ReportingDuty, Signature } from '@app/plans';
import { ImportError, ImportErrorCode } from '../importing.error';
import { SourceDocument } from '../readers/source-document';
import { parseBody, toUnits } from './body-parser';
import { parseHeader, ParsedHeader } from './header-parser';
import { DetectedHeader, ImportResult, ReportBuilder } from './import-report';
import { endsClause, isUpperCase, readableText, startsLowerCase, unwrapEmphasis } from './inline-markup';
import { detectLabel, isRule } from './labels';
import { Line, prepareLines } from './prepare-lines';
import { extractReferences } from './references';
import { extractReportingDuties } from './reporting-duties';
import { inferPurpose, issuerContext } from './recipient-purpose';
import { isPersonName, opensSignature, parseRecipients, parseSignature, RECIPIENTS_HEADING, SIGNED_MARK, tailColumns } from './tail-parser';
import { parseAppendix, splitAppendices } from './appendix-parser';
import { extractTextTables, placeTablesInParts, tableFromSource, tableAsText } from './tables';

const TITLES = Object.entries(DOCUMENT_TYPES)
  .map(([code, name]) => ({ code: code as DocumentTypeCode, title: name.toLocaleUpperCase('vi') }))
  .sort((a, b) => b.title.length - a.title.length);

/** "KẾ HOẠCH" (or another type's title) alone on its line, or followed by the summary in lower case. */
function titleOf(line: Line): { code: DocumentTypeCode; rest: string } | null {
  const visible = unwrapEmphasis(line.visible).replace(/\s+/g, ' ').trim();
  for (const { code, title } of TITLES) {
    if (visible === title) return { code, rest: '' };
    if (visible.startsWith(`${title} `) && startsLowerCase(visible.slice(title.length + 1))) return { code, rest: visible.slice(title.length + 1) };
  }
  return null;
}

const PREAMBLE_OPENING = /^(?:Thực hiện|Căn cứ|Triển khai|Nhằm|Để)(?![\p{L}\d])/u;

/** Where the header ends: the title line, or (no title) the first preamble or numbered line. */
function findTitle(lines: Line[]): { index: number; code: DocumentTypeCode | null; rest: string } {
  for (const [index, line] of lines.entries()) {
    const label = line.visible ? detectLabel(line.visible) : null;
    if (label?.kind === 'part') break;
    const title = titleOf(line);
    if (title) return { index, code: title.code, rest: title.rest };
  }
  const start = lines.findIndex((l) => PREAMBLE_OPENING.test(l.visible) || (l.visible && detectLabel(l.visible)?.kind === 'part'));
  return { index: start, code: null, rest: '' };
}

/** The summary (trích yếu) lines under the title: the first, then lines that continue it. */
function readSummary(lines: Line[], from: number, firstRest: string): { summary: string; lines: number[]; next: number } {
  const parts: string[] = firstRest ? [firstRest] : [];
  const used: number[] = [];
  let i = from;
  while (i < lines.length && !lines[i].visible) i++;
  let previousBold = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line.visible) {
      if (parts.length) break;
      continue;
    }
    if (isRule(line.text) || detectLabel(line.visible)?.kind === 'part') break;
    // A summary runs over short lines: lower case goes on, and so does a short line that opens no
    // preamble and ends no sentence (a proper noun may start it).
    const short = line.visible.length <= 120 && !PREAMBLE_OPENING.test(line.visible) && !endsClause(line.text);
    const continues = parts.length === 0 || startsLowerCase(line.text) || (line.bold && previousBold) || short;
    if (!continues || line.visible.length > 250 || (parts.length > 0 && PREAMBLE_OPENING.test(line.visible) && !line.bold)) break;
    parts.push(unwrapEmphasis(line.visible));
    used.push(line.source);
    previousBold = line.bold;
  }
  while (i < lines.length && (!lines[i].visible || isRule(lines[i].text))) i++;
  // Line breaks of a multi-line summary are kept: the plan prints it as written.
  return { summary: parts.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n'), lines: used, next: i };
}

/** Where the tail (Nơi nhận, signature) starts, after the body's first part. */
function findTail(lines: Line[], bodyStart: number): number {
  const visibleCells = lines.map((l) => l.cells[0] ?? '');
  let seenPart = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    if (!line.visible) continue;
    const label = detectLabel(line.visible);
    if (label?.kind === 'part') seenPart = true;
    if (line.cells.some((cell) => RECIPIENTS_HEADING.test(readableText(cell)))) return i;
    if (!label && (seenPart || i > bodyStart) && opensSignature(visibleCells, i)) return i;
  }
  return lines.length;
}

function walkNodes(nodes: BodyNode[], visit: (node: BodyNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'item' || node.kind === 'bullet') walkNodes(node.children as BodyNode[], visit);
  }
}

/** The family from the header, else from the number, the signature's capacities, the archive line. */
function decideFamily(header: ParsedHeader, signature: Signature, recipients: Recipient[], report: ReportBuilder): Family | null {
  if (header.family) return header.family;
  const capacity = signature.capacityLines.join(' ');
  if (/\b[TK]\/[MLT]\b/.test(capacity)) return 'party';
  if (/\b(?:TM|KT|TL|TUQ)\./.test(capacity)) return 'state';
  const archive = recipients.find((r) => r.purpose === 'archive');
  report.warn('Không xác định chắc chắn văn bản của Đảng hay của Nhà nước: hãy kiểm tra.');
  return archive ? null : null;
}

/**
 * A document's lines to a structured plan: header, title and summary, preamble and the
 * documents it cites, the body's parts and items, tasks, reporting duties, recipients and
 * the signature. Text that fits nowhere is kept as a paragraph where it stood, and listed.
 */
export function parsePlan(source: SourceDocument): ImportResult {
  const report = new ReportBuilder();
  // Tables (Word, Markdown, one cell per line) and the appendices after the signature are read apart.
  const withTables = extractTextTables(source);
  const tables = withTables.tables.map(tableFromSource);
  const { main: document, appendices: appendixLines } = splitAppendices(withTables.document);
  document.warnings.forEach((w) => report.warn(w));
  const prepared = prepareLines(document);
  for (const artifact of prepared.artifacts) report.recognized(artifact.what, artifact.what === 'footnoteText' ? 'footnotes' : '-', artifact.line);
  const lines = prepared.lines;
  if (!lines.some((l) => l.visible)) throw new ImportError(ImportErrorCode.NoText, 'Tệp không có nội dung văn bản.');

  const title = findTitle(lines);
  const headerEnd = title.index < 0 ? 0 : title.index;
  const header = parseHeader(lines.slice(0, headerEnd));
  for (const entry of header.recognized) report.recognized(entry.what, `detected.${entry.what}`, entry.line);
  for (const page of header.pageNumbers) report.recognized('pageNumber', '-', page.line);
  header.warnings.forEach((w) => report.warn(w));

  let bodyStart = headerEnd;
  let summary = '';
  if (title.code) {
    report.recognized('title', 'documentType', lines[title.index].source);
    const read = readSummary(lines, title.index + 1, title.rest);
    summary = read.summary;
    read.lines.forEach((line) => report.recognized('summary', 'summary', line));
    bodyStart = read.next;
  } else report.warn('Không thấy tên loại văn bản ("KẾ HOẠCH"): coi là kế hoạch.');
  if (!summary) report.warn('Không thấy trích yếu (dòng tóm tắt dưới tên loại văn bản).');

  const tailStart = findTail(lines, bodyStart);
  if (lines.slice(bodyStart, tailStart).some((l) => l.column !== null || /^\|.*\|$/.test(l.text))) {
    report.warn(
      'Phần nội dung có bảng: các ô được giữ thành đoạn văn theo thứ tự đọc (hàng, rồi cột); hãy kiểm tra và chuyển thành mục, nhiệm vụ nếu cần.',
    );
  }
  const nodeLines = new Map<string, number>();
  const units = toUnits(lines.slice(bodyStart, tailStart), prepared.layout);
  const body = parseBody(units, prepared.hasEmphasis, report, nodeLines);
  if (!body.parts.length && !title.code) {
    throw new ImportError(
      ImportErrorCode.NotAPlan,
      'Tệp không có dạng một kế hoạch: không thấy tên loại văn bản, các mục (I, II...) hay điểm đánh số.',
    );
  }

  // Header text that fits nowhere opens the preamble, where the drafter will see it.
  const preambleParagraphs = [...header.unrecognized.map((u) => ({ text: u.text, line: u.line })), ...body.preamble];
  header.unrecognized.forEach((u, i) => report.unrecognized(u.line, u.text, `preamble.paragraphs[${i}]`));
  body.preamble.forEach((p, i) => report.recognized('preamble', `preamble.paragraphs[${i + header.unrecognized.length}]`, p.line));
  const references = body.preamble.flatMap((p) => extractReferences(p.text).map((reference) => ({ reference, line: p.line })));
  references.forEach((r, i) => report.recognized('reference', `preamble.references[${i}]`, r.line));

  // Tail: recipients on the left (or first), the signature on the right (or after).
  const tail = tailColumns(lines.slice(tailStart), prepared.layout);
  const closing = [...body.closing];
  const recipientLines: { line: number; text: string }[] = [];
  const signatureLines: { line: number; text: string }[] = [...tail.right];
  const leftTexts = tail.left.map((l) => l.text);
  let state: 'before' | 'recipients' | 'after' | 'signature' = 'before';
  const leftovers: { line: number; text: string }[] = [];
  for (const [index, entry] of tail.left.entries()) {
    const visible = readableText(entry.text);
    if (!visible) continue;
    // "Nơi nhận" opens the recipients wherever it stands, after a signature set above it too.
    if (RECIPIENTS_HEADING.test(visible)) {
      state = 'recipients';
      report.recognized('recipientsHeading', 'recipients', entry.line);
      continue;
    }
    const dashed = /^[-–—•+]/.test(visible) || /^Lưu\b/u.test(visible) || visible.includes('}');
    if ((state === 'before' || state === 'after' || (state === 'recipients' && !dashed)) && opensSignature(leftTexts, index)) state = 'signature';
    if (state !== 'signature' && tail.right.length && (isPersonName(visible) || SIGNED_MARK.test(visible))) {
      // The signer's name (or "(Đã ký)") on a line of its own below a two-column block.
      signatureLines.push(entry);
      continue;
    }
    const previous = recipientLines[recipientLines.length - 1];
    if (state === 'recipients' && !dashed && previous && !/[,;.]$/.test(readableText(previous.text)) && !opensSignature(leftTexts, index)) {
      // A recipient's name wrapped in its narrow column.
      recipientLines[recipientLines.length - 1] = { ...previous, text: `${previous.text} ${entry.text}` };
    } else if (state === 'recipients' || (state === 'after' && dashed)) {
      recipientLines.push(entry);
      if (/^[-–—•]?\s*Lưu\b/u.test(visible)) state = 'after';
    } else if (state === 'signature') signatureLines.push(entry);
    else leftovers.push(entry);
  }
  const issuer = issuerContext(header.family ?? header.number?.family ?? null, header.superiorBody, header.issuingBody);
  const recipients: Recipient[] = parseRecipients(recipientLines, report, null).map((r) => ({
    ...r,
    purpose: r.purpose ?? inferPurpose(r.name, issuer),
  }));
  signatureLines.sort((a, b) => a.line - b.line);
  const { signature, used } = parseSignature(signatureLines, report, header.family ?? header.number?.family ?? null);
  signatureLines.forEach((entry, i) => {
    if (!used.includes(i) && readableText(entry.text)) leftovers.push(entry);
  });
  for (const leftover of leftovers.sort((a, b) => a.line - b.line)) {
    closing.push(leftover.text);
    report.unrecognized(leftover.line, leftover.text, `closing[${closing.length - 1}]`);
  }
  if (!recipients.length) report.warn('Không thấy "Nơi nhận".');
  if (!signature.signerName) report.warn('Không thấy khối chữ ký (chức vụ và họ tên người ký).');

  // Reporting duties, wherever the body states them.
  const reportingDuties: ReportingDuty[] = [];
  const addDuties = (text: string | null, line: number | undefined) => {
    for (const duty of extractReportingDuties(text ?? '')) {
      reportingDuties.push(duty);
      report.recognized('reportingDuty', `reportingDuties[${reportingDuties.length - 1}]`, line ?? 0);
    }
  };
  for (const part of body.parts) {
    walkNodes(part.children, (node) => {
      if (node.kind === 'item') addDuties([node.heading, node.text].filter(Boolean).join(' '), nodeLines.get(node.id));
      else if (node.kind !== 'table') addDuties(node.text, nodeLines.get(node.id));
    });
  }
  closing.forEach((text) => addDuties(text, undefined));

  // Footnotes in the order their marks appear; marks without a text are reported.
  const allText = JSON.stringify({ preambleParagraphs, parts: body.parts, closing });
  const order = [...allText.matchAll(/\[\^([^\]\s]+)\]/g)].map((m) => m[1]);
  const footnotes = [...prepared.footnotes].sort((a, b) => (order.indexOf(a.id) + 1 || 1e9) - (order.indexOf(b.id) + 1 || 1e9));
  footnotes.forEach((f, i) => report.recognized('footnote', `footnotes[${i}]`, 0));
  for (const id of new Set(order)) {
    if (!footnotes.some((f) => f.id === id)) report.warn(`Chú thích [${id}] không có nội dung.`);
  }

  const family = decideFamily(header, signature, recipients, report);
  if (!header.issuingBody) report.warn('Không thấy tên cơ quan ban hành ở phần đầu văn bản.');
  if (!header.number) report.warn('Không thấy số, ký hiệu văn bản.');
  const documentType = title.code ?? 'KH';
  if (header.number && header.number.typeCode !== documentType && DOCUMENT_TYPES[header.number.typeCode as DocumentTypeCode]) {
    report.warn(`Ký hiệu "${header.number.typeCode}" không khớp tên loại văn bản "${DOCUMENT_TYPES[documentType]}".`);
  }

  const content: PlanContent = {
    schemaVersion: CONTENT_SCHEMA_VERSION,
    documentType,
    summary,
    place: header.place,
    // A table outside the parts (before the first, after the last) has no place in the model: its text is kept.
    preamble: { paragraphs: preambleParagraphs.map((p) => tableAsText(p.text, tables, report)), references: references.map((r) => r.reference) },
    parts: placeTablesInParts(body.parts, tables),
    closing: closing.map((text) => tableAsText(text, tables, report)),
    appendices: appendixLines.map((lines, i) => parseAppendix(lines, tables, i, report)),
    reportingDuties,
    recipients,
    signature,
    footnotes,
  };
  const detected: DetectedHeader = {
    family,
    documentType,
    superiorBody: header.superiorBody,
    issuingBody: header.issuingBody,
    number: header.number?.number ?? null,
    numberSymbol: header.number?.numberSymbol ?? null,
    symbolOrganization: header.number?.organization ?? null,
    place: header.place,
    date: header.date,
    year: header.year ?? (header.date ? Number(header.date.slice(0, 4)) : null),
    draft: header.draft || (!!header.number && header.number.number === null),
    draftRound: header.draftRound ?? (header.draft ? 1 : null),
    source: `${document.format}/${document.encoding}`,
  };
  if (!isUpperCase(header.issuingBody ?? 'X Y') && header.issuingBody) report.warn('Tên cơ quan ban hành không viết hoa.');
  return { content, report: report.report, detected };
}
