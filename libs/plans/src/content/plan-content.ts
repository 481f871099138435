/**
 * The structured content of a plan (Kế hoạch) and of other document types with the same anatomy
 * (Chương trình, ...): see shared domain.md "Anatomy of a plan". This is the contract between
 * drafting, rendering, import, diff and cascade. Numbers of parts and items are never stored:
 * they are computed from the tree and the family's style (see numbering.ts).
 *
 * Inline text may carry light markup: `*italic*`, `**bold**`, and footnote marks `[^id]`
 * that refer to `footnotes[].id`. Every string is stored NFC and trimmed.
 */

export const DOCUMENT_TYPES = {
  KH: 'Kế hoạch',
  CTr: 'Chương trình',
  NQ: 'Nghị quyết',
  KL: 'Kết luận',
  CT: 'Chỉ thị',
  QĐ: 'Quyết định',
  BC: 'Báo cáo',
  HD: 'Hướng dẫn',
  TB: 'Thông báo',
  TTr: 'Tờ trình',
  CV: 'Công văn',
} as const;
export type DocumentTypeCode = keyof typeof DOCUMENT_TYPES;

/** "Kế hoạch" for KH: the type's name as documents print it; `unknown` for a code outside the list (default: the code itself). */
export function documentTypeName(code: string, unknown: string = code): string {
  return DOCUMENT_TYPES[code as DocumentTypeCode] ?? unknown;
}

/**
 * A công văn prints no type name (Nghị định 30, Phụ lục I): its summary follows "V/v" under the
 * number line, and a State công văn's symbol carries no type abbreviation ("15/UBND").
 */
export function printsTypeTitle(documentType: string): boolean {
  return documentType !== 'CV';
}

export const CONTENT_SCHEMA_VERSION = 1;

export interface PlanContent {
  schemaVersion: 1;
  /** Document type code: `KH` for Kế hoạch. */
  documentType: DocumentTypeCode;
  /** Trích yếu, starting lower case: "triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024". `\n` marks a wanted line break. */
  summary: string;
  /** Place of the date line; null = the organization's place name. */
  place: string | null;
  preamble: Preamble;
  /** Parts I, II, III... */
  parts: Part[];
  /** Paragraphs after the last part ("Trên đây là Kế hoạch ..."). */
  closing: string[];
  /** Phụ lục printed after the signature, each from a new page. */
  appendices: Appendix[];
  /** Reporting duties stated in the plan (structured; the wording stays in the body text). */
  reportingDuties: ReportingDuty[];
  /** Nơi nhận, in printed order, ending with the archive copy. */
  recipients: Recipient[];
  signature: Signature;
  footnotes: Footnote[];
}

export interface Preamble {
  /** Paragraphs as printed: "Thực hiện Chương trình số 04-CTr/BDVTU ngày 02/01/2024 của ..., Ban Chỉ đạo ... như sau:". */
  paragraphs: string[];
  /** The documents the plan implements or cites in its preamble. */
  references: DocumentReference[];
}

export interface DocumentReference {
  id: string;
  /** Type as written: "Chương trình", "Kế hoạch", "Nghị định", "Luật", "Văn bản"... */
  documentType: string;
  /** Number and symbol as written: "04-CTr/BDVTU", "56/KH-UBND", "59/2023/NĐ-CP"; null when cited without one. */
  numberSymbol: string | null;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
  /** "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh", "UBND thị xã". */
  issuer: string | null;
  /** What it is about: "về Chương trình công tác năm 2024". */
  title: string | null;
  /** The plan in this system that this reference points to (the parent of a child plan). */
  planId: string | null;
}

/** A level-1 part: "I- MỤC ĐÍCH, YÊU CẦU" (Party) / "I. MỤC ĐÍCH, YÊU CẦU" (State). */
export interface Part {
  id: string;
  /** Title as printed without its number; printed upper case and bold. */
  title: string;
  /**
   * A lettered part ("A- KẾT QUẢ ...", "B- NHIỆM VỤ ...") that opens a group: the numbered parts
   * after it, up to the next lettered one, belong to it and start again at I. Absent = numbered.
   */
  group?: boolean;
  children: BodyNode[];
}

export type BodyNode = Item | Paragraph | Bullet | Table;

/**
 * A numbered item under a part: depth 1 "1.", depth 2 "1.1.", depth 3 "a)", deeper "-".
 * `heading` is a bold title ("Công tác quán triệt, tuyên truyền"); `text` is an unbolded
 * paragraph run on the numbered line. An item may have either or both.
 */
export interface Item {
  kind: 'item';
  id: string;
  heading: string | null;
  text: string | null;
  /** Set when the item is a task with who directs, who carries out and when. */
  task: Task | null;
  children: BodyNode[];
}

/** An unnumbered paragraph. */
export interface Paragraph {
  kind: 'paragraph';
  id: string;
  text: string;
}

/** A dash line "- ..." (its children are "+ ..." lines). */
export interface Bullet {
  kind: 'bullet';
  id: string;
  text: string;
  children: Bullet[];
}

/**
 * A table in the body or in an appendix. The header row is the columns' titles; every row has
 * cells whose spans add up to the number of columns (a group row "I | Công tác tuyên truyền"
 * is two cells, the second spanning the rest). Cell text uses the inline markup of the plan;
 * `\n` separates the lines of a cell.
 */
