import { diffWordsWithSpace } from 'diff';
import { numberPlan, NumberingFamily } from '../content/numbering';
import type { Appendix, BodyNode, PlanContent, Recipient, ReportingDuty, Table, TableRow, Timeframe } from '../content/plan-content';
import { rowWhat, taskEntries, TaskEntry, walkBody } from '../content/plan-tree';

/** One run of a word-level redline: unchanged, inserted or deleted text. */
export interface RedlineRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** For text fields: the words inserted and deleted. */
  redline?: RedlineRun[];
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** A part, item, paragraph, bullet, task, recipient... that differs, found by its id. */
export interface EntryChange {
  id: string;
  change: ChangeKind;
  /** Computed number ("II-", "1.2.", "a)") or the printed line, in the version where it exists (after, else before). */
  label: string | null;
  /** Short text to show what it is. */
  text: string;
  /** Where it moved (a changed entry may also have moved). */
  moved?: { before: string; after: string };
  fields: FieldChange[];
}

export interface PlanDiff {
  from: number;
  to: number;
  identical: boolean;
  /** Summary, place, preamble, closing, signature and other single fields. */
  document: FieldChange[];
  parts: EntryChange[];
  /** Appendices: title, the attachment line, orientation. */
  appendices: EntryChange[];
  items: EntryChange[];
  /** Unnumbered paragraphs, bullet lines and tables (caption, header row). */
  blocks: EntryChange[];
  /** Table rows added, removed, changed (cell by cell, named by the header) or moved. */
  rows: EntryChange[];
  /** Task assignments (who directs, who carries out, when), by the id of their item or table row. */
  tasks: EntryChange[];
  recipients: EntryChange[];
  reportingDuties: EntryChange[];
  footnotes: EntryChange[];
  counts: { added: number; removed: number; changed: number; moved: number };
}

/** A word-level redline of two texts. */
export function redline(before: string, after: string): RedlineRun[] {
  return diffWordsWithSpace(before, after).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}

function field(name: string, before: unknown, after: unknown): FieldChange | null {
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  const change: FieldChange = { field: name, before, after };
  if ((typeof before === 'string' || before === null) && (typeof after === 'string' || after === null) && (before || after)) {
    change.redline = redline(before ?? '', after ?? '');
  }
  return change;
}

function fields(pairs: [string, unknown, unknown][]): FieldChange[] {
  return pairs.map(([name, a, b]) => field(name, a, b)).filter((c): c is FieldChange => c !== null);
}

interface Located<T> {
  value: T;
  /** The id of what holds it ("" for top-level lists). */
  parent: string;
  label: string | null;
}

/**
 * Ids that moved: to another parent, or out of order among the siblings both versions share
 * (those off a longest common subsequence), so that an insertion does not "move" what follows.
 */
function movedIds<T>(before: Map<string, Located<T>>, after: Map<string, Located<T>>): Set<string> {
  const moved = new Set<string>();
  const siblings = (index: Map<string, Located<T>>) => {
    const byParent = new Map<string, string[]>();
    for (const [id, located] of index)
      if (before.has(id) && after.has(id)) byParent.set(located.parent, [...(byParent.get(located.parent) ?? []), id]);
    return byParent;
  };
  for (const [id, b] of after) {
    const a = before.get(id);
    if (a && a.parent !== b.parent) moved.add(id);
  }
  const beforeSiblings = siblings(before);
  for (const [parent, afterIds] of siblings(after)) {
    const beforeIds = (beforeSiblings.get(parent) ?? []).filter((id) => afterIds.includes(id));
    const kept = new Set(
      longestCommonSubsequence(
        beforeIds,
        afterIds.filter((id) => beforeIds.includes(id)),
      ),
    );
    for (const id of afterIds) if (beforeIds.includes(id) && !kept.has(id)) moved.add(id);
  }
  return moved;
}

function longestCommonSubsequence(a: string[], b: string[]): string[] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return out;
}

function compare<T extends { id: string }>(
  before: Map<string, Located<T>>,
  after: Map<string, Located<T>>,
  describe: (value: T) => string,
  changes: (a: T, b: T) => FieldChange[],
): EntryChange[] {
  const out: EntryChange[] = [];
  const moves = movedIds(before, after);
  for (const [id, b] of after) {
    const a = before.get(id);
    if (!a) {
      out.push({ id, change: 'added', label: b.label, text: describe(b.value), fields: [] });
      continue;
    }
    const diffs = changes(a.value, b.value);
    const moved = moves.has(id) ? { before: a.label ?? a.parent, after: b.label ?? b.parent } : undefined;
    if (diffs.length || moved)
      out.push({
        id,
        change: diffs.length ? 'changed' : 'moved',
        label: b.label,
        text: describe(b.value),
        ...(moved ? { moved } : {}),
        fields: diffs,
      });
  }
  for (const [id, a] of before) {
    if (!after.has(id)) out.push({ id, change: 'removed', label: a.label, text: describe(a.value), fields: [] });
  }
  return out;
}

