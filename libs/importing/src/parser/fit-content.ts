import { FieldProblem } from '@app/common';
import { PlanContent, validatePlanContent } from '@app/plans';
import { ReportBuilder } from './import-report';

type Container = Record<string, unknown> | unknown[];

/** The value a problem's path ("content.recipients.3.name") points to, with its holder. */
function locate(content: PlanContent, path: string): { holder: Container; key: string | number } | null {
  const segments = path.split('.').slice(1);
  let holder: unknown = content;
  for (const segment of segments.slice(0, -1)) {
    if (!holder || typeof holder !== 'object') return null;
    holder = (holder as Record<string, unknown>)[segment];
  }
  if (!holder || typeof holder !== 'object') return null;
  const last = segments[segments.length - 1];
  return { holder: holder as Container, key: Array.isArray(holder) ? Number(last) : last };
}

const limitOf = (problem: FieldProblem) => Number(/tối đa (\d+)/.exec(problem.message)?.[1] ?? NaN);
const excerpt = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 80);

/** Takes the list element that holds the problem out of its list; false when there is none. */
function dropElement(content: PlanContent, problem: FieldProblem, report: ReportBuilder): boolean {
  const segments = problem.path.split('.');
  for (let end = segments.length; end > 1; end--) {
    if (!/^\d+$/.test(segments[end - 1])) continue;
    const found = locate(content, segments.slice(0, end).join('.'));
    if (!found || !Array.isArray(found.holder)) continue;
    const [removed] = found.holder.splice(found.key as number, 1);
    report.warn(`Không đặt được "${excerpt(removed)}" (${problem.message}): đã bỏ ra, hãy nhập lại nếu cần.`);
    return true;
  }
  return false;
}

/** Repairs one problem; false when it cannot be repaired here. */
function repair(content: PlanContent, problem: FieldProblem, report: ReportBuilder): boolean {
  const found = locate(content, problem.path);
  const value = found ? (found.holder as Record<string | number, unknown>)[found.key] : undefined;
  const limit = limitOf(problem);
  if (problem.code === 'too_many' && Array.isArray(value) && limit >= 0) {
    const removed = value.splice(limit);
    report.warn(`${problem.path}: chỉ giữ ${limit} phần tử đầu; ${removed.length} phần tử sau không đặt được: "${excerpt(removed[0])}"...`);
    return removed.length > 0;
  }
  if (problem.code === 'too_long' && typeof value === 'string' && limit > 1 && found) {
    (found.holder as Record<string | number, unknown>)[found.key] = `${value.slice(0, limit - 1).trimEnd()}…`;
    report.warn(`${problem.path}: quá dài, đã cắt còn ${limit} ký tự; phần sau không đặt được: "${excerpt(value.slice(limit - 1))}".`);
    return true;
  }
  if (problem.code === 'unknown_footnote' && typeof value === 'string' && found) {
    (found.holder as Record<string | number, unknown>)[found.key] = value.replace(/\[\^([^\]\s]+)\]/g, '');
    report.warn(`${problem.path}: dấu chú thích không có nội dung, đã bỏ.`);
    return true;
  }
  return dropElement(content, problem, report);
}

/**
 * An import never refuses a real plan for what the content model cannot hold: what does not fit
 * (a list longer than the model allows, an over-long text, an empty line where a name must be) is
 * cut or taken out and reported, so that the draft is saved and the format check shows what is
 * left to fix. The content is changed in place and returned.
 */
export function fitContent(content: PlanContent, report: ReportBuilder): PlanContent {
  for (let round = 0; round < 20; round++) {
    const validated = validatePlanContent(content);
    if (validated.ok) return content;
    // From the last path backwards, so that taking an element out keeps the other paths right.
    const problems = [...validated.errors].sort((a, b) => b.path.localeCompare(a.path, 'en', { numeric: true }));
    let repaired = false;
    for (const problem of problems) repaired = repair(content, problem, report) || repaired;
    if (!repaired) return content;
  }
  return content;
}
