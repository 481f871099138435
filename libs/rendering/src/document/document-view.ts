import { citedDocumentDate, dateLinePhrase, parseIsoDate } from '@app/common';
import type { Family } from '@app/identity';
import { appendixLabel, archiveRecipient, documentTypeName, isWideTable, itemLabel, partLabels, printsTypeTitle, timeframeText } from '@app/plans';
import type { Appendix, BodyNode, Bullet, Item, PlanContent, Recipient, Signature } from '@app/plans';
import { FootnoteCounter, escapeHtml, inlineHtml } from './inline-markup';
import { numberLine, symbolWith, SymbolParts } from './number-symbol';
import { tableView, TableView } from './table-view';
import { SLOT_URL_PREFIX } from '../signing/document-slots';

/** The issuing organization as the header prints it. */
export interface IssuerView {
  family: Family;
  fullName: string;
  symbolAbbreviation: string;
  placeName: string;
  superiorHeader: string | null;
  headerName: string;
}

/** What the visible signature box shows: who signed, in which capacity, when (ISO 8601, +07:00). */
export interface SignatureStamp {
  signerName: string;
  capacity: string;
  organization: string;
  signedAt: string;
}

/**
 * What the document is at this moment: a draft (boxed DỰ THẢO, blank number and date), the
 * final text awaiting signature (as it will be issued, number and date left blank for the
 * register), or the issued original.
 */
export type DocumentMode =
  | { kind: 'draft'; round: number; year: number }
  | { kind: 'final'; year: number }
  | { kind: 'issued'; numberSymbol: string; issuedOn: string; stamp: SignatureStamp | null }
  | { kind: 'signing'; year: number; signer: SigningPerson };

/**
 * The person who signs, as identity knows them (never a typed name): the capacity lines of the
 * authority they sign under, their full name, and their signature image (a PNG data URL).
 */
export interface SigningPerson {
  capacityLines: string[];
  fullName: string;
  signatureImage: string | null;
}

/**
 * Where anyone can check the document (the public verification page): its address and that
 * address as a QR code (SVG). Printed small on the last page of every document that is not a draft.
 */
export interface VerificationMark {
  url: string;
  qrSvg: string;
}

export interface DocumentInput {
  issuer: IssuerView;
  content: PlanContent;
  mode: DocumentMode;
  /** The plan's verification address; ignored on a draft, which must never look checkable. */
  verification?: VerificationMark | null;
}

export interface BodyBlock {
  /** The part's or node's id in the content, so that the web page anchors comments to it. */
  id: string;
  kind: 'part' | 'item' | 'paragraph' | 'bullet' | 'task' | 'table';
  /** 1 for items under a part, 2 for "1.1.", ...; 1 or 2 for bullets ("-", "+"). */
  depth: number;
  label: string;
  heading: string;
  html: string;
  table?: TableView;
}

/** An appendix as templates/shared/appendix.hbs prints it. */
export interface AppendixView {
  id: string;
  label: string;
  title: string;
  /** "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân xã ...)", or "" when not printed. */
  attachmentLine: string;
  landscape: boolean;
  blocks: BodyBlock[];
}

/** The view model of templates/<family>/document.hbs: every string already safe HTML or plain text. */
export interface DocumentView {
  family: Family;
  draft: { label: string } | null;
  header: { superiorLines: string[]; issuerLines: string[] };
  numberLine: string;
  dateLine: string;
  /** "KẾ HOẠCH", "THÔNG BÁO"; "" for a công văn, which has no type name. */
  typeTitle: string;
  /** The summary under the type title; empty for a công văn, whose summary is `subjectLines`. */
  summaryLines: string[];
  /** A công văn's "V/v ..." lines under its number line (Nghị định 30, Phụ lục I); empty otherwise. */
  subjectLines: string[];
  /** A công văn's lines after "Kính gửi:" (one name, or one dashed line per addressee); empty otherwise. */
  addressees: string[];
  preamble: string[];
  blocks: BodyBlock[];
  closing: string[];
  appendices: AppendixView[];
  recipients: string[];
  signature: { lines: { text: string; bold: boolean }[]; name: string; stamp: SignatureStamp | null; image?: string | null; imageSlot?: string };
  footnotes: { number: number; html: string }[];
  verification: VerificationMark | null;
  /** Only on the document the signer signs. */
  signing?: { numberBefore: string; numberAfter: string; datePlace: string; year: number; slots: Record<'number' | 'day' | 'month', string> };
}