const short = (text: string | null | undefined) => {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
};

function timeframeValue(t: Timeframe): string {
  return JSON.stringify(t);
}

/** A table row with the table it sits in (its header names the cells). */
interface LocatedRow {
  id: string;
  row: TableRow;
  table: Table;
}

function bodyIndex(content: PlanContent, family: NumberingFamily) {
  const labels = numberPlan(content, family);
  const items = new Map<string, Located<Extract<BodyNode, { kind: 'item' }>>>();
  const blocks = new Map<string, Located<BodyNode>>();
  const rows = new Map<string, Located<LocatedRow>>();
  for (const visit of walkBody(content)) {
    const located = { parent: parentOf(content, visit.path), label: labels[visit.node.id] ?? null };
    if (visit.node.kind === 'item') {
      items.set(visit.node.id, { ...located, value: visit.node });
    } else {
      blocks.set(visit.node.id, { ...located, value: visit.node });
    }
    if (visit.node.kind === 'table') {
      const table = visit.node;
      for (const row of table.rows) rows.set(row.id, { parent: table.id, label: row.cells[0]?.text || null, value: { id: row.id, row, table } });
    }
  }
  const tasks = new Map<string, Located<TaskEntry>>();
  for (const entry of taskEntries(content)) tasks.set(entry.id, { parent: '', label: labels[entry.id] ?? null, value: entry });
  return { items, blocks, rows, tasks };
}

/** A table as one line: its caption, else its header row. */
function tableLine(table: Table): string {
  return table.caption ?? table.columns.map((c) => c.title).join(' | ');
}

const blockText = (node: BodyNode): string =>
  node.kind === 'table' ? tableLine(node) : node.kind === 'item' ? (node.heading ?? node.text ?? '') : node.text;

/** The cells of two versions of a row, named by the header of the column where each starts. */
function rowFields(a: LocatedRow, b: LocatedRow): FieldChange[] {
  const named = (t: LocatedRow) => {
    const out = new Map<string, string>();
    let at = 0;
    for (const cell of t.row.cells) {
      const title = t.table.columns[at]?.title || `Cột ${at + 1}`;
      out.set(t.table.columns[at]?.id ?? `col-${at}`, `${title}\u0000${cell.text}`);
      at += cell.colSpan;
    }
    return out;
  };
  const before = named(a);
  const after = named(b);
  const out: FieldChange[] = [];
  for (const column of new Set([...after.keys(), ...before.keys()])) {
    const [titleB, textB = null] = (before.get(column) ?? '').split('\u0000');
    const [titleA, textA = null] = (after.get(column) ?? '').split('\u0000');
    const change = field(titleA || titleB, textB, textA);
    if (change) out.push(change);
  }
  const spans = (t: LocatedRow) => t.row.cells.map((c) => c.colSpan).join(',');
  if (spans(a) !== spans(b)) out.push({ field: 'colSpan', before: spans(a), after: spans(b) });
  return out;
}

/** The id of the node that holds the node at `path` (a part, an appendix or an item/bullet). */
function parentOf(content: PlanContent, path: string): string {
  const segments = path.split('.');
  // (parts|appendices).P.children.I(.children.J)*: the parent is the node at the path minus its last two segments.
  const parentPath = segments.slice(0, -2);
  const roots: { id: string; children?: unknown[] }[] = parentPath[0] === 'appendices' ? content.appendices : content.parts;
  let node: { id: string; children?: unknown[] } = roots[Number(parentPath[1])];
  for (let i = 3; i < parentPath.length; i += 2) node = (node.children as { id: string; children?: unknown[] }[])[Number(parentPath[i])];
  return node.id;
}

/**
 * The structured difference between two versions of a plan, by node id: parts, items, tasks,
 * paragraphs and bullets, recipients, reporting duties and footnotes added, removed, changed or
 * moved, with a word-level redline of every changed text.
 */
