import { randomUUID } from 'node:crypto';
import type { BodyNode, Bullet, Item, Part, Task } from '@app/plans';
import { dropVisiblePrefix, endsClause, isWhollyBold, readableText, startsLowerCase, tidyMarkup, unwrapEmphasis } from './inline-markup';
import { ReportBuilder } from './import-report';
import { detectLabel, Label, LabelKind } from './labels';
import { Line } from './prepare-lines';
import { parseTimeframe } from './timeframe';

/** A paragraph of the body: one or more lines joined (a page break may cut a sentence). */
export interface Unit {
  line: number;
  text: string;
  label: Label | null;
  style: string | null;
  headingLevel: number | null;
}

/**
 * Lines to paragraphs. A line that does not end its clause, followed by one that starts in
 * lower case and carries no number, is the same sentence cut by a page or line break. In a
 * laid-out text every line is cut at the page width and only an indent opens a paragraph.
 */
export function toUnits(lines: Line[], layout = false): Unit[] {
  const units: Unit[] = [];
  for (const line of lines) {
    if (!line.visible) continue;
    const label = detectLabel(line.visible, line.bold);
    const last = units[units.length - 1];
    // A laid-out text wraps every line at the page width: only a first-line indent opens a paragraph.
    const continues = layout
      ? line.indent < 2
      : !label && startsLowerCase(line.text) && !endsClause(last?.text ?? '.') && last?.label?.kind !== 'part';
    if (last && continues) {
      // A symbol cut after its hyphen ("218-" / "QĐ/TW") is one word again.
      const glued = layout && /[\d\p{Lu}]-$/u.test(last.text) && /^[\d\p{Lu}]/u.test(line.text);
      last.text = tidyMarkup(`${last.text}${glued ? '' : ' '}${line.text}`);
      continue;
    }
    units.push({ line: line.source, text: line.text, label, style: line.style, headingLevel: line.headingLevel });
  }
  return units;
}

const TASK_FIELDS: { field: keyof Pick<Task, 'directedBy' | 'carriedOutBy' | 'timeframe'>; pattern: RegExp }[] = [
  { field: 'directedBy', pattern: /^(?:Chỉ đạo thực hiện|Lãnh đạo,? chỉ đạo|Chỉ đạo|Phụ trách)\s*:\s*/iu },
  {
    field: 'carriedOutBy',
    pattern:
      /^(?:Tham mưu,? (?:và )?thực hiện|Cơ quan tham mưu,? thực hiện|Cơ quan (?:chủ trì|thực hiện|tham mưu)|Đơn vị (?:chủ trì|thực hiện)|Tham mưu)\s*:\s*/iu,
  },
  { field: 'timeframe', pattern: /^(?:Thời gian thực hiện|Thời gian hoàn thành|Thời hạn hoàn thành|Thời gian|Thời hạn)\s*:\s*/iu },
];

/** "- Chỉ đạo thực hiện: ..." and its kin: which task field a line states, and its value. */
export function taskField(text: string): { field: 'directedBy' | 'carriedOutBy' | 'timeframe'; value: string } | null {
  const visible = readableText(text);
  for (const { field, pattern } of TASK_FIELDS) {
    const match = pattern.exec(visible);
    if (match) return { field, value: visible.slice(match[0].length).trim() };
  }
  return null;
}

/** A task's who/when value without the closing period the list puts after it. */
function fieldValue(value: string): string {
  return value.replace(/\s*[.;,]+$/, '').trim();
}

const HEADING_STYLE = /heading|tiêu đề|title/i;

interface Frame {
  kind: LabelKind | 'root';
  node: Part | Item | Bullet;
  path: string;
}

export interface ParsedBody {
  preamble: { text: string; line: number }[];
  parts: Part[];
  closing: string[];
  /** First line of the body proper (for the report). */
  firstPartLine: number | null;
}

const newId = () => randomUUID();

