import { FieldProblem, isValidIsoDate } from '@app/common';
import { appendixLabel, type NumberingFamily } from '../content/numbering';
import type { PlanContent, Signature, Table, TableColumnRole } from '../content/plan-content';
import { RECIPIENT_PURPOSES } from '../content/plan-content';
import { footnoteMarks, taskEntries, walkBody } from '../content/plan-tree';

/** What the format check (kiểm tra thể thức) says: errors block submission, warnings do not. */
export interface FormatCheckResult {
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

/** Facts from outside the content that some rules need. */
export interface FormatFacts {
  family: NumberingFamily;
  /** The plan's expected date (YYYY-MM-DD): the date line, or the day of the check. */
  planDate: string;
  /**
   * The signer's signing authorities for the plan's organization valid on planDate, when a
   * signer is chosen (signature.signerUserId); undefined when no signer is chosen.
   */
  signerAuthorities?: { id: string; capacityLines: string[] }[];
  /** The issuing body decides as a collective (Ủy ban nhân dân): its plans are signed "TM.". */
  collectiveBody?: boolean;
}

/** Capacity prefixes of the signature block (domain.md, "Signature block"). */
export const CAPACITY_PREFIXES: Record<NumberingFamily, string[]> = {
  party: ['T/M', 'K/T', 'T/L', 'Q.'],
  state: ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'],
};

/** The capacity prefix a line starts with, in either family's spelling, or null for a title line. */
export function capacityPrefix(line: string): string | null {
  const match = /^(T\/M|K\/T|T\/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)(\s|$)/.exec(line.trim());
  return match ? match[1] : null;
}

const upper = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi');

/** Whether two capacity blocks say the same (case and spacing aside). */
export function sameCapacity(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => upper(line) === upper(b[i]));
}

/**
 * The rules of the format check against domain.md for the plan's family. Pure: the caller
 * gathers the facts (family, date, the signer's authorities).
 */
