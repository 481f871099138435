import { createHash } from 'node:crypto';
import type {
  Appendix,
  BodyNode,
  Bullet,
  Table,
  DocumentReference,
  Footnote,
  Part,
  PlanContent,
  Recipient,
  ReportingDuty,
  Signature,
  Task,
  Timeframe,
} from './plan-content';

/**
 * The content with its keys in the order of plan-content.ts. PostgreSQL's jsonb keeps its own
 * key order, so exports and hashes go through this to stay byte-stable.
 */
export function canonicalContent(c: PlanContent): PlanContent {
  return {
    schemaVersion: c.schemaVersion,
    documentType: c.documentType,
    summary: c.summary,
    place: c.place,
    preamble: { paragraphs: [...c.preamble.paragraphs], references: c.preamble.references.map(reference) },
    parts: c.parts.map(part),
    closing: [...c.closing],
    appendices: (c.appendices ?? []).map(appendix),
    reportingDuties: c.reportingDuties.map(duty),
    recipients: c.recipients.map(recipient),
    signature: signature(c.signature),
    footnotes: c.footnotes.map(footnote),
  };
}

/** Content read from the database: versions saved before appendices existed get none. */
export function storedContent(c: PlanContent | null | undefined): PlanContent {
  if (c && typeof c === 'object' && !Array.isArray(c.appendices)) c.appendices = [];
  return c as PlanContent;
}

/**
 * SHA-256 of the canonical JSON: equal content, equal hash. A plan without appendices hashes
 * without the key, as before appendices existed, so versions saved then keep their hash.
 */
export function contentSha256(content: PlanContent): string {
  const canonical: Partial<PlanContent> = canonicalContent(content);
  if (!canonical.appendices?.length) delete canonical.appendices;
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

const reference = (r: DocumentReference): DocumentReference => ({
  id: r.id,
  documentType: r.documentType,
  numberSymbol: r.numberSymbol,
  date: r.date,
  issuer: r.issuer,
  title: r.title,
  planId: r.planId,
});

const part = (p: Part): Part => ({ id: p.id, title: p.title, ...(p.group ? { group: true } : {}), children: p.children.map(node) });

function node(n: BodyNode): BodyNode {
  switch (n.kind) {
    case 'item':
      return { kind: 'item', id: n.id, heading: n.heading, text: n.text, task: n.task ? task(n.task) : null, children: n.children.map(node) };
    case 'paragraph':
      return { kind: 'paragraph', id: n.id, text: n.text };
    case 'bullet':
      return bullet(n);
    case 'table':
      return table(n);
  }
}

const table = (t: Table): Table => ({
  kind: 'table',
  id: t.id,
  caption: t.caption,
  columns: t.columns.map((c) => ({ id: c.id, title: c.title, role: c.role })),
  rows: t.rows.map((r) => ({ id: r.id, cells: r.cells.map((c) => ({ text: c.text, colSpan: c.colSpan })), task: r.task ? task(r.task) : null })),
});

const appendix = (a: Appendix): Appendix => ({
  id: a.id,
  title: a.title,
  attachmentLine: a.attachmentLine,
  orientation: a.orientation,
  children: a.children.map(node),
});

const bullet = (b: Bullet): Bullet => ({ kind: 'bullet', id: b.id, text: b.text, children: b.children.map(bullet) });

const task = (t: Task): Task => ({
  directedBy: t.directedBy,
  carriedOutBy: t.carriedOutBy,
  assigneeOrganizationIds: [...t.assigneeOrganizationIds],
  timeframe: timeframe(t.timeframe),
});

function timeframe(t: Timeframe): Timeframe {
  switch (t.kind) {
    case 'ongoing':
      return { kind: 'ongoing', text: t.text };
    case 'date':
      return { kind: 'date', date: t.date, text: t.text };
    case 'quarter':
      return { kind: 'quarter', quarters: [...t.quarters], year: t.year, text: t.text };
    case 'year':
      return { kind: 'year', year: t.year, text: t.text };
    case 'text':
      return { kind: 'text', text: t.text };
  }
}

const duty = (d: ReportingDuty): ReportingDuty => ({
  id: d.id,
  what: d.what,
  period: d.period,
  deadline: d.deadline,
  to: d.to,
  toOrganizationId: d.toOrganizationId,
  reporterOrganizationIds: [...d.reporterOrganizationIds],
});

const recipient = (r: Recipient): Recipient => ({
  id: r.id,
  name: r.name,
  organizationId: r.organizationId,
  purpose: r.purpose,
  note: r.note,
  email: r.email,
  mustImplement: r.mustImplement,
  implementationDueDate: r.implementationDueDate,
});

const signature = (s: Signature): Signature => ({
  capacityLines: [...s.capacityLines],
  signerName: s.signerName,
  signerUserId: s.signerUserId,
  authorityId: s.authorityId,
});

const footnote = (f: Footnote): Footnote => ({ id: f.id, text: f.text });