export interface Table {
  kind: 'table';
  id: string;
  /** Printed above the table in bold ("Biểu 1. Chỉ tiêu năm 2025"); null when none. */
  caption: string | null;
  columns: TableColumn[];
  rows: TableRow[];
}

/** What a column holds: the columns that make a task row's who and when. */
export const TABLE_COLUMN_ROLES = ['number', 'content', 'directedBy', 'carriedOutBy', 'cooperating', 'timeframe', 'product', 'note'] as const;
export type TableColumnRole = (typeof TABLE_COLUMN_ROLES)[number];

export interface TableColumn {
  id: string;
  /** The header cell: "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"... */
  title: string;
  role: TableColumnRole | null;
}

export interface TableRow {
  id: string;
  cells: TableCell[];
  /**
   * Set when the row is a task: who directs, who carries out and when, taken from the cells of
   * the columns with those roles (the cells are what is printed), with the organizations bound.
   */
  task: Task | null;
}

export interface TableCell {
  text: string;
  /** Columns the cell covers (merged cells of a group row). */
  colSpan: number;
}

/**
 * "PHỤ LỤC" (or "PHỤ LỤC I", "II"... when there are several, computed), its title in bold
 * capitals, the line "(Kèm theo Kế hoạch số ... ngày ... của ...)" completed at issuance, then
 * its body: paragraphs, items, bullets and tables. It has no signature of its own.
 */
export interface Appendix {
  id: string;
  title: string;
  /** Print the "(Kèm theo Kế hoạch số ... ngày ... của ...)" line under the title. */
  attachmentLine: boolean;
  /** Page orientation; null = landscape when one of its tables is wide (see isWideTable). */
  orientation: 'portrait' | 'landscape' | null;
  children: BodyNode[];
}

export interface Task {
  /** "Chỉ đạo thực hiện: ..." (who directs); null when not stated. */
  directedBy: string | null;
  /** "Tham mưu, thực hiện: ..." (who advises and carries out). */
  carriedOutBy: string;
  /** Organizations in the system named in carriedOutBy (the cascade marks these tasks for them). */
  assigneeOrganizationIds: string[];
  /** "Thời gian thực hiện: ...". */
  timeframe: Timeframe;
}

export type Timeframe =
  | { kind: 'ongoing'; text: string | null }
  | { kind: 'date'; date: string; text: string | null }
  | { kind: 'quarter'; quarters: number[]; year: number; text: string | null }
  | { kind: 'year'; year: number; text: string | null }
  | { kind: 'text'; text: string };

export const RECIPIENT_PURPOSES = ['report', 'implement', 'inform', 'coordinate', 'archive'] as const;
/** để báo cáo / để thực hiện / để biết / để phối hợp / lưu. */
export type RecipientPurpose = (typeof RECIPIENT_PURPOSES)[number];

export interface Recipient {
  id: string;
  /** The line as printed, without the leading dash and the closing punctuation: "Ban Dân vận Tỉnh ủy", "TT.Đảng ủy". For the archive: the units, "VP, BTGĐUK" / "VT". */
  name: string;
  /** An organization of this system (inbox delivery, cascade), or null for a free-text recipient. */
  organizationId: string | null;
  purpose: RecipientPurpose;
  /** Printed after the name in parentheses when set: "b/c", "để thực hiện". */
  note: string | null;
  /** E-mail of a free-text external recipient. */
  email: string | null;
  /** A subordinate organization that must draft its own implementing plan. */
  mustImplement: boolean;
  /** ISO date by which its implementing plan must be issued (null = the default setting). */
  implementationDueDate: string | null;
}

/** A line of "Nơi nhận" written as text (no organization, no e-mail), to implement unless `overrides` say otherwise. */
export function recipientLine(id: string, name: string, overrides: Partial<Recipient> = {}): Recipient {
  return {
    id,
    name,
    organizationId: null,
    purpose: 'implement',
    note: null,
    email: null,
    mustImplement: false,
    implementationDueDate: null,
    ...overrides,
  };
}

/** The archive line of "Nơi nhận" ("- Lưu: VP, BTGĐUK."): the units that keep a copy. */
export function archiveRecipient(id: string, name: string): Recipient {
  return recipientLine(id, name, { purpose: 'archive' });
}

export interface ReportingDuty {
  id: string;
  /** What is reported: "kết quả việc xây dựng và thực hiện QCDC ở cơ sở". */
  what: string;
  /** "6 tháng", "cuối năm", "hằng quý". */
  period: string | null;
  /** ISO date: "trước ngày 15/6/2024" = 2024-06-15. */
  deadline: string;
  /** To whom, as written: "Ban Chỉ đạo thực hiện QCDC ở cơ sở của Đảng ủy Khối". */
  to: string;
  toOrganizationId: string | null;
  /** Who must report (organization ids); empty = every implementing recipient. */
  reporterOrganizationIds: string[];
}

export interface Signature {
  /** Capacity and title lines: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["PHÓ BÍ THƯ", "kiêm", "TRƯỞNG BAN CHỈ ĐẠO"], ["CHỦ TỊCH"]. */
  capacityLines: string[];
  signerName: string;
  /** The user expected to sign, and the authority used. */
  signerUserId: string | null;
  authorityId: string | null;
}

export interface Footnote {
  id: string;
  text: string;
}