export function checkFormat(content: PlanContent, facts: FormatFacts): FormatCheckResult {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const error = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const warn = (path: string, code: string, message: string) => warnings.push({ path, code, message });
  const { family, planDate } = facts;

  // Summary line (trích yếu)
  if (!content.summary.trim()) error('summary', 'summary_missing', 'Thiếu trích yếu của văn bản');
  else if (family === 'party' && /^\p{Lu}/u.test(content.summary))
    warn('summary', 'summary_starts_upper_case', 'Trích yếu văn bản của Đảng bắt đầu bằng chữ thường');

  // Parts and their contents
  if (!content.parts.length) error('parts', 'no_parts', 'Kế hoạch phải có ít nhất một phần (I, II, ...)');
  content.parts.forEach((part, i) => {
    // A lettered part may be only the title over the numbered parts that follow it.
    const heads = part.group && content.parts[i + 1] && !content.parts[i + 1].group;
    if (!part.children.length && !heads) error(`parts.${i}`, 'empty_part', `${part.group ? 'Phần' : 'Mục'} "${part.title}" không có nội dung`);
    if (typedNumber(part.title)) warn(`parts.${i}.title`, 'typed_number', `Tên phần "${part.title}" có số thứ tự gõ tay: số thứ tự do hệ thống đánh`);
  });
  for (const visit of walkBody(content)) {
    const node = visit.node;
    const lead = node.kind === 'item' ? (node.heading ?? node.text) : null;
    if (lead && typedNumber(lead)) warn(visit.path, 'typed_number', `Điểm "${short(lead)}" có số thứ tự gõ tay: số thứ tự do hệ thống đánh`);
    if (node.kind === 'table') checkTable(node, visit.path, error, warn);
  }
  checkAppendices(content, error, warn);

  // Tasks, in items and in table rows: who carries out and when
  for (const { task, path, what } of taskEntries(content)) {
    const name = short(what);
    if (!task.carriedOutBy.trim())
      error(`${path}.task.carriedOutBy`, 'task_without_carrier', `Nhiệm vụ "${name}" chưa ghi đơn vị tham mưu, thực hiện`);
    const tf = task.timeframe;
    if (tf.kind === 'text' && !tf.text.trim())
      error(`${path}.task.timeframe`, 'task_without_time', `Nhiệm vụ "${name}" chưa ghi thời gian thực hiện`);
    if (tf.kind === 'date') {
      if (!isValidIsoDate(tf.date)) error(`${path}.task.timeframe.date`, 'invalid_date', `Ngày ${tf.date} không có trên lịch`);
      else if (tf.date < planDate)
        warn(`${path}.task.timeframe.date`, 'timeframe_before_plan_date', `Thời gian thực hiện nhiệm vụ "${name}" trước ngày của kế hoạch`);
    }
    if ((tf.kind === 'year' || tf.kind === 'quarter') && tf.year < Number(planDate.slice(0, 4))) {
      warn(
        `${path}.task.timeframe.year`,
        'timeframe_before_plan_date',
        `Thời gian thực hiện nhiệm vụ "${name}" (năm ${tf.year}) trước năm của kế hoạch`,
      );
    }
  }

  checkRecipients(content, planDate, error, warn);
  checkSignature(content.signature, facts, error, warn);

  // Reporting duties: deadlines after the plan's date
  content.reportingDuties.forEach((duty, i) => {
    if (!isValidIsoDate(duty.deadline)) error(`reportingDuties.${i}.deadline`, 'invalid_date', `Ngày ${duty.deadline} không có trên lịch`);
    else if (duty.deadline <= planDate)
      error(
        `reportingDuties.${i}.deadline`,
        'deadline_not_after_plan_date',
        `Hạn báo cáo ${citedIso(duty.deadline)} không sau ngày của kế hoạch (${citedIso(planDate)})`,
      );
  });

  // Dates and citations inside the text and in the references
  content.preamble.references.forEach((ref, i) => {
    if (ref.date && !isValidIsoDate(ref.date)) error(`preamble.references.${i}.date`, 'invalid_date', `Ngày ${ref.date} không có trên lịch`);
    const year = ref.numberSymbol ? /\/(\d{4})\//.exec(ref.numberSymbol)?.[1] : undefined;
    if (ref.date && year && ref.date.slice(0, 4) < year) {
      warn(
        `preamble.references.${i}`,
        'reference_year_mismatch',
        `${ref.documentType} số ${ref.numberSymbol} ghi ngày ${citedIso(ref.date)}: trước năm trong số hiệu`,
      );
    }
  });
  for (const [path, text] of texts(content)) {
    for (const cited of citedDates(text)) {
      if (!cited.valid) error(path, 'invalid_date', `Ngày "${cited.text}" không có trên lịch`);
    }
    for (const mismatch of citationYearMismatches(text)) {
      warn(path, 'reference_year_mismatch', `"${mismatch}": ngày ban hành trước năm trong số hiệu văn bản`);
    }
  }

  // Footnotes
  const used = new Set(texts(content).flatMap(([, text]) => footnoteMarks(text)));
  content.footnotes.forEach((f, i) => {
    if (!used.has(f.id)) warn(`footnotes.${i}`, 'footnote_unused', `Chú thích [^${f.id}] không được dẫn ở đâu`);
  });
  return { errors, warnings };
}

type Report = (path: string, code: string, message: string) => void;

