import type { Family } from '@app/identity';
import type { ImportResultDto } from '@app/importing';
import { BodyNode, documentTypeName, numberPlan, RECIPIENT_PURPOSE_LABELS, timeframeText } from '@app/plans';
import { FootnoteCounter, inlineHtml, tableView, TableView } from '@app/rendering';

/** What each kind of recognized thing is called on the page. */
const WHAT_NAMES: Record<string, string> = {
  superiorBody: 'Cơ quan cấp trên',
  issuingBody: 'Cơ quan ban hành',
  partyMotto: '"ĐẢNG CỘNG SẢN VIỆT NAM"',
  nationalTitle: 'Quốc hiệu',
  nationalMotto: 'Tiêu ngữ',
  separator: 'Dấu "*" hoặc gạch ngang',
  numberSymbol: 'Số, ký hiệu',
  dateLine: 'Địa danh, ngày tháng',
  draftMark: 'Dấu "DỰ THẢO"',
  title: 'Tên loại văn bản',
  summary: 'Trích yếu',
  preamble: 'Đoạn mở đầu',
  reference: 'Văn bản căn cứ',
  'reference.plan': 'Văn bản căn cứ là kế hoạch trong hệ thống',
  part: 'Mục (I, II...)',
  item: 'Điểm đánh số',
  bullet: 'Gạch đầu dòng',
  paragraph: 'Đoạn văn',
  'task.directedBy': 'Chỉ đạo thực hiện',
  'task.carriedOutBy': 'Tham mưu, thực hiện',
  'task.timeframe': 'Thời gian thực hiện',
  closing: 'Đoạn kết',
  appendix: 'Phụ lục',
  appendixAttachment: 'Dòng "Kèm theo Kế hoạch"',
  table: 'Bảng',
  reportingDuty: 'Chế độ báo cáo',
  'reportingDuty.organization': 'Nơi nhận báo cáo là tổ chức trong hệ thống',
  recipientsHeading: '"Nơi nhận"',
  recipient: 'Nơi nhận',
  recipientGroup: 'Nhóm nơi nhận (dấu "}")',
  'recipient.organization': 'Nơi nhận là tổ chức trong hệ thống',
  archiveCopy: 'Dòng lưu',
  'signature.capacity': 'Thẩm quyền, chức vụ người ký',
  'signature.name': 'Họ tên người ký',
  'signature.signedMark': '"(Đã ký)"',
  footnote: 'Chú thích',
  footnoteText: 'Nội dung chú thích',
  wordBookmark: 'Dấu trang của Word (bỏ qua)',
  pageNumber: 'Số trang (bỏ qua)',
  watermark: 'Chữ in chìm (bỏ qua)',
};

export interface ImportNodeView {
  kind: string;
  label: string;
  heading: string | null;
  text: string | null;
  task: { directedBy: string | null; carriedOutBy: string; time: string; assigned: number } | null;
  children: ImportNodeView[];
  table: TableView | null;
}

function nodes(list: BodyNode[], labels: Record<string, string>, html: (text: string) => string): ImportNodeView[] {
  return list.map((node) => ({
    kind: node.kind,
    label: labels[node.id] ?? '',
    // Safe HTML: the light markup (*italic*, **bold**, footnote marks) shown as it will print.
    heading: node.kind === 'item' && node.heading ? html(node.heading) : null,
    text: node.kind !== 'table' && node.text ? html(node.text) : null,
    task:
      node.kind === 'item' && node.task
        ? {
            directedBy: node.task.directedBy,
            carriedOutBy: node.task.carriedOutBy,
            time: timeframeText(node.task.timeframe),
            assigned: node.task.assigneeOrganizationIds.length,
          }
        : null,
    children: node.kind === 'item' || node.kind === 'bullet' ? nodes(node.children as BodyNode[], labels, html) : [],
    table: node.kind === 'table' ? tableView(node, html) : null,
  }));
}

/** The preview of an import: the header found, the structure as it will be numbered, and the report. */
export function importResultView(result: ImportResultDto, fallbackFamily: Family) {
  const { content, report, detected } = result;
  const family = detected.family ?? fallbackFamily;
  const labels = numberPlan(content, family);
  const footnotes = new FootnoteCounter(new Set(content.footnotes.map((f) => f.id)));
  const html = (text: string) => inlineHtml(text, footnotes);
  const counts = new Map<string, number>();
  for (const entry of report.recognized) counts.set(entry.what, (counts.get(entry.what) ?? 0) + 1);
  return {
    detected: {
      family: detected.family === 'party' ? 'Văn bản của Đảng' : detected.family === 'state' ? 'Văn bản hành chính Nhà nước' : 'Chưa xác định',
      type: documentTypeName(detected.documentType),
      superiorBody: detected.superiorBody?.split('\n').join(' / ') ?? null,
      issuingBody: detected.issuingBody?.split('\n').join(' / ') ?? null,
      numberSymbol: detected.numberSymbol,
      number: detected.numberSymbol
        ? null
        : detected.symbolOrganization
          ? `(để trống) …/${detected.documentType}…${detected.symbolOrganization}`
          : null,
      place: detected.place,
      date: detected.date,
      year: detected.year,
      draft: detected.draft ? (detected.draftRound && detected.draftRound > 1 ? `Dự thảo lần ${detected.draftRound}` : 'Dự thảo') : null,
      source: detected.source,
    },
    summaryLines: content.summary.split('\n'),
    preamble: content.preamble.paragraphs.map(html),
    references: content.preamble.references.map((r) => ({ ...r, linked: !!r.planId })),
    parts: content.parts.map((part) => ({ label: labels[part.id], title: part.title, children: nodes(part.children, labels, html) })),
    closing: content.closing.map(html),
    appendices: content.appendices.map((a) => ({ label: labels[a.id], title: a.title, children: nodes(a.children, labels, html) })),
    duties: content.reportingDuties.map((d) => ({ ...d, linked: !!d.toOrganizationId })),
    recipients: content.recipients.map((r) => ({
      name: r.name,
      note: r.note,
      purpose: RECIPIENT_PURPOSE_LABELS[r.purpose],
      linked: !!r.organizationId,
    })),
    signature: content.signature,
    // Footnotes in the order their marks were numbered above.
    footnotes: [...footnotes.order(), ...content.footnotes.map((f) => f.id).filter((id) => !footnotes.order().includes(id))].map((id) => ({
      id,
      html: html(content.footnotes.find((f) => f.id === id)!.text),
    })),
    report: {
      warnings: report.warnings,
      unrecognized: report.unrecognized,
      recognized: [...counts.entries()].map(([what, count]) => ({ what: WHAT_NAMES[what] ?? what, count })),
      total: report.recognized.length,
    },
  };
}
