/**
 * The edXML package of an issued document (QCVN 102:2016/BTTTT): the envelope header with
 * sender, recipients, code, promulgation, type, subject, signer and business type, the manifest
 * of attachments, and the attachments themselves base64-encoded. Pure: no I/O.
 */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** BussinessDocType of QCVN 102:2016: new document, revocation, update, replacement. */
export const EDXML_BUSINESS_TYPES = { new: '0', revoke: '1', update: '2', replace: '3' } as const;

export interface EdxmlParty {
  /** Identifier of the body in the exchange (here: the organization's code; empty for an external recipient). */
  organId: string;
  organName: string;
  email: string | null;
}

export interface EdxmlAttachment {
  name: string;
  contentType: string;
  description: string;
  bytes: Buffer;
}

export interface EdxmlDocument {
  documentId: string;
  from: EdxmlParty;
  to: EdxmlParty[];
  /** Number as printed ("04") and the rest of the symbol ("KH/BCĐ", "KH-UBND"). */
  codeNumber: string;
  codeNotation: string;
  place: string;
  /** ISO date (YYYY-MM-DD). */
  promulgationDate: string;
  /** Type abbreviation (KH) and name (Kế hoạch). */
  typeCode: string;
  typeName: string;
  subject: string;
  signer: { competence: string; function: string; fullName: string };
  /** Every line of "Nơi nhận" as printed, the archive line included. */
  toPlaces: string[];
  businessType: keyof typeof EDXML_BUSINESS_TYPES;
  /** BussinessDocReason: why (the revocation's reason, the replacement's cited line); empty for a new document. */
  businessReason?: string;
  /**
   * A replacement (BussinessDocType 3): the documents it replaces, as QCVN 102's
   * ReplacementInfoList names them (DocumentId and the organizations that received them).
   */
  replaces?: { documentId: string; organIds: string[] }[];
  /** ISO timestamp of the package. */
  timestamp: string;
  attachments: EdxmlAttachment[];
}

/** Splits "04-KH/BCĐ" / "48/KH-UBND" into the number as printed and the notation. */
export function splitNumberSymbol(numberSymbol: string): { codeNumber: string; codeNotation: string } {
  const match = /^(\d+)[-/](.+)$/.exec(numberSymbol.trim());
  return match ? { codeNumber: match[1], codeNotation: match[2] } : { codeNumber: '', codeNotation: numberSymbol.trim() };
}

/**
 * Capacity lines to edXML's signer: the function is the last line (the title: "PHÓ CHỦ TỊCH"),
 * the competence is what stands before it ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ").
 */
export function signerOf(capacityLines: string[], fullName: string): EdxmlDocument['signer'] {
  const lines = capacityLines.map((line) => line.trim()).filter(Boolean);
  return { competence: lines.slice(0, -1).join(' '), function: lines.at(-1) ?? '', fullName };
}

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Node = [name: string, children: Node[] | string];

function render(node: Node, indent: string): string {
  const [name, children] = node;
  const tag = `edXML:${name}`;
  if (typeof children === 'string') return children === '' ? `${indent}<${tag}/>` : `${indent}<${tag}>${escapeXml(children)}</${tag}>`;
  return `${indent}<${tag}>\n${children.map((child) => render(child, indent + '  ')).join('\n')}\n${indent}</${tag}>`;
}

const party = (name: string, p: EdxmlParty): Node => [
  name,
  [
    ['OrganId', p.organId],
    ['OrganName', p.organName],
    ['Email', p.email ?? ''],
  ],
];

export function buildEdxml(doc: EdxmlDocument): string {
  const contentIds = doc.attachments.map((_, i) => `attachment${i + 1}@${doc.documentId}`);
  const header: Node = [
    'edXMLHeader',
    [
      [
        'MessageHeader',
        [
          party('From', doc.from),
          ...doc.to.map((to) => party('To', to)),
          ['DocumentId', doc.documentId],
          [
            'Code',
            [
              ['CodeNumber', doc.codeNumber],
              ['CodeNotation', doc.codeNotation],
            ],
          ],
          [
            'PromulgationInfo',
            [
              ['Place', doc.place],
              ['PromulgationDate', doc.promulgationDate],
            ],
          ],
          [
            'DocumentType',
            [
              // Type 2: administrative document (not a legal normative one); TypeDetail carries the abbreviation.
              ['Type', '2'],
              ['TypeDetail', doc.typeCode],
              ['TypeName', doc.typeName],
            ],
          ],
          ['Subject', doc.subject],
          [
            'Author',
            [
              ['Competence', doc.signer.competence],
              ['Function', doc.signer.function],
              ['FullName', doc.signer.fullName],
            ],
          ],
          ['ToPlaces', doc.toPlaces.map((place): Node => ['Place', place])],
        ],
      ],
      [
        'TraceHeaderList',
        [
          [
            'TraceHeader',
            [
              ['OrganId', doc.from.organId],
              ['Timestamp', doc.timestamp],
            ],
          ],
          [
            'Bussiness',
            [
              ['BussinessDocType', EDXML_BUSINESS_TYPES[doc.businessType]],
              ['BussinessDocReason', doc.businessReason ?? ''],
              ...(doc.replaces?.length
                ? [
                    [
                      'ReplacementInfoList',
                      doc.replaces.map((r): Node => [
                        'ReplacementInfo',
                        [
                          ['DocumentId', r.documentId],
                          ['OrganIdList', r.organIds.map((id): Node => ['OrganId', id])],
                        ],
                      ]),
                    ] as Node,
                  ]
                : []),
            ],
          ],
        ],
      ],
    ],
  ];
  const body: Node = [
    'edXMLBody',
    [
      [
        'edXMLManifest',
        doc.attachments.map((a, i): Node => [
          'Reference',
          [
            ['ContentId', `cid:${contentIds[i]}`],
            ['ContentType', a.contentType],
            ['Description', a.description],
            ['AttachmentName', a.name],
          ],
        ]),
      ],
    ],
  ];
  const attachments = doc.attachments
    .map(
      (a, i) =>
        `    <Attachment>\n      <ContentId>${escapeXml(contentIds[i])}</ContentId>\n      <AttachmentName>${escapeXml(a.name)}</AttachmentName>\n` +
        `      <ContentType>${escapeXml(a.contentType)}</ContentType>\n      <ContentTransferEncoded>${wrapBase64(a.bytes.toString('base64'))}</ContentTransferEncoded>\n    </Attachment>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<edXML xmlns:edXML="${EDXML_NAMESPACE}">\n` +
    `  <edXML:edXMLEnvelope>\n${render(header, '    ')}\n${render(body, '    ')}\n  </edXML:edXMLEnvelope>\n` +
    `  <AttachmentEncoded>\n${attachments}\n  </AttachmentEncoded>\n` +
    `</edXML>\n`
  );
}

/** Base64 in lines of 76 characters, as in MIME. */
function wrapBase64(value: string): string {
  return value.replace(/(.{76})/g, '$1\n');
}