function childrenOf(frame: Frame): BodyNode[] | Bullet[] {
  return frame.node.children as BodyNode[] | Bullet[];
}

/**
 * The body: preamble paragraphs up to the first part, then parts, items, bullets and
 * paragraphs by their numbering (a label of a kind already open closes back to it; a new
 * kind opens a level below), task fields attached to their item, and closing paragraphs.
 */
export function parseBody(units: Unit[], hasEmphasis: boolean, report: ReportBuilder, nodeLines: Map<string, number> = new Map()): ParsedBody {
  let firstPart = units.findIndex((u) => u.label?.kind === 'part');
  let implicitPart = false;
  if (firstPart < 0) {
    firstPart = units.findIndex((u) => u.label && u.label.kind !== 'dash' && u.label.kind !== 'plus');
    implicitPart = true;
    report.warn('Không thấy phần đánh số La Mã (I, II, III...): toàn bộ nội dung được đặt vào một phần không tên.');
    if (firstPart < 0) firstPart = units.length;
  }
  const preamble = units.slice(0, firstPart).map((u) => ({ text: u.text, line: u.line }));
  const bodyUnits = units.slice(firstPart);
  const closingStart = findClosing(bodyUnits);
  const closing = bodyUnits.slice(closingStart).map((u) => u.text);
  bodyUnits.slice(closingStart).forEach((u, i) => report.recognized('closing', `closing[${i}]`, u.line));

  const parts: Part[] = [];
  let stack: Frame[] = [];
  if (implicitPart && bodyUnits.length) {
    parts.push({ id: newId(), title: '', children: [] });
    stack = [{ kind: 'root', node: parts[0], path: 'parts[0]' }];
  }
  const nearestItem = (): Frame | null => [...stack].reverse().find((f) => f.kind !== 'dash' && f.kind !== 'plus' && f.kind !== 'root') ?? null;
  const container = (): Frame => [...stack].reverse().find((f) => f.kind !== 'dash' && f.kind !== 'plus')!;
  const append = (parent: Frame, node: BodyNode | Bullet): string => {
    const list = childrenOf(parent);
    (list as (BodyNode | Bullet)[]).push(node);
    return `${parent.path}.children[${list.length - 1}]`;
  };

  bodyUnits.slice(0, closingStart).forEach((unit, index) => {
    const label = unit.label;
    const next = bodyUnits[index + 1];
    if (label?.kind === 'part') {
      const title = readableText(dropVisiblePrefix(unit.text, label.length)).replace(/\s*[:.]$/, '');
      const part: Part = { id: newId(), title, ...(label.group ? { group: true } : {}), children: [] };
      nodeLines.set(part.id, unit.line);
      parts.push(part);
      stack = [{ kind: 'root', node: part, path: `parts[${parts.length - 1}]` }];
      report.recognized('part', stack[0].path, unit.line);
      return;
    }
    if (!stack.length) return;
    const rest = label ? dropVisiblePrefix(unit.text, label.length) : unit.text;
    const field = label?.kind === 'dash' || label?.kind === 'plus' || !label ? taskField(rest) : null;
    const item = nearestItem();
    if (field && item) {
      const node = item.node as Item;
      node.task ??= { directedBy: null, carriedOutBy: '', assigneeOrganizationIds: [], timeframe: { kind: 'text', text: '' } };
      if (field.field === 'timeframe') node.task.timeframe = parseTimeframe(field.value);
      else node.task[field.field] = fieldValue(field.value);
      report.recognized(`task.${field.field}`, `${item.path}.task.${field.field}`, unit.line);
      return;
    }
    if (label && (label.kind === 'item1' || label.kind === 'item2' || label.kind === 'item3' || label.kind === 'letter')) {
      const open = stack.findIndex((f) => f.kind === label.kind);
      if (open > 0) stack = stack.slice(0, open);
      else stack = stack.filter((f) => f.kind !== 'dash' && f.kind !== 'plus');
      const parent = stack[stack.length - 1];
      const { heading, text } = headingAndText(rest, unit, next, hasEmphasis);
      const node: Item = { kind: 'item', id: newId(), heading, text, task: null, children: [] };
      nodeLines.set(node.id, unit.line);
      const path = append(parent, node);
      stack.push({ kind: label.kind, node, path });
      report.recognized('item', path, unit.line);
      return;
    }
    if (label && (label.kind === 'dash' || label.kind === 'plus')) {
      const top = stack[stack.length - 1];
      let parent: Frame;
      if (label.kind === 'plus' && (top.kind === 'dash' || top.kind === 'plus')) {
        if (top.kind === 'plus') stack.pop();
        parent = stack[stack.length - 1];
      } else {
        stack = stack.filter((f) => f.kind !== 'dash' && f.kind !== 'plus');
        parent = stack[stack.length - 1];
      }
      const node: Bullet = { kind: 'bullet', id: newId(), text: rest, children: [] };
      nodeLines.set(node.id, unit.line);
      const path = append(parent, node);
      stack.push({ kind: label.kind, node, path });
      report.recognized('bullet', path, unit.line);
      return;
    }
    const parent = container();
    const paragraph = { kind: 'paragraph' as const, id: newId(), text: unit.text };
    nodeLines.set(paragraph.id, unit.line);
    const path = append(parent, paragraph);
    report.recognized('paragraph', path, unit.line);
  });
  completeTasks(parts, report);
  return { preamble, parts, closing, firstPartLine: bodyUnits[0]?.line ?? null };
}

