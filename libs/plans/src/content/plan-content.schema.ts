import { DOCUMENT_TYPES, RECIPIENT_PURPOSES, TABLE_COLUMN_ROLES } from './plan-content';

/**
 * The JSON Schema (draft 2020-12) of PlanContent: the one source of `docs/plan.schema.json`
 * (a unit spec fails when the committed file differs; `npx ts-node libs/plans/src/cli/write-plan-schema.ts`
 * rewrites it). Fields that may be left out carry a `default`, which the validator fills in, so
 * that stored content always has every field of plan-content.ts.
 */

/** Limits on lengths and counts; the validator's messages quote them. */
export const PLAN_LIMITS = {
  idLength: 64,
  summary: 500,
  place: 120,
  paragraph: 20_000,
  heading: 1_000,
  title: 500,
  shortText: 500,
  nameText: 2_000,
  paragraphsPerBlock: 50,
  parts: 30,
  childrenPerNode: 300,
  /** Items nested in items: 1., 1.1., a), -, + and one more. */
  itemDepth: 6,
  bulletDepth: 3,
  nodes: 5_000,
  references: 100,
  recipients: 300,
  reportingDuties: 50,
  footnotes: 200,
  footnote: 5_000,
  capacityLines: 8,
  capacityLine: 200,
  organizationIds: 500,
  appendices: 20,
  tableColumns: 20,
  tableRows: 1_000,
  cell: 5_000,
} as const;

const L = PLAN_LIMITS;
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';
export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

type Schema = Record<string, unknown>;

const text = (maxLength: number, minLength = 0, description?: string): Schema => ({
  type: 'string',
  minLength,
  maxLength,
  ...(description ? { description } : {}),
});
const nullableText = (maxLength: number, description?: string): Schema => ({
  type: ['string', 'null'],
  maxLength,
  default: null,
  ...(description ? { description } : {}),
});
const id = (): Schema => ({ $ref: '#/$defs/Id' });
const uuidOrNull = (description?: string): Schema => ({
  type: ['string', 'null'],
  format: 'uuid',
  default: null,
  ...(description ? { description } : {}),
});
const uuids = (description?: string): Schema => ({
  type: 'array',
  items: { type: 'string', format: 'uuid' },
  maxItems: L.organizationIds,
  uniqueItems: true,
  default: [],
  ...(description ? { description } : {}),
});
const isoDate = (description?: string): Schema => ({ $ref: '#/$defs/IsoDate', ...(description ? { description } : {}) });
const isoDateOrNull = (description?: string): Schema => ({
  type: ['string', 'null'],
  pattern: ISO_DATE_PATTERN,
  default: null,
  ...(description ? { description } : {}),
});
const object = (required: string[], properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required,
  additionalProperties: false,
  properties,
});

const timeframeText = nullableText(L.shortText, 'Lời văn như in, khi khác cách viết mặc định ("Trong năm 2023", "Quý II, III/ 2023").');

