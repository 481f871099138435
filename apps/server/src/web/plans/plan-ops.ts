import { randomBytes } from 'node:crypto';
import type { Appendix, BodyNode, Item, Part, PlanContent, Recipient, RecipientPurpose } from '@app/plans';
import { recipientLine } from '@app/plans';
import { blankAppendix, blankTable, tableOp } from './table-ops';

/**
 * The editor's structural changes, on the content the form holds: add, move, indent, delete
 * parts and body nodes; turn an item into a task and back; add and remove rows. Each button of
 * the editor posts `op` = "verb|arg|..." ("|" never occurs in ids). Pure: returns what to focus.
 */

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Parts and appendices are the two root lists; each holds body nodes like a part. */
type Container = { id: string | null; list: (BodyNode | Part | Appendix)[]; kind: 'root' | 'part' | 'item' | 'bullet' };
interface Found {
  node: Part | Appendix | BodyNode;
  container: Container;
  index: number;
  /** The container that holds the container (for outdent). */
  outer: { container: Container; index: number } | null;
}

function find(content: PlanContent, id: string): Found | null {
  return findIn({ id: null, list: content.parts, kind: 'root' }, id) ?? findIn({ id: null, list: content.appendices, kind: 'root' }, id);
}

function findIn(root: Container, id: string): Found | null {
  const search = (container: Container, outer: Found['outer']): Found | null => {
    for (const [index, node] of container.list.entries()) {
      if (node.id === id) return { node, container, index, outer };
      const children = 'children' in node ? (node.children as (BodyNode | Part)[]) : null;
      if (children) {
        const kind = 'kind' in node ? (node.kind as 'item' | 'bullet') : 'part';
        const hit = search({ id: node.id, list: children, kind }, { container, index });
        if (hit) return hit;
      }
    }
    return null;
  };
  return search(root, null);
}

function blankItem(): Item {
  return { kind: 'item', id: newId('m'), heading: null, text: null, task: null, children: [] };
}

function newNode(kind: string): BodyNode | null {
  if (kind === 'item') return blankItem();
  if (kind === 'paragraph') return { kind: 'paragraph', id: newId('d'), text: '' };
  if (kind === 'bullet') return { kind: 'bullet', id: newId('g'), text: '', children: [] };
  if (kind === 'table') return blankTable(newId);
  return null;
}

/** Where a node of this kind may go: items, paragraphs and bullets in parts and items; only bullets in bullets. */
function accepts(container: Container, node: Part | Appendix | BodyNode): boolean {
  if (container.kind === 'root') return !('kind' in node);
  if (!('kind' in node)) return false;
  return container.kind === 'bullet' ? node.kind === 'bullet' : true;
}

export interface OpContext {
  /** Organizations that may be picked as recipients: id -> full name. */
  organizationNames: Map<string, string>;
  /** Signing authorities offered: id -> lines, user and name. */
  authorities: Map<string, { capacityLines: string[]; userId: string; userFullName: string }>;
  /** Extra fields of the post that some operations read (the recipient picker, the chosen authority). */
  picked: { organizationIds: string[]; purpose: string; mustImplement: boolean; note: string | null; authorityId: string };
}

/** Applies one operation; returns the id of what the page should scroll to (or null). */
export function applyOp(content: PlanContent, op: string, ctx: OpContext): string | null {
  const [area, verb, ...args] = op.split('|');
  if (area === 'part' && verb === 'add') {
    const part: Part = { id: newId('p'), title: '', children: [] };
    content.parts.push(part);
    return part.id;
  }
  if (area === 'node') return nodeOp(content, verb, args);
  if (area === 'appendix' && verb === 'add') {
    const appendix = blankAppendix(newId);
    content.appendices.push(appendix);
    return appendix.id;
  }
  if (area === 'table') return tableOp(content, verb, args, newId);
  if (area === 'task') {
    const found = find(content, args[0]);
    if (!found || !('kind' in found.node) || found.node.kind !== 'item') return null;
    found.node.task =
      verb === 'on' ? { directedBy: null, carriedOutBy: '', assigneeOrganizationIds: [], timeframe: { kind: 'ongoing', text: null } } : null;
    return found.node.id;
  }
  if (area === 'rcp') return recipientOp(content, verb, args[0], ctx);
  if (area === 'duty' || area === 'ref' || area === 'fn') return rowOp(content, area, verb, args[0]);
  if (area === 'sig' && verb === 'authority') {
    const authority = ctx.authorities.get(ctx.picked.authorityId);
    if (!authority) return 'signature';
    content.signature = {
      capacityLines: [...authority.capacityLines],
      signerName: authority.userFullName,
      signerUserId: authority.userId,
      authorityId: ctx.picked.authorityId,
    };
    return 'signature';
  }
  return null;
}

