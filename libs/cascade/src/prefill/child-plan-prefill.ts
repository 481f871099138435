import { randomUUID } from 'node:crypto';
import { cleanText, compareVietnamese, foldVietnamese, parseIsoDate } from '@app/common';
import {
  archiveRecipient,
  type BodyNode,
  type DocumentReference,
  documentTypeName,
  type Item,
  type Part,
  PLAN_LIMITS,
  type PlanContent,
  type Recipient,
  recipientLine,
  type ReportingDuty,
  type Signature,
  type Table,
  type Task,
} from '@app/plans';
import { addDays, addYears, citedDocumentDate, fullDocumentDate } from './cascade-dates';

/** The issued parent plan, as the cascade sees it. */
export interface ParentPlanFacts {
  planId: string;
  content: PlanContent;
  /** "04-KH/BCĐ", "56/KH-UBND": as given by the register. */
  numberSymbol: string;
  /** ISO date of the date line. */
  issuedOn: string;
  issuer: OrganizationFacts;
}

export interface OrganizationFacts {
  id: string;
  fullName: string;
  shortName: string;
  family: 'party' | 'state';
}

/** A signing authority of the child organization valid on the day of the prefill. */
export interface AuthorityFacts {
  id: string;
  userId: string;
  userFullName: string;
  capacityLines: string[];
}

export interface ChildOrganizationFacts extends OrganizationFacts {
  /** Its own direct subordinates: suggested as the child plan's implementing recipients. */
  subordinates: OrganizationFacts[];
  authorities: AuthorityFacts[];
}

export interface PrefillOptions {
  /** Child reporting deadlines fall this many days before the parent's own. */
  childReportMarginDays: number;
  /** Days after the parent's issue date by which the child must be issued, when the recipient line names no date. */
  childPlanDueDays: number;
  /** The child's own date (ISO, the day it is drafted): its report deadlines fall on or after it. */
  childDate: string;
  newId?: () => string;
}

/** Why a task of the child's outline is marked for its organization. */
export type AssignmentMatch = 'organization' | 'name';

export interface AssignedItem {
  /** The item's id in the child's content. */
  itemId: string;
  /** The same item's id in the parent's content. */
  parentItemId: string;
  matchedBy: AssignmentMatch;
}

/** What the cascade writes as the child's first version, with what it marked. */
export interface ChildPlanPrefill {
  content: PlanContent;
  /** Tasks of the outline assigned to the child's organization (by id in the parent, or by name in "Tham mưu, thực hiện"). */
  assignedItems: AssignedItem[];
  /** ISO date by which the child plan must be issued. */
  dueDate: string;
  /** The recipient line of the parent that asked for this child. */
  recipientId: string | null;
}

/** Default archive line of each family (domain.md: "Lưu VP, ..." Party, "Lưu: VT, VP." State). */
const ARCHIVE_UNITS: Record<OrganizationFacts['family'], string> = { party: 'VP', state: 'VT, VP' };

/**
 * Builds the child plan a subordinate organization drafts to implement an issued plan, so that
 * its drafter edits rather than types: a preamble citing the parent by number, date and issuer,
 * the parent's parts as an outline with this organization's tasks marked, the parent's reporting
 * duties moved earlier by the margin (the child collects its own subordinates' reports before it
 * reports up), recipients suggested from its own subordinates, and a signature when only one
 * person may sign.
 */
