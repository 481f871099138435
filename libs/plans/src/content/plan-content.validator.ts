import { randomUUID } from 'node:crypto';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { cleanJson, cleanText, FieldProblem, isValidIsoDate } from '@app/common';
import type { BodyNode, PlanContent, Table } from './plan-content';
import { PLAN_CONTENT_SCHEMA, PLAN_LIMITS } from './plan-content.schema';
import { footnoteMarks, walkBody } from './plan-tree';
import { syncRowTasks } from './table-rows';

export type ContentValidation = { ok: true; content: PlanContent } | { ok: false; errors: FieldProblem[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // inlineRefs off: defaults inside referenced schemas (Task under anyOf) are then applied.
    const ajv = new Ajv2020({ allErrors: true, useDefaults: true, discriminator: true, allowUnionTypes: true, inlineRefs: false, strict: true });
    addFormats(ajv, ['uuid', 'email']);
    compiled = ajv.compile(PLAN_CONTENT_SCHEMA as object);
  }
  return compiled;
}

/**
 * The content as the API accepts it: ids filled in where a client left them out, every string
 * NFC and trimmed, defaults filled in, then checked against docs/plan.schema.json and the rules
 * a schema cannot say (unique ids, footnote marks, real dates, depth). `base` prefixes paths.
 */
export function validatePlanContent(input: unknown, base = 'content'): ContentValidation {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: base, code: 'wrong_type', message: `${base}: phải là một đối tượng JSON (nội dung kế hoạch)` }] };
  }
  // cleanJson builds a new value: the caller's object is never changed.
  const candidate = cleanJson(input) as Record<string, unknown>;
  assignMissingIds(candidate);
  if (typeof candidate.summary === 'string') candidate.summary = candidate.summary.split('\n').map(cleanText).filter(Boolean).join('\n');
  const validate = validator();
  if (!validate(candidate)) {
    return { ok: false, errors: dedupe((validate.errors ?? []).map((e) => ajvProblem(e, base))) };
  }
  const content = candidate as unknown as PlanContent;
  const errors = semanticProblems(content, base);
  if (errors.length) return { ok: false, errors };
  syncRowTasks(content);
  return { ok: true, content };
}

/** Ids are the anchors of numbering, diffs and cascade marks: a client may leave them to the server. */
function assignMissingIds(content: Record<string, unknown>): void {
  const fill = (value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && (value as { id?: unknown }).id === undefined)
      (value as { id: string }).id = randomUUID();
  };
  const each = (list: unknown, fn: (value: unknown) => void) => Array.isArray(list) && list.forEach(fn);
  const body = (node: unknown) => {
    fill(node);
    if (!node || typeof node !== 'object') return;
    each((node as { children?: unknown }).children, body);
    // Tables: columns and rows are anchors too; each line of a cell is cleaned like the summary.
    each((node as { columns?: unknown }).columns, fill);
    each((node as { rows?: unknown }).rows, (row) => {
      fill(row);
      each((row as { cells?: unknown } | null)?.cells, (cell) => {
        const c = cell as { text?: unknown } | null;
        if (c && typeof c.text === 'string') c.text = c.text.split('\n').map(cleanText).filter(Boolean).join('\n');
      });
    });
  };
  const preamble = content.preamble as { references?: unknown } | undefined;
  if (preamble && typeof preamble === 'object') each(preamble.references, fill);
  each(content.parts, body);
  each(content.appendices, body);
  each(content.recipients, fill);
  each(content.reportingDuties, fill);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  object: 'đối tượng',
  array: 'danh sách',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'đúng/sai',
  null: 'null',
};