function checkRecipients(content: PlanContent, planDate: string, error: Report, warn: Report): void {
  const recipients = content.recipients;
  if (!recipients.length) {
    error('recipients', 'recipients_missing', 'Thiếu nơi nhận');
    return;
  }
  recipients.forEach((r, i) => {
    const path = `recipients.${i}`;
    if (!RECIPIENT_PURPOSES.includes(r.purpose))
      error(
        `${path}.purpose`,
        'recipient_purpose_missing',
        `Nơi nhận "${r.name}" chưa ghi mục đích (để báo cáo, để thực hiện, để biết, để phối hợp, lưu)`,
      );
    if (r.purpose === 'archive' && i !== recipients.length - 1)
      error(`${path}.purpose`, 'archive_not_last', `Dòng lưu "${r.name}" phải ở cuối nơi nhận`);
    if (r.mustImplement && r.purpose !== 'implement')
      error(
        `${path}.purpose`,
        'implementing_recipient_purpose',
        `Nơi nhận "${r.name}" phải xây dựng kế hoạch thực hiện: mục đích phải là "để thực hiện"`,
      );
    if (r.implementationDueDate && !r.mustImplement)
      warn(
        `${path}.implementationDueDate`,
        'due_date_without_implementation',
        `Nơi nhận "${r.name}" có hạn xây dựng kế hoạch nhưng không phải thực hiện`,
      );
    if (r.implementationDueDate && isValidIsoDate(r.implementationDueDate) && r.implementationDueDate <= planDate) {
      error(`${path}.implementationDueDate`, 'due_date_not_after_plan_date', `Hạn xây dựng kế hoạch của "${r.name}" không sau ngày của kế hoạch`);
    }
    if (r.implementationDueDate && !isValidIsoDate(r.implementationDueDate))
      error(`${path}.implementationDueDate`, 'invalid_date', `Ngày ${r.implementationDueDate} không có trên lịch`);
  });
  const last = recipients[recipients.length - 1];
  if (last.purpose !== 'archive')
    error(`recipients.${recipients.length - 1}`, 'archive_copy_missing', 'Nơi nhận phải kết thúc bằng dòng lưu ("Lưu VP" / "Lưu: VT")');
}

function checkSignature(signature: Signature, facts: FormatFacts, error: Report, warn: Report): void {
  const lines = signature.capacityLines;
  if (!lines.length) {
    error('signature.capacityLines', 'signature_missing', 'Thiếu thẩm quyền, chức vụ người ký');
    return;
  }
  if (!signature.signerName.trim()) error('signature.signerName', 'signer_name_missing', 'Thiếu họ tên người ký');
  const own = CAPACITY_PREFIXES[facts.family];
  const familyName = facts.family === 'party' ? 'của Đảng' : 'hành chính';
  lines.forEach((line, i) => {
    const prefix = capacityPrefix(line);
    if (prefix && !own.includes(prefix)) {
      error(`signature.capacityLines.${i}`, 'capacity_wrong_family', `"${prefix}" không dùng cho văn bản ${familyName}: dùng ${own.join(', ')}`);
    } else if (!prefix && /^(TM|KT|TL|TUQ|T\.M|K\.T|T\.L)\b/.test(line.trim())) {
      warn(`signature.capacityLines.${i}`, 'capacity_prefix_spelling', `Viết thẩm quyền ký đúng dạng: ${own.join(', ')}`);
    }
  });
  const prefixes = lines.map(capacityPrefix);
  if (prefixes[prefixes.length - 1])
    error(`signature.capacityLines.${lines.length - 1}`, 'signature_title_missing', 'Sau dòng thẩm quyền ký phải có chức vụ người ký');
  if (facts.family === 'state' && facts.collectiveBody && prefixes[0] !== 'TM.') {
    warn(
      'signature.capacityLines.0',
      'collective_body_without_tm',
      'Cơ quan làm việc theo chế độ tập thể: văn bản ký thay mặt tập thể, dòng đầu ghi "TM." và tên tập thể (TM. ỦY BAN NHÂN DÂN)',
    );
  }
  if (facts.family === 'party' && prefixes.includes('T/M') && prefixes.includes('K/T')) {
    error('signature.capacityLines', 'party_tm_with_kt', 'Văn bản của Đảng: cấp phó ký thay tập thể ghi T/M, không ghi K/T');
  }
  if (!signature.signerUserId) {
    warn('signature.signerUserId', 'signer_not_chosen', 'Chưa chọn người ký: chưa kiểm tra được thẩm quyền ký');
    return;
  }
  const authorities = facts.signerAuthorities ?? [];
  const matching = authorities.filter((a) => sameCapacity(a.capacityLines, lines));
  if (!matching.length) {
    error(
      'signature.signerUserId',
      'signer_lacks_authority',
      `Người ký không có thẩm quyền "${lines.join(' / ')}" tại cơ quan ban hành vào ngày ${citedIso(facts.planDate)}`,
    );
  } else if (signature.authorityId && !matching.some((a) => a.id === signature.authorityId)) {
    error('signature.authorityId', 'authority_mismatch', 'Thẩm quyền ký đã chọn không phải của người ký hoặc không đúng thẩm quyền ghi trên văn bản');
  }
}