export function prefillChildPlan(parent: ParentPlanFacts, child: ChildOrganizationFacts, options: PrefillOptions): ChildPlanPrefill {
  const newId = options.newId ?? randomUUID;
  const recipient = parent.content.recipients.find((r) => r.organizationId === child.id && r.mustImplement) ?? null;
  const typeName = documentTypeName(parent.content.documentType);
  const parentSubject = flatten(parent.content.summary);
  const summary = childSummary(parent, typeName, child.family);

  const reference: DocumentReference = {
    id: newId(),
    documentType: typeName,
    numberSymbol: parent.numberSymbol,
    date: parent.issuedOn,
    issuer: parent.issuer.fullName,
    title: `về ${parentSubject}`,
    planId: parent.planId,
  };
  const citation = `${typeName} số ${parent.numberSymbol} ngày ${citedDocumentDate(parseIsoDate(parent.issuedOn))} của ${parent.issuer.fullName} về ${parentSubject}`;
  const preamble = `Thực hiện ${citation}, ${child.fullName} xây dựng Kế hoạch triển khai thực hiện như sau:`;

  const assignedItems: AssignedItem[] = [];
  const parts: Part[] = parent.content.parts.map((part) => ({
    id: newId(),
    title: part.title,
    children: part.children.map((node) => copyNode(node, child, newId, assignedItems)),
  }));

  const content: PlanContent = {
    schemaVersion: 1,
    documentType: 'KH',
    summary,
    place: null,
    preamble: { paragraphs: [cleanText(preamble)], references: [reference] },
    parts,
    closing: [],
    // The parent's appendices (task matrices) come along, their rows for this organization marked like items.
    appendices: parent.content.appendices.map((a) => ({
      ...a,
      id: newId(),
      children: a.children.map((node) => copyNode(node, child, newId, assignedItems)),
    })),
    reportingDuties: childDuties(parent.content.reportingDuties, child, options, newId),
    recipients: childRecipients(parent, child, newId),
    signature: childSignature(child.authorities),
    footnotes: parent.content.footnotes.map((f) => ({ ...f })),
  };
  const dueDate = recipient?.implementationDueDate ?? addDays(parent.issuedOn, options.childPlanDueDays);
  return { content, assignedItems, dueDate, recipientId: recipient?.id ?? null };
}

/**
 * The child's own summary names what it implements, as offices write it: "triển khai thực hiện
 * Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của ...", not a copy of the parent's subject. A Party
 * summary starts lower case (domain.md); a State one with a capital, like the State seed.
 */
export function childSummary(
  parent: Pick<ParentPlanFacts, 'numberSymbol' | 'issuedOn' | 'issuer'>,
  typeName: string,
  family: OrganizationFacts['family'],
): string {
  const opening = family === 'party' ? 'triển khai thực hiện' : 'Triển khai thực hiện';
  return `${opening} ${typeName} số ${parent.numberSymbol} ngày ${fullDocumentDate(parseIsoDate(parent.issuedOn))} của ${parent.issuer.fullName}`;
}

/** A report the child owes falls the margin before the parent's, and never before the child's own date: a date already past moves on by whole years. */
export function childReportDeadline(parentDeadline: string, marginDays: number, childDate: string): string {
  const early = addDays(parentDeadline, -marginDays);
  let deadline = early;
  for (let years = 1; deadline < childDate; years++) deadline = addYears(early, years);
  return deadline;
}

function flatten(text: string): string {
  return cleanText(text.replace(/\s*\n\s*/g, ' '));
}

function copyNode(node: BodyNode, child: ChildOrganizationFacts, newId: () => string, assigned: AssignedItem[]): BodyNode {
  switch (node.kind) {
    case 'paragraph':
      return { kind: 'paragraph', id: newId(), text: node.text };
    case 'bullet':
      return copyBullet(node, newId);
    case 'item':
      return copyItem(node, child, newId, assigned);
    case 'table':
      return copyTable(node, child, newId, assigned);
  }
}

function copyTable(table: Table, child: ChildOrganizationFacts, newId: () => string, assigned: AssignedItem[]): Table {
  return {
    kind: 'table',
    id: newId(),
    caption: table.caption,
    columns: table.columns.map((c) => ({ ...c, id: newId() })),
    rows: table.rows.map((row) => {
      const id = newId();
      return { id, cells: row.cells.map((c) => ({ ...c })), task: copyTask(row.task, row.id, id, child, assigned) };
    }),
  };
}

/** A task copied into the child; when it is the child's (by id, or named as carrying it out) it is marked as assigned. */
function copyTask(source: Task | null, parentId: string, id: string, child: ChildOrganizationFacts, assigned: AssignedItem[]): Task | null {
  let task = source ? { ...source, assigneeOrganizationIds: [...source.assigneeOrganizationIds], timeframe: { ...source.timeframe } } : null;
  if (task) {
    const match: AssignmentMatch | null = task.assigneeOrganizationIds.includes(child.id)
      ? 'organization'
      : namesOrganization(task.carriedOutBy, child)
        ? 'name'
        : null;
    if (match) {
      assigned.push({ itemId: id, parentItemId: parentId, matchedBy: match });
      // In the child's content the mark is the organization itself among the assignees.
      if (match === 'name') task = { ...task, assigneeOrganizationIds: [...task.assigneeOrganizationIds, child.id] };
    }
  }
  return task;
}

