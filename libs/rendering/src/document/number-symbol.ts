import type { Family } from '@app/identity';

/**
 * Number and symbol (số, ký hiệu) as the two families write them (domain.md):
 * Party `04-KH/BCĐ` printed "Số 04-KH/BCĐ"; State `48/KH-UBND` printed "Số: 48/KH-UBND".
 */
export interface SymbolParts {
  family: Family;
  /** KH, CTr, NQ... */
  documentType: string;
  /** BCĐ, UBND... */
  organizationAbbreviation: string;
}

/** Width kept for the number on a draft, where the clerk writes it by hand. */
const BLANK_NUMBER = '\u00a0'.repeat(6);

export function formatNumber(n: number, leadingZero = true): string {
  return leadingZero && n < 10 ? `0${n}` : String(n);
}

/** "04-KH/BCĐ", "48/KH-UBND". */
export function numberSymbol(parts: SymbolParts, n: number, leadingZero = true): string {
  return symbolWith(parts, formatNumber(n, leadingZero));
}

/** The printed line: "Số 04-KH/BCĐ", "Số: 48/KH-UBND"; without a number, a draft's blank. */
export function numberLine(parts: SymbolParts, symbol: string | null): string {
  const prefix = parts.family === 'party' ? 'Số ' : 'Số: ';
  return prefix + (symbol ?? symbolWith(parts, BLANK_NUMBER));
}

/** The number and symbol with `number` in the number's place (a blank, or a mark where the signer's document leaves room). */
export function symbolWith(parts: SymbolParts, number: string): string {
  // A State công văn's symbol names the body only (Nghị định 30, Phụ lục I): "15/UBND".
  if (parts.family === 'state' && parts.documentType === 'CV') return `${number}/${parts.organizationAbbreviation}`;
  return parts.family === 'party'
    ? `${number}-${parts.documentType}/${parts.organizationAbbreviation}`
    : `${number}/${parts.documentType}-${parts.organizationAbbreviation}`;
}