export function diffPlans(before: PlanContent, after: PlanContent, options: { from: number; to: number; family: NumberingFamily }): PlanDiff {
  const lines = (xs: string[]) => xs.join('\n');
  const document = fields([
    ['documentType', before.documentType, after.documentType],
    ['summary', before.summary, after.summary],
    ['place', before.place, after.place],
    ['preamble.paragraphs', lines(before.preamble.paragraphs), lines(after.preamble.paragraphs)],
    ['preamble.references', before.preamble.references, after.preamble.references],
    ['closing', lines(before.closing), lines(after.closing)],
    ['signature.capacityLines', lines(before.signature.capacityLines), lines(after.signature.capacityLines)],
    ['signature.signerName', before.signature.signerName, after.signature.signerName],
    ['signature.signerUserId', before.signature.signerUserId, after.signature.signerUserId],
    ['signature.authorityId', before.signature.authorityId, after.signature.authorityId],
  ]);

  const beforeLabels = numberPlan(before, options.family);
  const afterLabels = numberPlan(after, options.family);
  const partsOf = (c: PlanContent, labels: Record<string, string>) =>
    new Map(c.parts.map((p) => [p.id, { value: p, parent: '', label: labels[p.id] ?? null }]));
  const parts = compare(
    partsOf(before, beforeLabels),
    partsOf(after, afterLabels),
    (p) => short(p.title),
    (a, b) =>
      fields([
        ['title', a.title, b.title],
        ['group', !!a.group, !!b.group],
      ]),
  );

  const appendicesOf = (c: PlanContent, labels: Record<string, string>) =>
    new Map(c.appendices.map((x) => [x.id, { value: x, parent: '', label: labels[x.id] ?? null }]));
  const appendices = compare(
    appendicesOf(before, beforeLabels),
    appendicesOf(after, afterLabels),
    (x: Appendix) => short(x.title),
    (x, y) =>
      fields([
        ['title', x.title, y.title],
        ['attachmentLine', x.attachmentLine, y.attachmentLine],
        ['orientation', x.orientation, y.orientation],
      ]),
  );

  const a = bodyIndex(before, options.family);
  const b = bodyIndex(after, options.family);
  const items = compare(
    a.items,
    b.items,
    (i) => short(i.heading ?? i.text),
    (x, y) =>
      fields([
        ['heading', x.heading, y.heading],
        ['text', x.text, y.text],
      ]),
  );
  const blocks = compare(
    a.blocks,
    b.blocks,
    (n) => short(blockText(n)),
    (x, y) =>
      x.kind === 'table' && y.kind === 'table'
        ? fields([
            ['caption', x.caption, y.caption],
            ['header', x.columns.map((c) => c.title).join(' | '), y.columns.map((c) => c.title).join(' | ')],
          ])
        : fields([
            ['kind', x.kind, y.kind],
            ['text', blockText(x), blockText(y)],
          ]),
  );
  const rows = compare(a.rows, b.rows, (r) => short(rowWhat(r.table, r.row)), rowFields);
  const tasks = compare(
    a.tasks,
    b.tasks,
    (t) => short(t.what),
    (x, y) =>
      fields([
        ['directedBy', x.task.directedBy, y.task.directedBy],
        ['carriedOutBy', x.task.carriedOutBy, y.task.carriedOutBy],
        ['assigneeOrganizationIds', x.task.assigneeOrganizationIds, y.task.assigneeOrganizationIds],
        ['timeframe', timeframeValue(x.task.timeframe), timeframeValue(y.task.timeframe)],
      ]).map((f) => (f.field === 'timeframe' ? { field: 'timeframe', before: x.task.timeframe, after: y.task.timeframe } : f)),
  ).filter((t) => !(t.change === 'moved'));

  const byId = <T extends { id: string }>(xs: T[], label: (x: T) => string) =>
    new Map(xs.map((x) => [x.id, { value: x, parent: '', label: label(x) }]));
  const recipients = compare(
    byId(before.recipients, (r) => r.name),
    byId(after.recipients, (r) => r.name),
    (r: Recipient) => r.name,
    (x, y) =>
      fields([
        ['name', x.name, y.name],
        ['organizationId', x.organizationId, y.organizationId],
        ['purpose', x.purpose, y.purpose],
        ['note', x.note, y.note],
        ['email', x.email, y.email],
        ['mustImplement', x.mustImplement, y.mustImplement],
        ['implementationDueDate', x.implementationDueDate, y.implementationDueDate],
      ]),
  );
  const reportingDuties = compare(
    byId(before.reportingDuties, (d) => d.deadline),
    byId(after.reportingDuties, (d) => d.deadline),
    (d: ReportingDuty) => short(d.what),
    (x, y) =>
      fields([
        ['what', x.what, y.what],
        ['period', x.period, y.period],
        ['deadline', x.deadline, y.deadline],
        ['to', x.to, y.to],
        ['toOrganizationId', x.toOrganizationId, y.toOrganizationId],
        ['reporterOrganizationIds', x.reporterOrganizationIds, y.reporterOrganizationIds],
      ]),
  );
  const footnotes = compare(
    byId(before.footnotes, (f) => f.id),
    byId(after.footnotes, (f) => f.id),
    (f) => short(f.text),
    (x, y) => fields([['text', x.text, y.text]]),
  );

  const lists = [parts, appendices, items, blocks, rows, tasks, recipients, reportingDuties, footnotes];
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const list of lists) for (const entry of list) counts[entry.change]++;
  counts.changed += document.length;
  const identical = document.length === 0 && lists.every((l) => l.length === 0);
  return {
    from: options.from,
    to: options.to,
    identical,
    document,
    parts,
    appendices,
    items,
    blocks,
    rows,
    tasks,
    recipients,
    reportingDuties,
    footnotes,
    counts,
  };
}
