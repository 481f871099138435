import { dateLinePhrase, parseIsoDate, vietnamDate } from '@app/common';
import type { Family } from '@app/identity';
import { appendixLabel, BodyNode, DOCUMENT_TYPES, numberPlan, PlanContent, timeframeText } from '@app/plans';
import { escapeHtml, FootnoteCounter, inlineHtml, numberLine, tableView, TableView } from '@app/rendering';

/** One numbered or unnumbered block of the body, with its id so comments can point at it. */
export interface DocumentNodeView {
  id: string;
  kind: 'item' | 'paragraph' | 'bullet' | 'table';
  label: string;
  headingHtml: string;
  textHtml: string;
  task: { directedBy: string | null; carriedOutBy: string; time: string } | null;
  children: DocumentNodeView[];
  table: TableView | null;
}

export interface DocumentPartView {
  id: string;
  label: string;
  title: string;
  children: DocumentNodeView[];
}

export interface PlanDocumentView {
  family: Family;
  superiorLines: string[];
  issuerLines: string[];
  numberLine: string;
  dateLine: string;
  draftLabel: string | null;
  typeTitle: string;
  summaryHtml: string[];
  preambleHtml: string[];
  parts: DocumentPartView[];
  closingHtml: string[];
  /** Appendices after the signature ("PHỤ LỤC", title, body and tables). */
  appendices: DocumentPartView[];
  recipients: string[];
  signatureLines: string[];
  signerName: string;
  footnotes: { number: number; html: string }[];
}

interface Issuer {
  family: Family;
  symbolAbbreviation: string;
  placeName: string;
  superiorHeader: string | null;
  headerName: string;
}

/**
 * The plan as a reader sees it on a web page (the PDF is the renderer's): the same header,
 * number line, date line and numbering, with every part and item keeping its id so that
 * review comments anchor to it.
 */
export function planDocumentView(
  issuer: Issuer,
  content: PlanContent,
  state: { numberSymbol: string | null; issuedOn: string | null; draftRound: number },
): PlanDocumentView {
  const footnotes = new FootnoteCounter(new Set(content.footnotes.map((f) => f.id)));
  const inline = (text: string) => inlineHtml(text, footnotes);
  const labels = numberPlan(content, issuer.family);
  const place = content.place || issuer.placeName;
  const node = (n: BodyNode): DocumentNodeView => ({
    id: n.id,
    kind: n.kind,
    label: labels[n.id] ?? '',
    headingHtml: n.kind === 'item' && n.heading ? inline(n.heading) : '',
    textHtml: n.kind === 'item' ? (n.text ? inline(n.text) : '') : n.kind === 'table' ? '' : inline(n.text),
    task: n.kind === 'item' && n.task ? { directedBy: n.task.directedBy, carriedOutBy: n.task.carriedOutBy, time: timeframeText(n.task.timeframe) } : null,
    children: n.kind === 'item' || n.kind === 'bullet' ? (n.children as BodyNode[]).map(node) : [],
    table: n.kind === 'table' ? tableView(n, inline) : null,
  });
  const lines = (text: string | null) =>
    (text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const view: PlanDocumentView = {
    family: issuer.family,
    superiorLines: lines(issuer.superiorHeader),
    issuerLines: lines(issuer.headerName),
    numberLine: numberLine({ family: issuer.family, documentType: content.documentType, organizationAbbreviation: issuer.symbolAbbreviation }, state.numberSymbol),
    // A draft leaves day and month blank for the signature day (domain.md, "Place and date line").
    dateLine: state.issuedOn ? `${place}, ${dateLinePhrase(parseIsoDate(state.issuedOn))}` : `${place}, ngày ... tháng ... năm ${vietnamDate(new Date()).year}`,
    draftLabel: state.numberSymbol ? null : state.draftRound > 1 ? `DỰ THẢO LẦN ${state.draftRound}` : 'DỰ THẢO',
    typeTitle: (DOCUMENT_TYPES[content.documentType] ?? content.documentType).toLocaleUpperCase('vi'),
    summaryHtml: lines(content.summary).map(inline),
    preambleHtml: content.preamble.paragraphs.map(inline),
    parts: content.parts.map((part) => ({ id: part.id, label: labels[part.id] ?? '', title: part.title.toLocaleUpperCase('vi'), children: part.children.map(node) })),
    closingHtml: content.closing.map(inline),
    appendices: content.appendices.map((a, i) => ({ id: a.id, label: appendixLabel(i + 1, content.appendices.length), title: a.title.toLocaleUpperCase('vi'), children: a.children.map(node) })),
    recipients: content.recipients.map((r) => {
      const name = r.purpose === 'archive' && !/^lưu\b/i.test(r.name) ? `${issuer.family === 'party' ? 'Lưu' : 'Lưu:'} ${r.name}` : r.name;
      return escapeHtml(`- ${name}${r.note ? ` (${r.note})` : ''}`);
    }),
    signatureLines: content.signature.capacityLines,
    signerName: content.signature.signerName,
    footnotes: [],
  };
  const byId = new Map(content.footnotes.map((f) => [f.id, f]));
  for (let i = 0; i < footnotes.order().length; i++) view.footnotes.push({ number: i + 1, html: inline(byId.get(footnotes.order()[i])!.text) });
  return view;
}
