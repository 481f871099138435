import type { PlanContent } from '@app/plans';
import { DocumentTemplates } from './document-templates';
import { buildDocumentView, DocumentMode } from './document-view';

const content = {
  schemaVersion: 1,
  documentType: 'KH',
  summary: 'thực hiện năm 2024',
  place: null,
  preamble: { paragraphs: [], references: [] },
  parts: [{ id: 'p', title: 'Mục đích, yêu cầu', children: [{ kind: 'paragraph', id: 'x', text: 'Nội dung.' }] }],
  closing: [],
  reportingDuties: [],
  recipients: [],
  footnotes: [],
  appendices: [{ id: 'a', title: 'Danh mục', attachmentLine: true, orientation: null, children: [{ kind: 'paragraph', id: 'y', text: 'Phụ lục.' }] }],
  signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Nguyễn Văn A', signerUserId: null, authorityId: null },
} as unknown as PlanContent;
const issuer = {
  family: 'state' as const,
  fullName: 'Ủy ban nhân dân xã Nhơn Hậu',
  symbolAbbreviation: 'UBND',
  placeName: 'Nhơn Hậu',
  superiorHeader: 'ỦY BAN NHÂN DÂN THỊ XÃ AN NHƠN',
  headerName: 'ỦY BAN NHÂN DÂN XÃ NHƠN HẬU',
};
const verification = { url: 'https://kehoach.test/v/ABCDEFGHJKMNPQRS', qrSvg: '<svg class="qr-test"></svg>' };
const templates = new DocumentTemplates();
const html = (mode: DocumentMode) => templates.fragment(buildDocumentView({ issuer, content, mode, verification }));

describe('the verification mark in the document view', () => {
  it('is printed on every document that is not a draft, last, after the appendices (so on the last page)', () => {
    for (const mode of [
      { kind: 'final', year: 2026 },
      { kind: 'issued', numberSymbol: '12/KH-UBND', issuedOn: '2026-12-05', stamp: null },
    ] as DocumentMode[]) {
      const page = html(mode);
      expect(page).toContain('<svg class="qr-test"></svg>');
      expect(page).toContain('https://kehoach.test/v/ABCDEFGHJKMNPQRS');
      expect(page.indexOf('verification-mark')).toBeGreaterThan(page.lastIndexOf('Phụ lục.'));
    }
  });

  it('is never printed on a draft, even when the caller hands one over', () => {
    const page = html({ kind: 'draft', round: 2, year: 2026 });
    expect(page).toContain('DỰ THẢO LẦN 2');
    expect(page).not.toContain('qr-test');
    expect(page).not.toContain('/v/');
    expect(buildDocumentView({ issuer, content, mode: { kind: 'draft', round: 1, year: 2026 }, verification }).verification).toBeNull();
  });
});