export const PLAN_CONTENT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:kehoach:plan-content:1',
  title: 'PlanContent',
  description:
    'Nội dung có cấu trúc của một kế hoạch (Kế hoạch) hoặc văn bản cùng bố cục. Số thứ tự của phần, mục do hệ thống tính, không nhập vào lời văn. ' +
    'Lời văn có thể dùng *nghiêng*, **đậm** và dấu chú thích [^id]. The structured content of a plan; numbering is computed, never typed.',
  type: 'object',
  required: ['schemaVersion', 'documentType', 'summary', 'parts', 'recipients', 'signature'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    documentType: {
      enum: Object.keys(DOCUMENT_TYPES),
      description: 'Mã loại văn bản: KH = Kế hoạch, CTr = Chương trình, TB = Thông báo, CV = Công văn, ...',
    },
    summary: text(L.summary, 0, 'Trích yếu, bắt đầu bằng chữ thường; \\n đánh dấu chỗ xuống dòng.'),
    place: nullableText(L.place, 'Địa danh ở dòng ngày tháng; null = địa danh của cơ quan ban hành.'),
    preamble: {
      type: 'object',
      description: 'Phần mở đầu: căn cứ, văn bản được thực hiện.',
      additionalProperties: false,
      default: { paragraphs: [], references: [] },
      required: [],
      properties: {
        paragraphs: { type: 'array', items: text(L.paragraph, 1), maxItems: L.paragraphsPerBlock, default: [] },
        references: { type: 'array', items: { $ref: '#/$defs/DocumentReference' }, maxItems: L.references, default: [] },
      },
    },
    parts: { type: 'array', items: { $ref: '#/$defs/Part' }, maxItems: L.parts, description: 'Các phần I, II, III...' },
    closing: {
      type: 'array',
      items: text(L.paragraph, 1),
      maxItems: L.paragraphsPerBlock,
      default: [],
      description: 'Đoạn kết sau phần cuối ("Trên đây là Kế hoạch ...").',
    },
    appendices: {
      type: 'array',
      items: { $ref: '#/$defs/Appendix' },
      maxItems: L.appendices,
      default: [],
      description: 'Phụ lục sau chữ ký, mỗi phụ lục sang trang mới.',
    },
    reportingDuties: { type: 'array', items: { $ref: '#/$defs/ReportingDuty' }, maxItems: L.reportingDuties, default: [] },
    recipients: {
      type: 'array',
      items: { $ref: '#/$defs/Recipient' },
      maxItems: L.recipients,
      description: 'Nơi nhận, theo thứ tự in, kết thúc bằng dòng lưu.',
    },
    signature: { $ref: '#/$defs/Signature' },
    footnotes: { type: 'array', items: { $ref: '#/$defs/Footnote' }, maxItems: L.footnotes, default: [] },
  },
  $defs: {
    Id: { type: 'string', minLength: 1, maxLength: L.idLength, pattern: ID_PATTERN },
    IsoDate: { type: 'string', pattern: ISO_DATE_PATTERN, description: 'Ngày dạng YYYY-MM-DD.' },
    DocumentReference: object(
      ['id', 'documentType'],
      {
        id: id(),
        documentType: text(120, 1, 'Loại văn bản như viết: "Chương trình", "Kế hoạch", "Nghị định"...'),
        numberSymbol: nullableText(60, 'Số, ký hiệu: "04-CTr/BDVTU", "59/2023/NĐ-CP".'),
        date: isoDateOrNull(),
        issuer: nullableText(L.title, 'Cơ quan ban hành.'),
        title: nullableText(L.heading, 'Trích yếu của văn bản được dẫn.'),
        planId: uuidOrNull('Kế hoạch trong hệ thống mà văn bản này trỏ tới (kế hoạch cấp trên).'),
      },
      'Văn bản được dẫn ở phần mở đầu.',
    ),
    Part: object(
      ['id', 'title'],
      {
        id: id(),
        title: text(L.title, 1, 'Tên phần, không kèm số thứ tự.'),
        group: { type: 'boolean', description: 'Phần đánh chữ cái (A, B, C...) gộp các phần La Mã sau nó; các phần này đánh số lại từ I.' },
        children: { type: 'array', items: { $ref: '#/$defs/BodyNode' }, maxItems: L.childrenPerNode, default: [] },
      },
      'Phần cấp 1: "I- MỤC ĐÍCH, YÊU CẦU" (Đảng) / "I. MỤC ĐÍCH, YÊU CẦU" (Nhà nước).',
    ),
    BodyNode: {
      type: 'object',
      discriminator: { propertyName: 'kind' },
      oneOf: [{ $ref: '#/$defs/Item' }, { $ref: '#/$defs/Paragraph' }, { $ref: '#/$defs/Bullet' }, { $ref: '#/$defs/Table' }],
    },
    Table: object(
      ['kind', 'id', 'columns'],
      {
        kind: { const: 'table' },
        id: id(),
        caption: nullableText(L.title, 'Tên bảng in đậm phía trên bảng.'),
        columns: {
          type: 'array',
          items: { $ref: '#/$defs/TableColumn' },
          minItems: 1,
          maxItems: L.tableColumns,
          description: 'Các cột; tên cột là hàng tiêu đề, lặp lại ở đầu mỗi trang.',
        },
        rows: { type: 'array', items: { $ref: '#/$defs/TableRow' }, maxItems: L.tableRows, default: [] },
      },
      'Bảng: hàng tiêu đề, các hàng; ô gộp ở hàng nhóm ("I" + tên nhóm trải hết bề ngang).',
    ),
    TableColumn: object(
      ['id', 'title'],
      {
        id: id(),
        title: text(L.title, 0, 'Ô tiêu đề: "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"...'),
        role: {
          anyOf: [{ enum: [...TABLE_COLUMN_ROLES] }, { type: 'null' }],
          default: null,
          description:
            'Cột chứa gì: number = số thứ tự, content = nội dung, directedBy = chỉ đạo, carriedOutBy = chủ trì, cooperating = phối hợp, timeframe = thời gian, product = sản phẩm, note = ghi chú.',
        },
      },
      'Một cột của bảng.',
    ),
    TableRow: object(
      ['id', 'cells'],
      {
        id: id(),
        cells: {
          type: 'array',
          items: { $ref: '#/$defs/TableCell' },
          minItems: 1,
          maxItems: L.tableColumns,
          description: 'Các ô; tổng số cột gộp bằng số cột của bảng.',
        },
        task: {
          anyOf: [{ $ref: '#/$defs/Task' }, { type: 'null' }],
          default: null,
          description: 'Hàng là một nhiệm vụ: lấy từ các ô chủ trì, chỉ đạo, thời gian.',
        },
      },
      'Một hàng của bảng.',
    ),
    TableCell: object(
      ['text'],
      {
        text: text(L.cell, 0, 'Lời văn của ô; \\n ngăn các dòng trong ô.'),
        colSpan: { type: 'integer', minimum: 1, maximum: L.tableColumns, default: 1, description: 'Số cột ô này chiếm (ô gộp).' },
      },
      'Một ô của bảng.',
    ),
    Appendix: object(
      ['id', 'title'],
      {
        id: id(),
        title: text(L.title, 0, 'Tên phụ lục, in đậm chữ hoa.'),
        attachmentLine: { type: 'boolean', default: true, description: 'In dòng "(Kèm theo Kế hoạch số ... ngày ... của ...)", điền khi ban hành.' },
        orientation: {
          anyOf: [{ enum: ['portrait', 'landscape'] }, { type: 'null' }],
          default: null,
          description: 'Hướng trang; null = trang ngang khi có bảng rộng.',
        },
        children: { type: 'array', items: { $ref: '#/$defs/BodyNode' }, maxItems: L.childrenPerNode, default: [] },
      },
      'Phụ lục: "PHỤ LỤC" (hoặc I, II... khi có nhiều), tên, dòng kèm theo, nội dung và bảng; không có chữ ký riêng.',
    ),
    Item: object(
      ['kind', 'id'],
      {
        kind: { const: 'item' },
        id: id(),
        heading: nullableText(L.heading, 'Tiêu đề in đậm của mục.'),
        text: nullableText(L.paragraph, 'Lời văn trên cùng dòng số thứ tự.'),
        task: { anyOf: [{ $ref: '#/$defs/Task' }, { type: 'null' }], default: null },
        children: { type: 'array', items: { $ref: '#/$defs/BodyNode' }, maxItems: L.childrenPerNode, default: [] },
      },
      'Mục có số: 1., 1.1., a), rồi -.',
    ),
    Paragraph: object(['kind', 'id', 'text'], { kind: { const: 'paragraph' }, id: id(), text: text(L.paragraph, 1) }, 'Đoạn văn không đánh số.'),
    Bullet: object(
      ['kind', 'id', 'text'],
      {
        kind: { const: 'bullet' },
        id: id(),
        text: text(L.paragraph, 1),
        children: { type: 'array', items: { $ref: '#/$defs/Bullet' }, maxItems: L.childrenPerNode, default: [] },
      },
      'Dòng gạch đầu dòng "- ..."; các dòng con là "+ ...".',
    ),
    Task: object(
      ['carriedOutBy', 'timeframe'],
      {
        directedBy: nullableText(L.nameText, 'Chỉ đạo thực hiện.'),
        carriedOutBy: text(L.nameText, 0, 'Tham mưu, thực hiện.'),
        assigneeOrganizationIds: uuids('Các tổ chức trong hệ thống được nêu ở "Tham mưu, thực hiện".'),
        timeframe: { $ref: '#/$defs/Timeframe' },
      },
      'Nhiệm vụ: ai chỉ đạo, ai tham mưu và thực hiện, khi nào.',
    ),
    Timeframe: {
      type: 'object',
      description: 'Thời gian thực hiện: thường xuyên, một ngày, quý, năm hoặc lời văn.',
      discriminator: { propertyName: 'kind' },
      oneOf: [
        object(['kind'], { kind: { const: 'ongoing' }, text: timeframeText }),
        object(['kind', 'date'], { kind: { const: 'date' }, date: isoDate(), text: timeframeText }),
        object(['kind', 'quarters', 'year'], {
          kind: { const: 'quarter' },
          quarters: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 4 }, minItems: 1, maxItems: 4, uniqueItems: true },
          year: { type: 'integer', minimum: 1900, maximum: 2200 },
          text: timeframeText,
        }),
        object(['kind', 'year'], { kind: { const: 'year' }, year: { type: 'integer', minimum: 1900, maximum: 2200 }, text: timeframeText }),
        object(['kind', 'text'], { kind: { const: 'text' }, text: text(L.shortText, 0) }),
      ],
    },
    ReportingDuty: object(
      ['id', 'what', 'deadline', 'to'],
      {
        id: id(),
        what: text(L.nameText, 1, 'Nội dung báo cáo.'),
        period: nullableText(200, '"6 tháng", "cuối năm", "hằng quý".'),
        deadline: isoDate('Hạn báo cáo ("trước ngày 15/6/2024" = 2024-06-15).'),
        to: text(L.title, 1, 'Nơi nhận báo cáo, như viết.'),
        toOrganizationId: uuidOrNull(),
        reporterOrganizationIds: uuids('Các tổ chức phải báo cáo; rỗng = mọi nơi nhận phải thực hiện.'),
      },
      'Chế độ báo cáo.',
    ),
    Recipient: object(
      ['id', 'name', 'purpose'],
      {
        id: id(),
        name: text(L.title, 1, 'Dòng nơi nhận như in, không kèm gạch đầu dòng và dấu câu cuối; với dòng lưu: các đơn vị lưu ("VP, BTGĐUK").'),
        organizationId: uuidOrNull('Tổ chức trong hệ thống (nhận qua hộp thư, triển khai kế hoạch cấp dưới).'),
        purpose: {
          enum: [...RECIPIENT_PURPOSES],
          description: 'report = để báo cáo, implement = để thực hiện, inform = để biết, coordinate = để phối hợp, archive = lưu.',
        },
        note: nullableText(200, 'In trong ngoặc sau tên: "b/c".'),
        email: { type: ['string', 'null'], format: 'email', maxLength: 200, default: null },
        mustImplement: { type: 'boolean', default: false, description: 'Cấp dưới phải xây dựng kế hoạch thực hiện.' },
        implementationDueDate: isoDateOrNull('Hạn ban hành kế hoạch thực hiện; null = mặc định của hệ thống.'),
      },
      'Một dòng nơi nhận.',
    ),
    Signature: object(
      ['capacityLines', 'signerName'],
      {
        capacityLines: {
          type: 'array',
          items: text(L.capacityLine, 1),
          maxItems: L.capacityLines,
          description: 'Thẩm quyền và chức vụ: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].',
        },
        signerName: text(200, 0, 'Họ tên người ký.'),
        signerUserId: uuidOrNull('Người dùng dự kiến ký.'),
        authorityId: uuidOrNull('Thẩm quyền ký được sử dụng.'),
      },
      'Khối chữ ký.',
    ),
    Footnote: object(['id', 'text'], { id: id(), text: text(L.footnote, 1) }, 'Chú thích cuối trang, được trỏ tới bằng [^id].'),
  },
} as const;
