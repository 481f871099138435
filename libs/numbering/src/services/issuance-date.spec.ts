import { issuanceDate } from './numbering.service';

describe('issuanceDate: the day a signed plan is dated', () => {
  it('is the Vietnam calendar day of the signature (UTC+7)', () => {
    expect(issuanceDate(new Date('2024-01-24T02:15:00Z'))).toBe('2024-01-24');
    // 18:30 UTC on the 23rd is already 01:30 on the 24th in Vietnam.
    expect(issuanceDate(new Date('2024-01-23T18:30:00Z'))).toBe('2024-01-24');
  });

  it('moves a signature made on a weekend to the Monday', () => {
    expect(issuanceDate(new Date('2024-03-30T03:00:00Z'))).toBe('2024-04-01'); // Saturday
    expect(issuanceDate(new Date('2024-03-31T03:00:00Z'))).toBe('2024-04-01'); // Sunday
  });

  it('skips configured holidays, and the weekend after them', () => {
    // Thursday 2024-05-02 signed; 30/4 and 1/5 are before it and do not matter.
    expect(issuanceDate(new Date('2024-05-02T03:00:00Z'), ['2024-04-30', '2024-05-01'])).toBe('2024-05-02');
    // Signed on 30/4 (Tuesday, holiday), 1/5 holiday too: dated Thursday 2/5.
    expect(issuanceDate(new Date('2024-04-30T03:00:00Z'), ['2024-04-30', '2024-05-01'])).toBe('2024-05-02');
    // Signed on Friday 2024-08-30 before a holiday Monday 2/9: Tuesday 3/9.
    expect(issuanceDate(new Date('2024-08-31T03:00:00Z'), ['2024-09-02'])).toBe('2024-09-03');
  });
});
