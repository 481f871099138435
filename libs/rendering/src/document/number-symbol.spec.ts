import { formatNumber, numberLine, numberSymbol } from './number-symbol';

const party = { family: 'party' as const, documentType: 'KH', organizationAbbreviation: 'BCĐ' };
const state = { family: 'state' as const, documentType: 'KH', organizationAbbreviation: 'UBND' };

describe('number and symbol', () => {
  it('writes numbers below 10 with a leading zero, unless told not to', () => {
    expect(formatNumber(4)).toBe('04');
    expect(formatNumber(48)).toBe('48');
    expect(formatNumber(4, false)).toBe('4');
  });

  it('follows each family: Party number-TYPE/ORG without a colon, State number/TYPE-ORG with one', () => {
    expect(numberSymbol(party, 4)).toBe('04-KH/BCĐ');
    expect(numberLine(party, numberSymbol(party, 4))).toBe('Số 04-KH/BCĐ');
    expect(numberSymbol(state, 48)).toBe('48/KH-UBND');
    expect(numberLine(state, numberSymbol(state, 48))).toBe('Số: 48/KH-UBND');
  });

  it('leaves the number blank on a draft', () => {
    expect(numberLine(party, null)).toMatch(/^Số \u00a0+-KH\/BCĐ$/);
    expect(numberLine(state, null)).toMatch(/^Số: \u00a0+\/KH-UBND$/);
  });
});
