import type {
  Appendix,
  BodyNode,
  Bullet,
  DocumentReference,
  Footnote,
  Item,
  Part,
  PlanContent,
  Recipient,
  RecipientPurpose,
  ReportingDuty,
  Task,
  Timeframe,
} from '@app/plans';
import { FormBody, integer, lines, list, optional, text } from '../forms';
import { appendixFromForm, appendixToForm, tableFromForm, tableToForm } from './table-form';

/**
 * The plan editor's form, both ways. Field names are flat (urlencoded, no nesting):
 * - the body tree is the repeated field `node` = "kind|id|parentId" in printed order
 *   (ids never contain "|"), and each node's fields are `b.<id>.<field>`;
 * - lists of rows are a repeated id field (`ref`, `duty`, `rcp`, `fn`) and `<list>.<id>.<field>`;
 * - paragraphs of the preamble and the closing are one per line.
 * Nothing is validated here: the plans service validates what the form gives.
 */

export const NODE_KINDS = ['part', 'appendix', 'item', 'paragraph', 'bullet', 'table'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const TIMEFRAME_KINDS = ['ongoing', 'date', 'quarter', 'year', 'text'] as const;

/** One line per paragraph; blank lines are dropped. */
function paragraphs(body: FormBody, name: string): string[] {
  return lines(body, name)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function nullable(value: string): string | null {
  return value === '' ? null : value;
}

export function timeframeFromForm(body: FormBody, prefix: string): Timeframe {
  const kind = text(body, `${prefix}.timeKind`);
  const note = optional(body, `${prefix}.timeText`);
  switch (kind) {
    case 'date':
      return { kind, date: text(body, `${prefix}.timeDate`), text: note };
    case 'quarter':
      return { kind, quarters: list(body, `${prefix}.timeQuarters`).map(Number), year: integer(body, `${prefix}.timeYear`) as number, text: note };
    case 'year':
      return { kind, year: integer(body, `${prefix}.timeYear`) as number, text: note };
    case 'text':
      return { kind, text: note ?? '' };
    default:
      return { kind: 'ongoing', text: note };
  }
}

function taskFromForm(body: FormBody, prefix: string): Task {
  return {
    directedBy: optional(body, `${prefix}.directedBy`),
    carriedOutBy: text(body, `${prefix}.carriedOutBy`),
    assigneeOrganizationIds: list(body, `${prefix}.assignees`),
    timeframe: timeframeFromForm(body, prefix),
  };
}

/** The whole content as the form holds it. */
export function contentFromForm(body: FormBody): PlanContent {
  const parts: Part[] = [];
  const appendices: Appendix[] = [];
  const containers = new Map<string, BodyNode[] | Bullet[]>();
  for (const entry of list(body, 'node')) {
    const [kind, id, parentId = ''] = entry.split('|');
    const prefix = `b.${id}`;
    if (kind === 'part') {
      const group = text(body, `${prefix}.group`) === '1';
      const part: Part = { id, title: text(body, `${prefix}.title`), ...(group ? { group: true } : {}), children: [] };
      parts.push(part);
      containers.set(id, part.children);
      continue;
    }
    if (kind === 'appendix') {
      const appendix = appendixFromForm(body, id);
      appendices.push(appendix);
      containers.set(id, appendix.children);
      continue;
    }
    const parent = containers.get(parentId);
    if (!parent) continue; // a node whose parent is gone (deleted in the same post) goes with it
    let node: BodyNode;
    if (kind === 'item') {
      const item: Item = {
        kind: 'item',
        id,
        heading: nullable(text(body, `${prefix}.heading`)),
        text: nullable(lines(body, `${prefix}.text`)),
        task: text(body, `${prefix}.isTask`) === '1' ? taskFromForm(body, prefix) : null,
        children: [],
      };
      containers.set(id, item.children);
      node = item;
    } else if (kind === 'bullet') {
      const bullet: Bullet = { kind: 'bullet', id, text: lines(body, `${prefix}.text`), children: [] };
      containers.set(id, bullet.children);
      node = bullet;
    } else if (kind === 'table') {
      node = tableFromForm(body, id);
    } else {
      node = { kind: 'paragraph', id, text: lines(body, `${prefix}.text`) };
    }
    (parent as BodyNode[]).push(node);
  }

  const references: DocumentReference[] = list(body, 'ref').map((id) => ({
    id,
    documentType: text(body, `ref.${id}.documentType`),
    numberSymbol: optional(body, `ref.${id}.numberSymbol`),
    date: optional(body, `ref.${id}.date`),
    issuer: optional(body, `ref.${id}.issuer`),
    title: optional(body, `ref.${id}.title`),
    planId: optional(body, `ref.${id}.planId`),
  }));
  const reportingDuties: ReportingDuty[] = list(body, 'duty').map((id) => ({
    id,
    what: text(body, `duty.${id}.what`),
    period: optional(body, `duty.${id}.period`),
    deadline: text(body, `duty.${id}.deadline`),
    to: text(body, `duty.${id}.to`),
    toOrganizationId: optional(body, `duty.${id}.toOrganizationId`),
    reporterOrganizationIds: list(body, `duty.${id}.reporters`),
  }));
  const recipients: Recipient[] = list(body, 'rcp').map((id) => ({
    id,
    name: text(body, `rcp.${id}.name`),
    organizationId: optional(body, `rcp.${id}.organizationId`),
    purpose: text(body, `rcp.${id}.purpose`) as RecipientPurpose,
    note: optional(body, `rcp.${id}.note`),
    email: optional(body, `rcp.${id}.email`),
    mustImplement: text(body, `rcp.${id}.mustImplement`) === 'on',
    implementationDueDate: optional(body, `rcp.${id}.implementationDueDate`),
  }));
  const footnotes: Footnote[] = list(body, 'fn').map((id) => ({ id, text: lines(body, `fn.${id}.text`) }));

  return {
    schemaVersion: 1,
    documentType: (text(body, 'documentType') || 'KH') as PlanContent['documentType'],
    summary: lines(body, 'summary'),
    place: optional(body, 'place'),
    preamble: { paragraphs: paragraphs(body, 'preamble'), references },
    parts,
    closing: paragraphs(body, 'closing'),
    appendices,
    reportingDuties,
    recipients,
    signature: {
      capacityLines: paragraphs(body, 'sig.capacityLines'),
      signerName: text(body, 'sig.signerName'),
      signerUserId: optional(body, 'sig.signerUserId'),
      authorityId: optional(body, 'sig.authorityId'),
    },
    footnotes,
  };
}

/**
 * The form fields a browser would post for this content (the mirror of the editor's
 * template): used to check that the codec loses nothing, and by scripts that post forms.
 */
export function formFromContent(content: PlanContent): FormBody {
  const body: Record<string, string | string[]> = {};
  const push = (name: string, value: string) => {
    const current = body[name];
    body[name] = current === undefined ? value : Array.isArray(current) ? [...current, value] : [current, value];
  };
  body.documentType = content.documentType;
  body.summary = content.summary;
  body.place = content.place ?? '';
  body.preamble = content.preamble.paragraphs.join('\n');
  for (const r of content.preamble.references) {
    push('ref', r.id);
    body[`ref.${r.id}.documentType`] = r.documentType;
    body[`ref.${r.id}.numberSymbol`] = r.numberSymbol ?? '';
    body[`ref.${r.id}.date`] = r.date ?? '';
    body[`ref.${r.id}.issuer`] = r.issuer ?? '';
    body[`ref.${r.id}.title`] = r.title ?? '';
    body[`ref.${r.id}.planId`] = r.planId ?? '';
  }
  const walk = (nodes: BodyNode[], parentId: string) => {
    for (const node of nodes) {
      push('node', `${node.kind}|${node.id}|${parentId}`);
      const prefix = `b.${node.id}`;
      if (node.kind === 'item') {
        body[`${prefix}.heading`] = node.heading ?? '';
        body[`${prefix}.text`] = node.text ?? '';
        if (node.task) {
          body[`${prefix}.isTask`] = '1';
          body[`${prefix}.directedBy`] = node.task.directedBy ?? '';
          body[`${prefix}.carriedOutBy`] = node.task.carriedOutBy;
          for (const org of node.task.assigneeOrganizationIds) push(`${prefix}.assignees`, org);
          const tf = node.task.timeframe;
          body[`${prefix}.timeKind`] = tf.kind;
          body[`${prefix}.timeText`] = tf.text ?? '';
          if (tf.kind === 'date') body[`${prefix}.timeDate`] = tf.date;
          if (tf.kind === 'quarter') for (const q of tf.quarters) push(`${prefix}.timeQuarters`, String(q));
          if (tf.kind === 'quarter' || tf.kind === 'year') body[`${prefix}.timeYear`] = String(tf.year);
        }
        walk(node.children, node.id);
      } else if (node.kind === 'bullet') {
        body[`${prefix}.text`] = node.text;
        walk(node.children, node.id);
      } else if (node.kind === 'table') {
        tableToForm(node, body, push);
      } else {
        body[`${prefix}.text`] = node.text;
      }
    }
  };
  for (const part of content.parts) {
    push('node', `part|${part.id}|`);
    body[`b.${part.id}.title`] = part.title;
    if (part.group) body[`b.${part.id}.group`] = '1';
    walk(part.children, part.id);
  }
  for (const appendix of content.appendices) {
    push('node', `appendix|${appendix.id}|`);
    appendixToForm(appendix, body);
    walk(appendix.children, appendix.id);
  }
  body.closing = content.closing.join('\n');
  for (const d of content.reportingDuties) {
    push('duty', d.id);
    body[`duty.${d.id}.what`] = d.what;
    body[`duty.${d.id}.period`] = d.period ?? '';
    body[`duty.${d.id}.deadline`] = d.deadline;
    body[`duty.${d.id}.to`] = d.to;
    body[`duty.${d.id}.toOrganizationId`] = d.toOrganizationId ?? '';
    for (const org of d.reporterOrganizationIds) push(`duty.${d.id}.reporters`, org);
  }
  for (const r of content.recipients) {
    push('rcp', r.id);
    body[`rcp.${r.id}.name`] = r.name;
    body[`rcp.${r.id}.organizationId`] = r.organizationId ?? '';
    body[`rcp.${r.id}.purpose`] = r.purpose;
    body[`rcp.${r.id}.note`] = r.note ?? '';
    body[`rcp.${r.id}.email`] = r.email ?? '';
    if (r.mustImplement) body[`rcp.${r.id}.mustImplement`] = 'on';
    body[`rcp.${r.id}.implementationDueDate`] = r.implementationDueDate ?? '';
  }
  body['sig.capacityLines'] = content.signature.capacityLines.join('\n');
  body['sig.signerName'] = content.signature.signerName;
  body['sig.signerUserId'] = content.signature.signerUserId ?? '';
  body['sig.authorityId'] = content.signature.authorityId ?? '';
  for (const f of content.footnotes) {
    push('fn', f.id);
    body[`fn.${f.id}.text`] = f.text;
  }
  return body;
}