export function buildDocumentView(input: DocumentInput): DocumentView {
  const { issuer, content, mode } = input;
  const family = issuer.family;
  const footnotes = new FootnoteCounter(new Set(content.footnotes.map((f) => f.id)));
  const inline = (text: string) => inlineHtml(text, footnotes);
  const symbolParts: SymbolParts = { family, documentType: content.documentType, organizationAbbreviation: issuer.symbolAbbreviation };
  const place = content.place || issuer.placeName;

  const view: DocumentView = {
    family,
    draft: mode.kind === 'draft' ? { label: mode.round > 1 ? `DỰ THẢO LẦN ${mode.round}` : 'DỰ THẢO' } : null,
    header: { superiorLines: lines(issuer.superiorHeader), issuerLines: lines(issuer.headerName) },
    numberLine: numberLine(symbolParts, mode.kind === 'issued' ? mode.numberSymbol : null),
    dateLine:
      mode.kind === 'issued' ? `${place}, ${dateLinePhrase(parseIsoDate(mode.issuedOn))}` : `${place}, ngày${BLANK}tháng${BLANK}năm ${mode.year}`,
    typeTitle: printsTypeTitle(content.documentType) ? documentTypeName(content.documentType).toLocaleUpperCase('vi') : '',
    summaryLines: [],
    subjectLines: [],
    addressees: [],
    preamble: content.preamble.paragraphs.map(inline),
    blocks: [],
    closing: [],
    appendices: [],
    recipients: recipientLines(family, content.recipients).map(escapeHtml),
    signature: signatureView(content.signature, mode.kind === 'issued' ? mode.stamp : null),
    footnotes: [],
    verification: mode.kind === 'draft' ? null : (input.verification ?? null),
  };
  const summaryLines = content.summary
    .split('\n')
    .map((line) => keepNumbersWhole(inline(line.trim())))
    .filter(Boolean);
  if (view.typeTitle) view.summaryLines = summaryLines;
  else {
    view.subjectLines = summaryLines.map((line, i) => (i === 0 ? `V/v ${line}` : line));
    view.addressees = addresseeLines(family, content.recipients).map(escapeHtml);
    view.recipients = letterRecipientLines(family, content.recipients).map(escapeHtml);
  }
  if (mode.kind === 'signing') signingBlanks(view, symbolParts, place, mode.year, mode.signer);
  const partNumbers = partLabels(content.parts, family);
  content.parts.forEach((part, index) => {
    view.blocks.push({
      id: part.id,
      kind: 'part',
      depth: 0,
      label: partNumbers[index],
      heading: inline(part.title.toLocaleUpperCase('vi')),
      html: '',
    });
    bodyBlocks(part.children, [], view.blocks, inline);
  });
  view.closing = content.closing.map(inline);
  const attachedTo = attachmentPhrase(content, issuer, mode);
  // Content written before appendices existed (a test's literal, an old export) has none.
  const appendices = content.appendices ?? [];
  view.appendices = appendices.map((appendix, index) => {
    const blocks: BodyBlock[] = [];
    bodyBlocks(appendix.children, [], blocks, inline);
    return {
      id: appendix.id,
      label: appendixLabel(index + 1, appendices.length),
      title: inline(appendix.title),
      attachmentLine: appendix.attachmentLine ? attachedTo : '',
      landscape: appendixLandscape(appendix),
      blocks,
    };
  });
  const byId = new Map(content.footnotes.map((f) => [f.id, f]));
  // A footnote's text may cite a further footnote: the list grows while it is printed.
  for (let i = 0; i < footnotes.order().length; i++) {
    view.footnotes.push({ number: i + 1, html: inline(byId.get(footnotes.order()[i])!.text) });
  }
  return view;
}

/**
 * "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân xã Nhơn Hậu)": the
 * number and date are the plan's once issued; a draft keeps blanks for them.
 */
