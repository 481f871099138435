import { randomUUID } from 'node:crypto';
import { cleanText } from '@app/common';
import type { Appendix, BodyNode, Table } from '@app/plans';
import { SourceDocument, SourceLine } from '../readers/source-document';
import { ReportBuilder } from './import-report';
import { isUpperCase, readableText } from './inline-markup';
import { RECIPIENTS_HEADING } from './tail-parser';
import { tokenTable } from './tables';

/** "PHỤ LỤC", "PHỤ LỤC I", "PHỤ LỤC 2", "Phụ lục số 01" alone on a line. */
const APPENDIX_LABEL = /^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?(?:[IVXL]+|\d{1,2}))?\s*[.:]?$/u;
/** "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của ...)": printed again from the plan's number when issued. */
const ATTACHMENT_LINE = /^\(?\s*(?:Kèm|Ban hành kèm) theo\b/iu;

/**
 * The appendices after the signature: each opens with its "PHỤ LỤC" line. Only a label after
 * "Nơi nhận" counts (a body sentence may name an appendix), unless the file has no "Nơi nhận".
 */
export function splitAppendices(document: SourceDocument): { main: SourceDocument; appendices: SourceLine[][] } {
  const lines = document.lines;
  const visible = (l: SourceLine) => readableText(l.text);
  const recipients = lines.findIndex((l) => RECIPIENTS_HEADING.test(visible(l)));
  const from = recipients >= 0 ? recipients + 1 : Math.floor(lines.length / 3);
  const starts: number[] = [];
  for (let i = from; i < lines.length; i++) if (APPENDIX_LABEL.test(visible(lines[i])) && lines[i].column === null) starts.push(i);
  if (!starts.length) return { main: document, appendices: [] };
  const appendices = starts.map((start, k) => lines.slice(start, starts[k + 1] ?? lines.length));
  return { main: { ...document, lines: lines.slice(0, starts[0]) }, appendices };
}

/**
 * One appendix: its label line, the title in capitals (one or more lines), the attachment line,
 * then paragraphs, dash lines and tables (placeholders of `tables`) as they come.
 */
export function parseAppendix(lines: SourceLine[], tables: Table[], index: number, report: ReportBuilder): Appendix {
  const path = `appendices[${index}]`;
  report.recognized('appendix', path, lines[0].line);
  const rest = lines.slice(1).filter((l) => readableText(l.text));
  const title: string[] = [];
  let attachmentLine = false;
  let i = 0;
  for (; i < rest.length; i++) {
    const text = readableText(rest[i].text);
    if (ATTACHMENT_LINE.test(text)) {
      attachmentLine = true;
      report.recognized('appendixAttachment', `${path}.attachmentLine`, rest[i].line);
      i++;
      break;
    }
    if (tokenTable(rest[i].text) !== null || !isUpperCase(text)) break;
    title.push(text);
  }
  const children: BodyNode[] = [];
  for (const line of rest.slice(i)) {
    const n = tokenTable(line.text);
    if (n !== null && tables[n]) {
      children.push(tables[n]);
      report.recognized('table', `${path}.children[${children.length - 1}]`, line.line);
      continue;
    }
    const text = cleanText(line.text);
    const dash = /^[-–]\s+/.exec(readableText(text));
    if (dash) children.push({ kind: 'bullet', id: randomUUID(), text: cleanText(text.replace(/^\s*[-–]\s+/, '')), children: [] });
    else children.push({ kind: 'paragraph', id: randomUUID(), text });
    report.recognized(dash ? 'bullet' : 'paragraph', `${path}.children[${children.length - 1}]`, line.line);
  }
  return { id: randomUUID(), title: title.join(' '), attachmentLine, orientation: null, children };
}
