import type { FieldProblem } from '@app/common';
import type { BodyNode, PlanContent, Table } from '@app/plans';

/** A table's field from the rest of a path: "rows.3.cells.1.text", "columns.0.title", "rows.2.cells". */
function tableField(table: Table, rest: string[]): string {
  const p = `b.${table.id}`;
  if (rest[0] === 'columns') {
    const column = table.columns[Number(rest[1])];
    return column ? `${p}.col.${column.id}.title` : p;
  }
  if (rest[0] === 'rows') {
    const row = table.rows[Number(rest[1])];
    if (!row) return p;
    return rest[2] === 'cells' && rest[3] !== undefined ? `${p}.r.${row.id}.c${rest[3]}` : `${p}.r.${row.id}`;
  }
  return rest[0] === 'caption' ? `${p}.caption` : p;
}

/** A problem placed on the editor: the form field it belongs to ('' = the whole form) and its message. */
export interface PlacedProblem {
  field: string;
  /** The node or row the field belongs to, for the summary's link. */
  anchor: string;
  message: string;
  code: string;
}

const TASK_FIELDS: Record<string, string> = {
  'task.directedBy': 'directedBy',
  'task.carriedOutBy': 'carriedOutBy',
  'task.assigneeOrganizationIds': 'assignees',
  'task.timeframe': 'timeKind',
  'task.timeframe.kind': 'timeKind',
  'task.timeframe.date': 'timeDate',
  'task.timeframe.quarters': 'timeQuarters',
  'task.timeframe.year': 'timeYear',
  'task.timeframe.text': 'timeText',
};

const DUTY_FIELDS: Record<string, string> = { reporterOrganizationIds: 'reporters' };

/** "content.parts.1.title: không được để trống" -> "không được để trống", first letter upper case. */
function bareMessage(problem: FieldProblem): string {
  const message = problem.message.startsWith(`${problem.path}: `) ? problem.message.slice(problem.path.length + 2) : problem.message;
  return message.charAt(0).toLocaleUpperCase('vi') + message.slice(1);
}

/**
 * Where a problem of the plans service (validation or format check, paths like
 * "content.parts.1.children.0.task.carriedOutBy", "recipients.2.purpose") shows in the editor:
 * the index path is followed through the content the form held, to the node's or row's id.
 */
export function placeProblem(content: PlanContent, problem: FieldProblem): PlacedProblem {
  const segments = problem.path
    .replace(/^content\.?/, '')
    .split('.')
    .filter(Boolean);
  const message = bareMessage(problem);
  const place = (field: string, anchor: string): PlacedProblem => ({ field, anchor, message, code: problem.code });
  const [head, ...rest] = segments;
  switch (head) {
    case 'summary':
    case 'place':
    case 'documentType':
      return place(head, head);
    case 'preamble': {
      if (rest[0] === 'references' && rest[1] !== undefined) {
        const row = content.preamble.references[Number(rest[1])];
        return row ? place(rest[2] ? `ref.${row.id}.${rest[2]}` : `ref.${row.id}`, `el-${row.id}`) : place('preamble', 'preamble');
      }
      return place('preamble', 'preamble');
    }
    case 'closing':
      return place('closing', 'closing');
    case 'parts':
    case 'appendices': {
      if (rest[0] === undefined) return place(head, head);
      const part = (head === 'parts' ? content.parts : content.appendices)[Number(rest[0])];
      if (!part) return place(head, head);
      let node: { id: string; children?: BodyNode[] } = part;
      let i = 1;
      while (rest[i] === 'children' && rest[i + 1] !== undefined) {
        const next: BodyNode | undefined = node.children?.[Number(rest[i + 1])];
        if (!next) break;
        node = next as { id: string; children?: BodyNode[] };
        i += 2;
      }
      const tail = rest.slice(i).join('.');
      if ('kind' in node && node.kind === 'table') return place(tableField(node as unknown as Table, rest.slice(i)), `el-${node.id}`);
      const field = !tail ? `b.${node.id}` : TASK_FIELDS[tail] ? `b.${node.id}.${TASK_FIELDS[tail]}` : `b.${node.id}.${tail.split('.')[0]}`;
      return place(field, `el-${node.id}`);
    }
    case 'recipients': {
      const row = rest[0] !== undefined ? content.recipients[Number(rest[0])] : undefined;
      return row ? place(rest[1] ? `rcp.${row.id}.${rest[1]}` : `rcp.${row.id}`, `el-${row.id}`) : place('recipients', 'recipients');
    }
    case 'reportingDuties': {
      const row = rest[0] !== undefined ? content.reportingDuties[Number(rest[0])] : undefined;
      return row
        ? place(rest[1] ? `duty.${row.id}.${DUTY_FIELDS[rest[1]] ?? rest[1]}` : `duty.${row.id}`, `el-${row.id}`)
        : place('duties', 'duties');
    }
    case 'footnotes': {
      const row = rest[0] !== undefined ? content.footnotes[Number(rest[0])] : undefined;
      return row ? place(`fn.${row.id}.text`, `el-${row.id}`) : place('footnotes', 'footnotes');
    }
    case 'signature': {
      const field = rest[0] === 'signerName' ? 'sig.signerName' : rest[0] === 'capacityLines' ? 'sig.capacityLines' : 'sig';
      return place(field, 'signature');
    }
    default:
      return place('', 'top');
  }
}

/** First message per field, for the error beside each field. */
export function byField(problems: PlacedProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}
