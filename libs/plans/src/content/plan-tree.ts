import type { Appendix, BodyNode, Item, Part, PlanContent, Table, TableRow, Task } from './plan-content';

/** Where a node sits: its JSON path inside the content and the items above it. */
export interface NodeVisit {
  node: BodyNode;
  path: string;
  /** The part or appendix that holds the node. */
  part: Part | Appendix;
  /** Items from the part down to the node's parent item (outermost first). */
  itemAncestors: Item[];
  /** Bullets between the node and its nearest item or part (for "-" and "+"). */
  bulletDepth: number;
}

/** Every body node of every part, then of every appendix, depth first in printed order. */
export function* walkBody(content: Pick<PlanContent, 'parts'> & { appendices?: Appendix[] }): Generator<NodeVisit> {
  for (const [p, part] of content.parts.entries()) {
    yield* walkNodes(part.children, `parts.${p}.children`, part, [], 0);
  }
  for (const [a, appendix] of (content.appendices ?? []).entries()) {
    yield* walkNodes(appendix.children, `appendices.${a}.children`, appendix, [], 0);
  }
}

function* walkNodes(nodes: BodyNode[], path: string, part: Part | Appendix, itemAncestors: Item[], bulletDepth: number): Generator<NodeVisit> {
  for (const [i, node] of nodes.entries()) {
    const here = `${path}.${i}`;
    yield { node, path: here, part, itemAncestors, bulletDepth };
    if (node.kind === 'item') yield* walkNodes(node.children, `${here}.children`, part, [...itemAncestors, node], 0);
    if (node.kind === 'bullet') yield* walkNodes(node.children, `${here}.children`, part, itemAncestors, bulletDepth + 1);
  }
}

/** Items that carry a task, in printed order. */
export function tasksOf(content: Pick<PlanContent, 'parts'> & { appendices?: Appendix[] }): { item: Item; path: string }[] {
  const out: { item: Item; path: string }[] = [];
  for (const visit of walkBody(content)) if (visit.node.kind === 'item' && visit.node.task) out.push({ item: visit.node, path: visit.path });
  return out;
}

/** A task wherever it is written: an item, or a row of a table (appendix task matrices). */
export interface TaskEntry {
  /** The id of the item or of the table row. */
  id: string;
  path: string;
  /** What is to be done: the item's heading or text, the row's content cell. */
  what: string;
  task: Task;
}

/** Every task of the plan, items and table rows, in printed order: what the cascade and checks read. */
export function taskEntries(content: Pick<PlanContent, 'parts'> & { appendices?: Appendix[] }): TaskEntry[] {
  const out: TaskEntry[] = [];
  for (const visit of walkBody(content)) {
    const node = visit.node;
    if (node.kind === 'item' && node.task) out.push({ id: node.id, path: visit.path, what: node.heading ?? node.text ?? '', task: node.task });
    if (node.kind === 'table') {
      node.rows.forEach((row, r) => {
        if (row.task) out.push({ id: row.id, path: `${visit.path}.rows.${r}`, what: rowWhat(node, row), task: row.task });
      });
    }
  }
  return out;
}

/** The cell of a row under the column with `role` (null when no such column or a merged cell covers it). */
export function cellByRole(table: Table, row: TableRow, role: string): string | null {
  const column = table.columns.findIndex((c) => c.role === role);
  if (column < 0) return null;
  let at = 0;
  for (const cell of row.cells) {
    if (at === column) return cell.colSpan === 1 ? cell.text : null;
    at += cell.colSpan;
    if (at > column) return null;
  }
  return null;
}

/** A row's content cell, else its longest cell: how a row is named in checks and diffs. */
export function rowWhat(table: Table, row: TableRow): string {
  return cellByRole(table, row, 'content') ?? row.cells.map((c) => c.text).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** The text strings of a node itself (not its children). */
export function nodeTexts(node: BodyNode): string[] {
  if (node.kind === 'item') {
    const texts = [node.heading, node.text].filter((t): t is string => !!t);
    if (node.task) texts.push(...[node.task.directedBy, node.task.carriedOutBy, node.task.timeframe.text].filter((t): t is string => !!t));
    return texts;
  }
  if (node.kind === 'table') return tableTexts(node);
  return [node.text];
}

/** The caption, header cells and cells of a table, row by row. */
export function tableTexts(table: Table): string[] {
  return [table.caption ?? '', ...table.columns.map((c) => c.title), ...table.rows.flatMap((r) => r.cells.map((c) => c.text))].filter(
    (t) => t.length > 0,
  );
}

/**
 * Every piece of running text of the plan in printed order: summary, preamble, parts, closing,
 * recipients, signature, footnotes. What search, word counts and comparisons read.
 */
export function allTexts(content: PlanContent): string[] {
  const texts: string[] = [content.summary, ...content.preamble.paragraphs];
  for (const part of content.parts) {
    texts.push(part.title);
    for (const visit of walkBodyOf(part)) texts.push(...nodeTexts(visit));
  }
  texts.push(...content.closing);
  for (const appendix of content.appendices ?? []) {
    texts.push(appendix.title);
    for (const visit of walkBodyOf(appendix)) texts.push(...nodeTexts(visit));
  }
  texts.push(...content.recipients.map((r) => r.name));
  texts.push(...content.signature.capacityLines, content.signature.signerName);
  texts.push(...content.footnotes.map((f) => f.text));
  return texts.filter((t) => t.length > 0);
}

function* walkBodyOf(part: Part | Appendix): Generator<BodyNode> {
  const stack: BodyNode[] = [...part.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    if (node.kind === 'item' || node.kind === 'bullet') stack.push(...[...(node.children as BodyNode[])].reverse());
  }
}

/** Footnote marks `[^id]` used in a text. */
export function footnoteMarks(value: string): string[] {
  return [...value.matchAll(/\[\^([^\]\s]+)\]/g)].map((m) => m[1]);
}
