import { parseXmlStrict } from '../../../../test/support/strict-xml';
import { buildEdxml, EDXML_NAMESPACE, EdxmlDocument, signerOf, splitNumberSymbol } from './edxml-builder';

const doc = (overrides: Partial<EdxmlDocument> = {}): EdxmlDocument => ({
  documentId: '7f1c7a52-1b7e-4a4f-9d1e-3c2b1a0f9e8d',
  from: { organId: 'bcd-duk', organName: 'Ban Chỉ đạo thực hiện QCDC ở cơ sở Đảng ủy Khối', email: 'bcd@duk.vn' },
  to: [
    { organId: 'db-stc', organName: 'Đảng bộ Sở Tài chính', email: null },
    { organId: '', organName: 'Báo Bình Định <điện tử> & "phát thanh"', email: 'toasoan@baobinhdinh.vn' },
  ],
  codeNumber: '04',
  codeNotation: 'KH/BCĐ',
  place: 'Bình Định',
  promulgationDate: '2024-01-24',
  typeCode: 'KH',
  typeName: 'Kế hoạch',
  subject: 'triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024',
  signer: { competence: 'PHÓ BÍ THƯ kiêm', function: 'TRƯỞNG BAN CHỈ ĐẠO', fullName: 'Bùi Quang Nhựt' },
  toPlaces: ['Ban Dân vận Tỉnh ủy', 'Lưu VP, BTGĐUK'],
  businessType: 'new',
  timestamp: '2024-01-24T02:00:00.000Z',
  attachments: [
    {
      name: '04-KH-BCĐ.pdf',
      contentType: 'application/pdf',
      description: 'Kế hoạch số 04-KH/BCĐ',
      bytes: Buffer.from('%PDF-1.7 bytes \u0000\u00ff'.repeat(40), 'latin1'),
    },
  ],
  ...overrides,
});

const parse = parseXmlStrict;

const text = (root: Document | Element, name: string) => Array.from(root.getElementsByTagNameNS(EDXML_NAMESPACE, name)).map((e) => e.textContent);

describe('edXML package (QCVN 102:2016)', () => {
  it('is well-formed XML whose envelope parses back to the same facts', () => {
    const input = doc();
    const xml = parse(buildEdxml(input));
    expect(xml.documentElement.localName).toBe('edXML');
    expect(xml.getElementsByTagNameNS(EDXML_NAMESPACE, 'edXMLEnvelope')).toHaveLength(1);
    const header = xml.getElementsByTagNameNS(EDXML_NAMESPACE, 'MessageHeader')[0];
    const from = header.getElementsByTagNameNS(EDXML_NAMESPACE, 'From')[0];
    expect(text(from, 'OrganName')).toEqual([input.from.organName]);
    expect(text(header, 'To').length).toBe(2);
    expect(Array.from(header.getElementsByTagNameNS(EDXML_NAMESPACE, 'To')).map((to) => text(to, 'OrganName')[0])).toEqual(
      input.to.map((t) => t.organName),
    );
    expect(text(header, 'CodeNumber')).toEqual(['04']);
    expect(text(header, 'CodeNotation')).toEqual(['KH/BCĐ']);
    expect(text(header, 'Place')).toEqual(['Bình Định', 'Ban Dân vận Tỉnh ủy', 'Lưu VP, BTGĐUK']);
    expect(text(header, 'PromulgationDate')).toEqual(['2024-01-24']);
    expect(text(header, 'TypeName')).toEqual(['Kế hoạch']);
    expect(text(header, 'Subject')).toEqual([input.subject]);
    expect(text(header, 'Competence')).toEqual(['PHÓ BÍ THƯ kiêm']);
    expect(text(header, 'Function')).toEqual(['TRƯỞNG BAN CHỈ ĐẠO']);
    expect(text(header, 'FullName')).toEqual(['Bùi Quang Nhựt']);
    expect(text(xml, 'BussinessDocType')).toEqual(['0']);
  });

  it('carries the attachment as base64 that decodes to the same bytes, named in the manifest', () => {
    const input = doc();
    const xml = parse(buildEdxml(input));
    const reference = xml.getElementsByTagNameNS(EDXML_NAMESPACE, 'Reference')[0];
    const contentId = text(reference, 'ContentId')[0]!.replace(/^cid:/, '');
    expect(text(reference, 'AttachmentName')).toEqual(['04-KH-BCĐ.pdf']);
    const attachment = Array.from(xml.getElementsByTagName('Attachment')).find(
      (a) => a.getElementsByTagName('ContentId')[0].textContent === contentId,
    )!;
    const encoded = attachment.getElementsByTagName('ContentTransferEncoded')[0].textContent!;
    expect(Buffer.from(encoded.replace(/\s+/g, ''), 'base64').equals(input.attachments[0].bytes)).toBe(true);
  });

  it('escapes markup characters and drops characters XML cannot carry', () => {
    const xml = parse(buildEdxml(doc({ subject: 'a < b && c > "d" \u0007 e' })));
    expect(text(xml, 'Subject')).toEqual(['a < b && c > "d"  e']);
  });

  it('splits number and symbol in both families', () => {
    expect(splitNumberSymbol('04-KH/BCĐ')).toEqual({ codeNumber: '04', codeNotation: 'KH/BCĐ' });
    expect(splitNumberSymbol('48/KH-UBND')).toEqual({ codeNumber: '48', codeNotation: 'KH-UBND' });
  });

  it('reads the signer from capacity lines: the last line is the function, the lines above the competence', () => {
    expect(signerOf(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], 'Nguyễn Văn A')).toEqual({
      competence: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH',
      function: 'PHÓ CHỦ TỊCH',
      fullName: 'Nguyễn Văn A',
    });
    expect(signerOf(['CHỦ TỊCH'], 'B')).toEqual({ competence: '', function: 'CHỦ TỊCH', fullName: 'B' });
  });
});