/** A table has rows and a header; task rows need the columns that say who carries out and when. */
function checkTable(table: Table, path: string, error: Report, warn: Report): void {
  const name = table.caption
    ? `"${short(table.caption)}"`
    : `(${table.columns
        .map((c) => c.title)
        .filter(Boolean)
        .slice(0, 3)
        .join(', ')}...)`;
  if (!table.rows.length) error(`${path}.rows`, 'table_empty', `Bảng ${name} chưa có hàng nào`);
  table.columns.forEach((c, i) => {
    if (!c.title.trim()) warn(`${path}.columns.${i}.title`, 'table_header_empty', `Bảng ${name}: cột ${i + 1} chưa có tên ở hàng tiêu đề`);
  });
  const tasks = table.rows.some((r) => r.task);
  const has = (role: TableColumnRole) => table.columns.some((c) => c.role === role);
  if (tasks && !(has('carriedOutBy') && has('timeframe'))) {
    warn(`${path}.columns`, 'table_task_columns', `Bảng ${name} có hàng là nhiệm vụ nhưng thiếu cột cơ quan chủ trì hoặc cột thời gian thực hiện`);
  }
}

/** An appendix has a title and content. */
function checkAppendices(content: PlanContent, error: Report, warn: Report): void {
  content.appendices.forEach((appendix, i) => {
    const label = appendixLabel(i + 1, content.appendices.length);
    if (!appendix.children.length) error(`appendices.${i}`, 'empty_appendix', `${label} không có nội dung`);
    if (!appendix.title.trim()) warn(`appendices.${i}.title`, 'appendix_title_missing', `${label} chưa có tên`);
  });
}

function texts(content: PlanContent): [string, string][] {
  const out: [string, string][] = [['summary', content.summary]];
  content.preamble.paragraphs.forEach((t, i) => out.push([`preamble.paragraphs.${i}`, t]));
  for (const visit of walkBody(content)) {
    const node = visit.node;
    if (node.kind === 'item') {
      if (node.heading) out.push([`${visit.path}.heading`, node.heading]);
      if (node.text) out.push([`${visit.path}.text`, node.text]);
    } else if (node.kind === 'table') {
      node.rows.forEach((row, r) => row.cells.forEach((cell, c) => out.push([`${visit.path}.rows.${r}.cells.${c}.text`, cell.text])));
    } else out.push([`${visit.path}.text`, node.text]);
  }
  content.closing.forEach((t, i) => out.push([`closing.${i}`, t]));
  content.footnotes.forEach((f, i) => out.push([`footnotes.${i}.text`, f.text]));
  return out;
}

/** Dates written d/m/yyyy in the text, and whether each is on the calendar. */
export function citedDates(text: string): { text: string; valid: boolean }[] {
  return [...text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g)].map((m) => {
    const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    return { text: m[0], valid: isValidIsoDate(iso) };
  });
}

/** Citations like "số 59/2023/NĐ-CP ngày 09/01/2015" whose date falls before the year in the number. */
export function citationYearMismatches(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d+\/(\d{4})\/[^\s,;]+,?\s+ngày\s+\d{1,2}\/\d{1,2}\/(\d{4})/g)) {
    if (m[2] < m[1]) out.push(m[0]);
  }
  return out;
}

/** A title typed with its own number: "I- ...", "II. ...", "1. ...", "1.1. ...", "a) ...". */
function typedNumber(text: string): boolean {
  return /^(?:[IVXLC]+[.-]|\d+(?:\.\d+)*\.|[a-zđ]\))\s/.test(text.trim());
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

function citedIso(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
}