function nodeOp(content: PlanContent, verb: string, args: string[]): string | null {
  if (verb === 'add') {
    const [kind, parentId] = args;
    const parent = find(content, parentId);
    const node = newNode(kind);
    if (!parent || !node || !('children' in parent.node)) return null;
    const container: Container = {
      id: parentId,
      list: parent.node.children as BodyNode[],
      kind: 'kind' in parent.node ? (parent.node.kind as 'item' | 'bullet') : 'part',
    };
    if (!accepts(container, node)) return null;
    container.list.push(node);
    return node.id;
  }
  const found = find(content, args[0]);
  if (!found) return null;
  const { container, index, node } = found;
  const list = container.list;
  switch (verb) {
    case 'up':
      if (index > 0) [list[index - 1], list[index]] = [list[index], list[index - 1]];
      return node.id;
    case 'down':
      if (index < list.length - 1) [list[index + 1], list[index]] = [list[index], list[index + 1]];
      return node.id;
    case 'delete': {
      list.splice(index, 1);
      const neighbour = list[Math.min(index, list.length - 1)];
      return neighbour?.id ?? container.id;
    }
    case 'indent': {
      // Becomes the last child of the sibling above, when that sibling may hold it.
      const above = list[index - 1];
      if (!above || !('kind' in above) || above.kind === 'paragraph' || above.kind === 'table') return node.id;
      const target: Container = { id: above.id, list: above.children as BodyNode[], kind: above.kind };
      if (!accepts(target, node)) return node.id;
      list.splice(index, 1);
      target.list.push(node);
      return node.id;
    }
    case 'outdent': {
      // Goes right after its parent, one level up (never out of its part).
      const outer = found.outer;
      if (!outer || outer.container.kind === 'root' || !accepts(outer.container, node)) return node.id;
      list.splice(index, 1);
      outer.container.list.splice(outer.index + 1, 0, node);
      return node.id;
    }
    default:
      return null;
  }
}

function move<T extends { id: string }>(list: T[], id: string, verb: string): string | null {
  const index = list.findIndex((row) => row.id === id);
  if (index < 0) return null;
  if (verb === 'up' && index > 0) [list[index - 1], list[index]] = [list[index], list[index - 1]];
  if (verb === 'down' && index < list.length - 1) [list[index + 1], list[index]] = [list[index], list[index + 1]];
  if (verb === 'delete') {
    list.splice(index, 1);
    return list[Math.min(index, list.length - 1)]?.id ?? null;
  }
  return id;
}

/** Where new recipients go: before the archive line, which stays last. */
function insertRecipients(list: Recipient[], rows: Recipient[]): void {
  const archive = list.length && list[list.length - 1].purpose === 'archive' ? list.length - 1 : list.length;
  list.splice(archive, 0, ...rows);
}

function recipientOp(content: PlanContent, verb: string, id: string | undefined, ctx: OpContext): string | null {
  const blank = (over: Partial<Recipient>): Recipient => recipientLine(newId('r'), '', { purpose: 'inform', ...over });
  if (verb === 'add') {
    const row = blank({});
    insertRecipients(content.recipients, [row]);
    return row.id;
  }
  if (verb === 'from-tree') {
    const already = new Set(content.recipients.map((r) => r.organizationId).filter(Boolean));
    const purpose = (ctx.picked.purpose || 'inform') as RecipientPurpose;
    const rows = ctx.picked.organizationIds
      .filter((orgId) => ctx.organizationNames.has(orgId) && !already.has(orgId))
      .map((orgId) =>
        blank({
          name: ctx.organizationNames.get(orgId)!,
          organizationId: orgId,
          purpose: ctx.picked.mustImplement ? 'implement' : purpose,
          mustImplement: ctx.picked.mustImplement,
          note: ctx.picked.note,
        }),
      );
    insertRecipients(content.recipients, rows);
    return rows[0]?.id ?? 'recipients';
  }
  return id ? move(content.recipients, id, verb) : null;
}

function rowOp(content: PlanContent, area: 'duty' | 'ref' | 'fn', verb: string, id: string | undefined): string | null {
  const list: { id: string }[] = area === 'duty' ? content.reportingDuties : area === 'ref' ? content.preamble.references : content.footnotes;
  if (verb === 'add') {
    if (area === 'duty') {
      const row = { id: newId('bc'), what: '', period: null, deadline: '', to: '', toOrganizationId: null, reporterOrganizationIds: [] };
      content.reportingDuties.push(row);
      return row.id;
    }
    if (area === 'ref') {
      const row = { id: newId('vb'), documentType: '', numberSymbol: null, date: null, issuer: null, title: null, planId: null };
      content.preamble.references.push(row);
      return row.id;
    }
    // Footnote ids are what the text cites ([^1], [^2]...): the next free number.
    let n = content.footnotes.length + 1;
    while (content.footnotes.some((f) => f.id === String(n))) n++;
    content.footnotes.push({ id: String(n), text: '' });
    return String(n);
  }
  return id ? move(list, id, verb) : null;
}

/** The bullet kind check the views need: may this node take children of that kind? */
export function childKinds(node: Part | Appendix | BodyNode): ('item' | 'paragraph' | 'bullet' | 'table')[] {
  if (!('kind' in node)) return ['item', 'paragraph', 'bullet', 'table'];
  if (node.kind === 'item') return ['item', 'paragraph', 'bullet', 'table'];
  if (node.kind === 'bullet') return ['bullet'];
  return [];
}