function attachmentPhrase(content: PlanContent, issuer: IssuerView, mode: DocumentMode): string {
  const type = documentTypeName(content.documentType);
  const parts: SymbolParts = { family: issuer.family, documentType: content.documentType, organizationAbbreviation: issuer.symbolAbbreviation };
  const number = mode.kind === 'issued' ? mode.numberSymbol : numberLine(parts, null).replace(/^Số:? /, '');
  const date = mode.kind === 'issued' ? citedDocumentDate(parseIsoDate(mode.issuedOn)) : `${BLANK}/${BLANK}/${mode.year}`;
  return `(Kèm theo ${type} số ${number} ngày ${date} của ${issuer.fullName})`;
}

/** Landscape when asked, or when left to the renderer and one of its tables is wide. */
function appendixLandscape(appendix: Appendix): boolean {
  if (appendix.orientation) return appendix.orientation === 'landscape';
  return appendix.children.some((node) => node.kind === 'table' && isWideTable(node));
}

/** Blank day and month on a draft's date line, kept wide by no-break spaces. */
const BLANK = '\u00a0'.repeat(6);

function lines(text: string | null): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => escapeHtml(line));
}

function bodyBlocks(nodes: BodyNode[], path: number[], out: BodyBlock[], inline: (text: string) => string, itemsBefore = 0): void {
  let itemCount = itemsBefore;
  for (const node of nodes) {
    if (node.kind === 'item') {
      const itemPath = [...path, ++itemCount];
      itemBlocks(node, itemPath, out, inline);
    } else if (node.kind === 'paragraph') {
      out.push({ id: node.id, kind: 'paragraph', depth: path.length, label: '', heading: '', html: inline(node.text) });
    } else if (node.kind === 'table') {
      out.push({ id: node.id, kind: 'table', depth: path.length, label: '', heading: '', html: '', table: tableView(node, inline) });
    } else {
      bulletBlocks(node, 1, out, inline);
    }
  }
}

function itemBlocks(item: Item, path: number[], out: BodyBlock[], inline: (text: string) => string): void {
  out.push({
    id: item.id,
    kind: 'item',
    depth: path.length,
    label: itemLabel(path),
    heading: item.heading ? inline(item.heading) : '',
    html: item.text ? inline(item.text) : '',
  });
  // The item's own paragraphs and dash lines come before its task lines, its sub-items after them (seed party-thixa, 1.4).
  const firstSubItem = item.children.findIndex((child) => child.kind === 'item');
  const own = firstSubItem === -1 ? item.children : item.children.slice(0, firstSubItem);
  bodyBlocks(own, path, out, inline);
  if (item.task) {
    const task = item.task;
    const line = (label: string, text: string) =>
      out.push({ id: '', kind: 'task', depth: path.length, label: '-', heading: label, html: inline(withFullStop(text)) });
    if (task.directedBy) line('Chỉ đạo thực hiện:', task.directedBy);
    line('Tham mưu, thực hiện:', task.carriedOutBy);
    line('Thời gian thực hiện:', timeframeText(task.timeframe));
  }
  if (firstSubItem !== -1) bodyBlocks(item.children.slice(firstSubItem), path, out, inline, countItems(own));
}

function countItems(nodes: BodyNode[]): number {
  return nodes.filter((node) => node.kind === 'item').length;
}

function bulletBlocks(bullet: Bullet, depth: number, out: BodyBlock[], inline: (text: string) => string): void {
  out.push({ id: bullet.id, kind: 'bullet', depth, label: depth === 1 ? '-' : '+', heading: '', html: inline(bullet.text) });
  for (const child of bullet.children) bulletBlocks(child, depth + 1, out, inline);
}

/** Task lines end with a full stop, as in the seeds, unless the text already ends with punctuation. */
function withFullStop(text: string): string {
  return /[.;:!?…)]$/.test(text) ? text : `${text}.`;
}

/**
 * "Nơi nhận" lines as printed, plain text: Party lines end with "," and State lines with ";",
 * the last (the archive copy, "Lưu VP, BTGĐUK." / "Lưu: VT.") with ".".
 */
