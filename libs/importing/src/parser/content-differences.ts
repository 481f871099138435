import type { BodyNode, PlanContent } from '@app/plans';

/** Fields that are identities or links to rows of a system, not text of the document. */
const IGNORED = new Set([
  'id',
  'organizationId',
  'planId',
  'toOrganizationId',
  'assigneeOrganizationIds',
  'reporterOrganizationIds',
  'signerUserId',
  'authorityId',
]);

/** Footnote ids renamed 1, 2, 3... in the order of the footnotes list, marks included. */
function renumberFootnotes(content: PlanContent): unknown {
  const ids = new Map(content.footnotes.map((f, i) => [f.id, String(i + 1)]));
  // Content written before appendices existed (the seed fixtures) has none.
  const json = JSON.stringify({
    ...content,
    appendices: content.appendices ?? [],
    footnotes: content.footnotes.map((f) => ({ ...f, id: ids.get(f.id) })),
  });
  return JSON.parse(json.replace(/\[\^([^\]\s]+)\]/g, (mark, id: string) => (ids.has(id) ? `[^${ids.get(id)}]` : mark)));
}

/**
 * The content without what plain text cannot carry (a PDF's text has no bold or italic): emphasis
 * marks dropped, an item's bold heading and its text read as one run, part titles in capitals
 * (they print so). What remains is the structure and the words.
 */
export function withoutTypography(content: PlanContent): PlanContent {
  const copy: PlanContent = structuredClone(content);
  const plain = (text: string) =>
    text
      .replace(/(?<!\\)\*+/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const visit = (nodes: BodyNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'item') {
        const run = [node.heading, node.text]
          .filter((t): t is string => !!t)
          .map(plain)
          .join(' ');
        node.heading = null;
        node.text = run || null;
        visit(node.children);
      } else if (node.kind === 'bullet') {
        node.text = plain(node.text);
        visit(node.children as unknown as BodyNode[]);
      } else if (node.kind === 'table') {
        if (node.caption) node.caption = plain(node.caption);
        node.columns.forEach((c) => (c.title = plain(c.title)));
        node.rows.forEach((r) => r.cells.forEach((c) => (c.text = c.text.split('\n').map(plain).join('\n'))));
      } else node.text = plain(node.text);
    }
  };
  copy.summary = plain(copy.summary.replace(/\n/g, ' '));
  copy.preamble.paragraphs = copy.preamble.paragraphs.map(plain);
  for (const part of copy.parts) {
    part.title = plain(part.title).toLocaleUpperCase('vi');
    visit(part.children);
  }
  copy.closing = copy.closing.map(plain);
  for (const appendix of copy.appendices) {
    appendix.title = plain(appendix.title).toLocaleUpperCase('vi');
    visit(appendix.children);
  }
  copy.footnotes = copy.footnotes.map((f) => ({ ...f, text: plain(f.text) }));
  return copy;
}

/**
 * Every difference between two plan contents, field by field, ignoring ids and links to the
 * system's rows (organizations, plans, users): "parts[1].children[0].heading: expected ... got ...".
 */
export function contentDifferences(expected: PlanContent, actual: PlanContent): string[] {
  const differences: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) differences.push(`${path}: ${a.length} phần tử / elements expected, got ${b.length}`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        if (IGNORED.has(key)) continue;
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (a !== b) differences.push(`${path}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
  };
  walk(renumberFootnotes(expected), renumberFootnotes(actual), '');
  return differences;
}
