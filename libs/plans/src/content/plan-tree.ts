import type { BodyNode, Bullet, Item, Part, PlanContent } from './plan-content';

/** Where a node sits: its JSON path inside the content and the items above it. */
export interface NodeVisit {
  node: BodyNode;
  path: string;
  part: Part;
  /** Items from the part down to the node's parent item (outermost first). */
  itemAncestors: Item[];
  /** Bullets between the node and its nearest item or part (for "-" and "+"). */
  bulletDepth: number;
}

/** Every body node of every part, depth first in printed order. */
export function* walkBody(content: Pick<PlanContent, 'parts'>): Generator<NodeVisit> {
  for (const [p, part] of content.parts.entries()) {
    yield* walkNodes(part.children, `parts.${p}.children`, part, [], 0);
  }
}

function* walkNodes(nodes: BodyNode[], path: string, part: Part, itemAncestors: Item[], bulletDepth: number): Generator<NodeVisit> {
  for (const [i, node] of nodes.entries()) {
    const here = `${path}.${i}`;
    yield { node, path: here, part, itemAncestors, bulletDepth };
    if (node.kind === 'item') yield* walkNodes(node.children, `${here}.children`, part, [...itemAncestors, node], 0);
    if (node.kind === 'bullet') yield* walkNodes(node.children, `${here}.children`, part, itemAncestors, bulletDepth + 1);
  }
}

/** Items that carry a task, in printed order. */
export function tasksOf(content: Pick<PlanContent, 'parts'>): { item: Item; path: string }[] {
  const out: { item: Item; path: string }[] = [];
  for (const visit of walkBody(content)) if (visit.node.kind === 'item' && visit.node.task) out.push({ item: visit.node, path: visit.path });
  return out;
}

/** The text strings of a node itself (not its children). */
export function nodeTexts(node: BodyNode): string[] {
  if (node.kind === 'item') {
    const texts = [node.heading, node.text].filter((t): t is string => !!t);
    if (node.task) texts.push(...[node.task.directedBy, node.task.carriedOutBy, node.task.timeframe.text].filter((t): t is string => !!t));
    return texts;
  }
  return [node.text];
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
  texts.push(...content.recipients.map((r) => r.name));
  texts.push(...content.signature.capacityLines, content.signature.signerName);
  texts.push(...content.footnotes.map((f) => f.text));
  return texts.filter((t) => t.length > 0);
}

function* walkBodyOf(part: Part): Generator<BodyNode> {
  const stack: BodyNode[] = [...part.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    if (node.kind !== 'paragraph') stack.push(...[...(node.children as (Item | Bullet)[])].reverse());
  }
}

/** Footnote marks `[^id]` used in a text. */
export function footnoteMarks(value: string): string[] {
  return [...value.matchAll(/\[\^([^\]\s]+)\]/g)].map((m) => m[1]);
}