function copyBullet(node: Extract<BodyNode, { kind: 'bullet' }>, newId: () => string): Extract<BodyNode, { kind: 'bullet' }> {
  return { kind: 'bullet', id: newId(), text: node.text, children: node.children.map((c) => copyBullet(c, newId)) };
}

function copyItem(item: Item, child: ChildOrganizationFacts, newId: () => string, assigned: AssignedItem[]): Item {
  const id = newId();
  const task = copyTask(item.task, item.id, id, child, assigned);
  return { kind: 'item', id, heading: item.heading, text: item.text, task, children: item.children.map((c) => copyNode(c, child, newId, assigned)) };
}

/**
 * Whether "Tham mưu, thực hiện: ..." names the organization: its full name, or its short name when
 * that is specific enough (four words or more: "UBND xã Nhơn Hậu", not "Tỉnh ủy", which would
 * also match "Ban Thường vụ Tỉnh ủy"), as a whole phrase, with or without diacritics.
 */
export function namesOrganization(text: string, org: Pick<OrganizationFacts, 'fullName' | 'shortName'>): boolean {
  const words = wordsOf(text);
  const folded = words.map(foldVietnamese);
  const names = [org.fullName];
  if (org.shortName.trim().split(/\s+/).length >= 4) names.push(org.shortName);
  return names.some((name) => {
    const needle = wordsOf(name).map(foldVietnamese);
    if (!needle.length) return false;
    for (let i = 0; i + needle.length <= folded.length; i++) {
      if (!needle.every((w, k) => folded[i + k] === w)) continue;
      // A capitalized word right after continues a proper name: "Nhơn Hậu Đông" is another commune.
      const next = words[i + needle.length];
      if (next === undefined || next.charAt(0) === next.charAt(0).toLocaleLowerCase('vi')) return true;
    }
    return false;
  });
}

function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function childDuties(duties: ReportingDuty[], child: ChildOrganizationFacts, options: PrefillOptions, newId: () => string): ReportingDuty[] {
  return duties
    .filter((d) => d.reporterOrganizationIds.length === 0 || d.reporterOrganizationIds.includes(child.id))
    .map((d) => ({
      id: newId(),
      what: d.what,
      period: d.period,
      deadline: childReportDeadline(d.deadline, options.childReportMarginDays, options.childDate),
      to: child.fullName,
      toOrganizationId: child.id,
      reporterOrganizationIds: [],
    }));
}

function childRecipients(parent: ParentPlanFacts, child: ChildOrganizationFacts, newId: () => string): Recipient[] {
  const line = (org: OrganizationFacts, purpose: Recipient['purpose'], note: string, mustImplement: boolean): Recipient =>
    recipientLine(newId(), org.fullName, { organizationId: org.id, purpose, note, mustImplement });
  // "Nơi nhận" holds at most PLAN_LIMITS.recipients lines: the report line and the archive take two.
  const subordinates = child.subordinates
    .filter((s) => s.id !== parent.issuer.id && s.id !== child.id)
    .sort((a, b) => compareVietnamese(a.fullName, b.fullName))
    .slice(0, PLAN_LIMITS.recipients - 2);
  return [
    line(parent.issuer, 'report', 'để báo cáo', false),
    ...subordinates.map((s) => line(s, 'implement', 'để thực hiện', true)),
    archiveRecipient(newId(), ARCHIVE_UNITS[child.family]),
  ];
}

function childSignature(authorities: AuthorityFacts[]): Signature {
  if (authorities.length !== 1) return { capacityLines: [], signerName: '', signerUserId: null, authorityId: null };
  const [only] = authorities;
  return { capacityLines: [...only.capacityLines], signerName: only.userFullName, signerUserId: only.userId, authorityId: only.id };
}