/** Heading (bold, or a heading style, or a short unpunctuated line that opens a sub-list) and text. */
function headingAndText(rest: string, unit: Unit, next: Unit | undefined, hasEmphasis: boolean): { heading: string | null; text: string | null } {
  const trimmed = rest.trim();
  if (!trimmed) return { heading: null, text: null };
  if (isWhollyBold(trimmed)) return { heading: unwrapEmphasis(trimmed), text: null };
  const boldPrefix = /^\*\*(?!\*)([^*]+?)\*\*(?!\*)\s+(\S[\s\S]*)$/.exec(trimmed);
  if (boldPrefix) return { heading: boldPrefix[1].trim(), text: boldPrefix[2].trim() };
  if ((unit.style && HEADING_STYLE.test(unit.style)) || unit.headingLevel) return { heading: unwrapEmphasis(trimmed), text: null };
  if (
    !hasEmphasis &&
    !endsClause(trimmed) &&
    readableText(trimmed).length <= 160 &&
    next &&
    next.label?.kind !== 'part' &&
    next.label?.kind !== unit.label?.kind
  ) {
    return { heading: trimmed, text: null };
  }
  return { heading: null, text: trimmed };
}

/** Closing paragraphs: the unnumbered tail of the body that opens with "Trên đây" or ends with "./.". */
function findClosing(units: Unit[]): number {
  let start = units.length;
  for (let i = units.length - 1; i > 0; i--) {
    if (units[i].label) break;
    const visible = readableText(units[i].text);
    if (/^Trên đây\b/u.test(visible) || /\.\/\.$/.test(visible)) start = i;
  }
  return start;
}

function completeTasks(parts: Part[], report: ReportBuilder): void {
  const visit = (nodes: BodyNode[]) => {
    for (const node of nodes) {
      if (node.kind !== 'item') continue;
      if (node.task && (!node.task.carriedOutBy || (node.task.timeframe.kind === 'text' && !node.task.timeframe.text))) {
        const what = node.heading ?? node.text ?? '';
        report.warn(`Nhiệm vụ "${readableText(what).slice(0, 60)}" thiếu "Tham mưu, thực hiện" hoặc "Thời gian thực hiện".`);
      }
      visit(node.children);
    }
  };
  for (const part of parts) visit(part.children);
}
