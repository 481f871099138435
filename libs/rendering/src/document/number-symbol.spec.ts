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

  it('a State công văn names the body only (15/UBND); a Party notice keeps its type (01-TB/BCĐ)', () => {
    expect(numberLine({ ...state, documentType: 'CV' }, numberSymbol({ ...state, documentType: 'CV' }, 15))).toBe('Số: 15/UBND');
    expect(numberSymbol({ ...party, documentType: 'TB' }, 1)).toBe('01-TB/BCĐ');
  });

  it('leaves the number blank on a draft', () => {
    expect(numberLine(party, null)).toMatch(/^Số \u00a0+-KH\/BCĐ$/);
    expect(numberLine(state, null)).toMatch(/^Số: \u00a0+\/KH-UBND$/);
  });
});