export function recipientLines(family: Family, recipients: Recipient[]): string[] {
  const ordered = [...recipients.filter((r) => r.purpose !== 'archive'), ...recipients.filter((r) => r.purpose === 'archive')];
  if (!ordered.some((r) => r.purpose === 'archive')) {
    ordered.push(archiveRecipient('archive', defaultArchiveUnit(family)));
  }
  return ordered.map((recipient, index) => {
    const last = index === ordered.length - 1;
    let text = recipient.name.replace(/[\s,;.]+$/, '');
    if (recipient.purpose === 'archive' && !/^lưu\b/i.test(text)) text = `${family === 'party' ? 'Lưu' : 'Lưu:'} ${text}`;
    if (recipient.note) text += ` (${recipient.note})`;
    return `- ${text}${last ? '.' : family === 'party' ? ',' : ';'}`;
  });
}

/** Those a công văn is addressed to: every line of "Nơi nhận" sent to act or to know, not those it reports to (b/c) nor the archive. */
function isAddressee(recipient: Recipient): boolean {
  return recipient.purpose !== 'report' && recipient.purpose !== 'archive';
}

/**
 * A công văn's "Kính gửi:" (Nghị định 30, Phụ lục I): one addressee on the same line, "Kính gửi: Sở Tài chính.";
 * several, one dashed line each, "- Sở Tài chính;" ... "- Sở Nội vụ.".
 */
export function addresseeLines(family: Family, recipients: Recipient[]): string[] {
  const names = recipients.filter(isAddressee).map((r) => r.name.replace(/[\s,;.]+$/, ''));
  if (names.length === 1) return [`${names[0]}.`];
  return names.map((name, index) => `- ${name}${index === names.length - 1 ? '.' : family === 'party' ? ',' : ';'}`);
}

/** A công văn's "Nơi nhận": its addressees as "Như trên", then those it reports to and the archive. */
export function letterRecipientLines(family: Family, recipients: Recipient[]): string[] {
  const addressees = recipients.filter(isAddressee);
  if (!addressees.length) return recipientLines(family, recipients);
  const asAbove: Recipient = { ...addressees[0], id: 'nhu-tren', name: 'Như trên', note: null };
  return recipientLines(family, [asAbove, ...recipients.filter((r) => !isAddressee(r))]);
}

/** Where the archive copy stays when the plan names none: the office (Party) or the records desk (State). */
export function defaultArchiveUnit(family: Family): string {
  return family === 'party' ? 'VP' : 'VT';
}

/** The signer's document: blanks the clerk fills, slots marking them, the signer's own name, capacity and image. */
function signingBlanks(view: DocumentView, parts: SymbolParts, place: string, year: number, signer: SigningPerson): void {
  const [numberBefore, numberAfter] = numberLine(parts, symbolWith(parts, SLOT_MARK)).split(SLOT_MARK);
  const slot = (name: string) => `${SLOT_URL_PREFIX}${name}`;
  view.signing = { numberBefore, numberAfter, datePlace: place, year, slots: { number: slot('number'), day: slot('day'), month: slot('month') } };
  view.signature = {
    ...signatureView({ capacityLines: signer.capacityLines, signerName: signer.fullName }, null),
    image: signer.signatureImage,
    imageSlot: slot('signature'),
  };
}

const SLOT_MARK = '\u0000';

/** Capacity lines in bold, linking words ("kiêm") in regular type, as the seeds print them. */
function signatureView(signature: Pick<Signature, 'capacityLines' | 'signerName'>, stamp: SignatureStamp | null): DocumentView['signature'] {
  return {
    lines: signature.capacityLines.map((line) => ({ text: escapeHtml(line), bold: line !== line.toLocaleLowerCase('vi') })),
    name: escapeHtml(signature.signerName),
    stamp,
  };
}

/**
 * A number and symbol cited in a summary ("01/KH-UBND", "15-TB/TU", "2024-2025") is kept on one
 * line: a browser breaks after a hyphen, and "01/KH-" at the end of a line of a công văn's
 * narrow "V/v" column reads as another symbol.
 */
export function keepNumbersWhole(html: string): string {
  return html.replace(/(^|[\s(>])(\d[^\s<]*?-[^\s<,;]+)/gu, '$1<span class="nowrap">$2</span>');
}
