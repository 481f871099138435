import type { Family } from '@app/identity';

/** A document's number and symbol as the header prints it. */
export interface ParsedNumber {
  family: Family;
  /** null when left blank (a draft: "Số    -KH/BCĐ"). */
  number: number | null;
  /** "04-KH/BCĐ", "48/KH-UBND"; null when the number is blank. */
  numberSymbol: string | null;
  /** Type abbreviation: KH, CTr... */
  typeCode: string;
  /** Issuer abbreviation: BCĐ, UBND, "UBND-BDV". */
  organization: string;
}

const DASH = '[-–—]';
const WORD = '[\\p{L}\\d]+';
const ORG = `${WORD}(?:\\s*${DASH}\\s*${WORD})*`;
// Party: "Số 04-KH/BCĐ" (a colon and spaces as people type them are tolerated).
const PARTY = new RegExp(`^Số\\s*:?\\s*(\\d*)[\\s.…_]*${DASH}\\s*(\\p{L}+)\\s*\\/\\s*(${ORG})`, 'u');
// State: "Số: 48/KH-UBND", "Số: 48 /KH-UBND", "Số:    /KH-UBND".
const STATE = new RegExp(`^Số\\s*:?\\s*(\\d*)[\\s.…_]*\\/\\s*(\\p{L}+)\\s*${DASH}\\s*(${ORG})`, 'u');

function compact(text: string): string {
  return text.replace(/\s+/g, '').replace(/[–—]/g, '-');
}

/** Parses "Số 04-KH/BCĐ" (Party) or "Số: 48/KH-UBND" (State); null when the line is neither. */
export function parseNumberLine(visible: string): ParsedNumber | null {
  const text = visible.trim();
  const party = PARTY.exec(text);
  if (party) {
    const [, digits, typeCode, org] = party;
    const organization = compact(org);
    return {
      family: 'party',
      number: digits ? Number(digits) : null,
      numberSymbol: digits ? `${digits}-${typeCode}/${organization}` : null,
      typeCode,
      organization,
    };
  }
  const state = STATE.exec(text);
  if (state) {
    const [, digits, typeCode, org] = state;
    const organization = compact(org);
    return {
      family: 'state',
      number: digits ? Number(digits) : null,
      numberSymbol: digits ? `${digits}/${typeCode}-${organization}` : null,
      typeCode,
      organization,
    };
  }
  return null;
}

/** A number and symbol compared loosely: no spaces, one kind of dash, case folded. */
export function normalizeNumberSymbol(value: string): string {
  return compact(value).toLocaleUpperCase('vi');
}
