import { EntryChange, FieldChange, PlanDiff, RECIPIENT_PURPOSE_LABELS, Timeframe, timeframeText } from '@app/plans';

const FIELD_NAMES: Record<string, string> = {
  documentType: 'Loại văn bản',
  summary: 'Trích yếu',
  place: 'Địa danh',
  'preamble.paragraphs': 'Mở đầu',
  'preamble.references': 'Văn bản căn cứ',
  closing: 'Đoạn kết',
  'signature.capacityLines': 'Thẩm quyền, chức vụ người ký',
  'signature.signerName': 'Họ tên người ký',
  'signature.signerUserId': 'Người ký',
  'signature.authorityId': 'Thẩm quyền ký',
  title: 'Tên mục',
  heading: 'Tiêu đề',
  text: 'Lời văn',
  kind: 'Loại',
  directedBy: 'Chỉ đạo thực hiện',
  carriedOutBy: 'Tham mưu, thực hiện',
  assigneeOrganizationIds: 'Đơn vị thực hiện',
  timeframe: 'Thời gian thực hiện',
  name: 'Tên',
  organizationId: 'Tổ chức',
  purpose: 'Mục đích',
  note: 'Ghi chú',
  email: 'Thư điện tử',
  mustImplement: 'Phải xây dựng kế hoạch',
  implementationDueDate: 'Hạn xây dựng kế hoạch',
  what: 'Nội dung báo cáo',
  period: 'Kỳ',
  deadline: 'Hạn',
  to: 'Gửi về',
  toOrganizationId: 'Tổ chức nhận báo cáo',
  reporterOrganizationIds: 'Đơn vị báo cáo',
  caption: 'Tên bảng',
  header: 'Hàng tiêu đề',
  attachmentLine: 'Dòng "Kèm theo Kế hoạch"',
  orientation: 'Hướng trang',
  colSpan: 'Ô gộp',
};

const CHANGE_NAMES: Record<string, string> = { added: 'Thêm', removed: 'Xóa', changed: 'Sửa', moved: 'Chuyển chỗ' };

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (field === 'timeframe' && typeof value === 'object') return timeframeText(value as Timeframe);
  if (field === 'purpose') return RECIPIENT_PURPOSE_LABELS[value as keyof typeof RECIPIENT_PURPOSE_LABELS] ?? String(value);
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (field === 'orientation') return value === 'landscape' ? 'ngang' : 'dọc';
  if (Array.isArray(value)) return `${value.length} mục`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface FieldChangeView {
  name: string;
  runs: { op: string; text: string }[] | null;
  before: string;
  after: string;
}

function fieldView(change: FieldChange): FieldChangeView {
  return {
    name: FIELD_NAMES[change.field] ?? change.field,
    runs: change.redline ?? null,
    before: show(change.field, change.before),
    after: show(change.field, change.after),
  };
}

function entryView(entry: EntryChange) {
  return {
    id: entry.id,
    label: entry.label ?? '',
    change: entry.change,
    changeName: CHANGE_NAMES[entry.change],
    text: entry.text,
    moved: entry.moved ? `${entry.moved.before} → ${entry.moved.after}` : null,
    fields: entry.fields.map(fieldView),
  };
}

/** The redline of two versions as the review and version pages show it: section by section, word by word. */
export function diffView(diff: PlanDiff) {
  const sections = [
    { heading: 'Mục', entries: diff.parts },
    { heading: 'Điểm', entries: diff.items },
    { heading: 'Đoạn văn, gạch đầu dòng, bảng', entries: diff.blocks },
    { heading: 'Hàng của bảng', entries: diff.rows },
    { heading: 'Phụ lục', entries: diff.appendices },
    { heading: 'Phân công nhiệm vụ', entries: diff.tasks },
    { heading: 'Nơi nhận', entries: diff.recipients },
    { heading: 'Chế độ báo cáo', entries: diff.reportingDuties },
    { heading: 'Chú thích', entries: diff.footnotes },
  ]
    .filter((s) => s.entries.length)
    .map((s) => ({ heading: s.heading, entries: s.entries.map(entryView) }));
  return { from: diff.from, to: diff.to, identical: diff.identical, counts: diff.counts, document: diff.document.map(fieldView), sections };
}
