import { issuanceYear } from '@app/common';
import type { PlanContent } from '@app/plans';
import { buildDocumentView } from '@app/rendering';
import { documentModeOf } from '../plans/plan-document';

const CONTENT = {
  schemaVersion: 1,
  documentType: 'KH',
  summary: 'thực hiện dân chủ ở cơ sở năm 2023',
  place: null,
  preamble: { paragraphs: [], references: [] },
  parts: [],
  closing: [],
  reportingDuties: [],
  recipients: [],
  signature: { capacityLines: [], signerName: '', signerUserId: null, authorityId: null },
  footnotes: [],
} as unknown as PlanContent;
const ISSUER = {
  family: 'party' as const,
  placeName: 'Đức Phổ',
  superiorHeader: 'ĐẢNG BỘ TỈNH QUẢNG NGÃI',
  headerName: 'THỊ ỦY ĐỨC PHỔ',
  symbolAbbreviation: 'TU',
};

describe('the year of an undated plan (signing page, plan page)', () => {
  it("is the year the plan would be dated if signed at that instant, not the machine's year", () => {
    expect(issuanceYear(new Date('2023-06-14T03:00:00Z'), [])).toBe(2023);
    // Saturday 31 December 2022: dated Monday 2 January 2023.
    expect(issuanceYear(new Date('2022-12-31T03:00:00Z'), [])).toBe(2023);
    // 31 December 2024 at 20:00 in Hà Nội is still 2024 there... on a Tuesday.
    expect(issuanceYear(new Date('2024-12-31T13:00:00Z'), [])).toBe(2024);
    // ...and already 1 January 2025 (a holiday) at 17:30 UTC: dated Thursday 2 January 2025.
    expect(issuanceYear(new Date('2024-12-31T17:30:00Z'), ['2025-01-01'])).toBe(2025);
  });

  it('prints that year on the date line, day and month left blank', () => {
    const issuer = ISSUER as unknown as Parameters<typeof buildDocumentView>[0]['issuer'];
    const draft = buildDocumentView({
      issuer,
      content: CONTENT,
      mode: documentModeOf({ state: 'draft', numberSymbol: null, issuedOn: null, draftRound: 1 }, 2023),
    });
    expect(draft.dateLine.replace(/\u00a0+/g, ' … ')).toBe('Đức Phổ, ngày … tháng … năm 2023');
    const issued = buildDocumentView({
      issuer,
      content: CONTENT,
      mode: documentModeOf({ state: 'distributed', numberSymbol: '04-KH/TU', issuedOn: '2024-01-24', draftRound: 1 }, 2023),
    });
    expect(issued.dateLine).toBe('Đức Phổ, ngày 24 tháng 01 năm 2024');
  });
});