function ajvProblem(error: ErrorObject, base: string): FieldProblem {
  const at = (suffix?: string) => [base, ...error.instancePath.split('/').filter(Boolean), ...(suffix ? [suffix] : [])].join('.');
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const path = at(String(p.missingProperty));
      return { path, code: 'required', message: `${path}: bắt buộc phải có` };
    }
    case 'additionalProperties': {
      const path = at(String(p.additionalProperty));
      return { path, code: 'unknown_field', message: `${path}: trường này không được phép` };
    }
    case 'type': {
      const wanted = String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' hoặc ');
      return { path: at(), code: 'wrong_type', message: `${at()}: phải là ${wanted}` };
    }
    case 'minLength':
      return p.limit === 1
        ? { path: at(), code: 'empty', message: `${at()}: không được để trống` }
        : { path: at(), code: 'too_short', message: `${at()}: quá ngắn (tối thiểu ${p.limit} ký tự)` };
    case 'maxLength':
      return { path: at(), code: 'too_long', message: `${at()}: quá dài (tối đa ${p.limit} ký tự)` };
    case 'minItems':
      return { path: at(), code: 'too_few', message: `${at()}: cần ít nhất ${p.limit} phần tử` };
    case 'maxItems':
      return { path: at(), code: 'too_many', message: `${at()}: tối đa ${p.limit} phần tử` };
    case 'uniqueItems':
      return { path: at(), code: 'duplicate', message: `${at()}: có phần tử bị lặp` };
    case 'enum':
      return {
        path: at(),
        code: 'not_allowed',
        message: `${at()}: giá trị không nằm trong danh sách cho phép (${(p.allowedValues as unknown[]).join(', ')})`,
      };
    case 'const':
      return { path: at(), code: 'not_allowed', message: `${at()}: phải là ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return error.schemaPath.includes('IsoDate') || String(p.pattern).startsWith('^[0-9]{4}')
        ? { path: at(), code: 'invalid_date', message: `${at()}: ngày không hợp lệ (YYYY-MM-DD)` }
        : { path: at(), code: 'bad_format', message: `${at()}: sai định dạng (chữ, số, "_", ".", ":", "-")` };
    case 'format':
      return {
        path: at(),
        code: 'bad_format',
        message: `${at()}: sai định dạng (${p.format === 'uuid' ? 'mã định danh UUID' : p.format === 'email' ? 'địa chỉ thư điện tử' : p.format})`,
      };
    case 'minimum':
    case 'maximum':
      return { path: at(), code: 'out_of_range', message: `${at()}: ngoài khoảng cho phép` };
    case 'discriminator': {
      const path = at(String(p.tag));
      return { path, code: 'unknown_kind', message: `${path}: loại không hợp lệ` };
    }
    default:
      return { path: at(), code: 'invalid', message: `${at()}: không hợp lệ` };
  }
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What JSON Schema cannot say: unique ids, marks that point to footnotes, real calendar dates, depth. */
function semanticProblems(content: PlanContent, base: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (path: string, code: string, message: string) =>
    problems.push({ path: `${base}.${path}`, code, message: `${base}.${path}: ${message}` });

  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = ids.get(id);
    if (first) problem(`${path}.id`, 'duplicate_id', `mã "${id}" đã dùng ở ${base}.${first}`);
    else ids.set(id, path);
  };
  content.preamble.references.forEach((r, i) => claim(r.id, `preamble.references.${i}`));
  content.parts.forEach((p, i) => claim(p.id, `parts.${i}`));
  content.appendices.forEach((a, i) => claim(a.id, `appendices.${i}`));
  let nodes = 0;
  for (const visit of walkBody(content)) {
    nodes++;
    claim(visit.node.id, visit.path);
    if (visit.node.kind === 'item' && visit.itemAncestors.length + 1 > PLAN_LIMITS.itemDepth) {
      problem(visit.path, 'too_deep', `mục lồng quá ${PLAN_LIMITS.itemDepth} cấp`);
    }
    if (visit.node.kind === 'bullet' && visit.bulletDepth + 1 > PLAN_LIMITS.bulletDepth) {
      problem(visit.path, 'too_deep', `gạch đầu dòng lồng quá ${PLAN_LIMITS.bulletDepth} cấp`);
    }
    if (visit.node.kind === 'item') checkItem(visit.node, visit.path, problem);
    if (visit.node.kind === 'table') {
      nodes += visit.node.rows.length;
      checkTable(visit.node, visit.path, problem, claim);
    }
  }
  if (nodes > PLAN_LIMITS.nodes) problem('parts', 'too_many', `tối đa ${PLAN_LIMITS.nodes} mục, đoạn và gạch đầu dòng (có ${nodes})`);
  content.reportingDuties.forEach((d, i) => claim(d.id, `reportingDuties.${i}`));
  content.recipients.forEach((r, i) => claim(r.id, `recipients.${i}`));
  content.footnotes.forEach((f, i) => claim(f.id, `footnotes.${i}`));

  const footnotes = new Set(content.footnotes.map((f) => f.id));
  for (const [path, value] of textFields(content)) {
    for (const mark of footnoteMarks(value)) {
      if (!footnotes.has(mark)) problem(path, 'unknown_footnote', `dấu chú thích [^${mark}] không trỏ tới chú thích nào`);
    }
  }

  const date = (path: string, value: string | null) => {
    if (value !== null && !isValidIsoDate(value)) problem(path, 'invalid_date', `ngày ${value} không có trên lịch`);
  };
  content.preamble.references.forEach((r, i) => date(`preamble.references.${i}.date`, r.date));
  content.reportingDuties.forEach((d, i) => date(`reportingDuties.${i}.deadline`, d.deadline));
  content.recipients.forEach((r, i) => date(`recipients.${i}.implementationDueDate`, r.implementationDueDate));
  return problems;
}

function checkItem(item: Extract<BodyNode, { kind: 'item' }>, path: string, problem: (path: string, code: string, message: string) => void): void {
  if (item.heading === null && item.text === null && item.children.length === 0) {
    problem(path, 'empty_item', 'mục không có tiêu đề, lời văn hay nội dung con');
  }
  const tf = item.task?.timeframe;
  if (tf?.kind === 'date' && !isValidIsoDate(tf.date)) problem(`${path}.task.timeframe.date`, 'invalid_date', `ngày ${tf.date} không có trên lịch`);
}

/** Cells that cover exactly the table's columns; real dates in task rows. */
function checkTable(
  table: Table,
  path: string,
  problem: (path: string, code: string, message: string) => void,
  claim: (id: string, path: string) => void,
): void {
  table.columns.forEach((c, i) => claim(c.id, `${path}.columns.${i}`));
  table.rows.forEach((row, r) => {
    claim(row.id, `${path}.rows.${r}`);
    const width = row.cells.reduce((sum, cell) => sum + cell.colSpan, 0);
    if (width !== table.columns.length) {
      problem(`${path}.rows.${r}.cells`, 'wrong_width', `hàng ${r + 1} có ${width} cột (tính cả ô gộp), bảng có ${table.columns.length} cột`);
    }
    const tf = row.task?.timeframe;
    if (tf?.kind === 'date' && !isValidIsoDate(tf.date))
      problem(`${path}.rows.${r}.task.timeframe.date`, 'invalid_date', `ngày ${tf.date} không có trên lịch`);
  });
}

/** Every free-text field with its path, where footnote marks may appear. */
function textFields(content: PlanContent): [string, string][] {
  const out: [string, string][] = [['summary', content.summary]];
  content.preamble.paragraphs.forEach((t, i) => out.push([`preamble.paragraphs.${i}`, t]));
  content.parts.forEach((p, i) => out.push([`parts.${i}.title`, p.title]));
  content.appendices.forEach((a, i) => out.push([`appendices.${i}.title`, a.title]));
  for (const visit of walkBody(content)) {
    const node = visit.node;
    if (node.kind === 'item') {
      if (node.heading) out.push([`${visit.path}.heading`, node.heading]);
      if (node.text) out.push([`${visit.path}.text`, node.text]);
    } else if (node.kind === 'table') {
      if (node.caption) out.push([`${visit.path}.caption`, node.caption]);
      node.columns.forEach((c, i) => out.push([`${visit.path}.columns.${i}.title`, c.title]));
      node.rows.forEach((row, r) => row.cells.forEach((cell, c) => out.push([`${visit.path}.rows.${r}.cells.${c}.text`, cell.text])));
    } else {
      out.push([`${visit.path}.text`, node.text]);
    }
  }
  content.closing.forEach((t, i) => out.push([`closing.${i}`, t]));
  return out;
}
