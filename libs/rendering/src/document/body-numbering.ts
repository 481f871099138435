import type { Family } from '@app/identity';
import type { Timeframe } from '../../../plans/src/content/plan-content';

// TEMPORARY: the same rules as libs/plans/src/content/numbering.ts, until that file is committed.
const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];
const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

export function toRoman(n: number): string {
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

export function partLabel(n: number, family: Family): string {
  return `${toRoman(n)}${family === 'party' ? '-' : '.'}`;
}

export function itemLabel(numbers: number[]): string {
  switch (numbers.length) {
    case 1:
      return `${numbers[0]}.`;
    case 2:
      return `${numbers[0]}.${numbers[1]}.`;
    case 3:
      return `${LETTERS[(numbers[2] - 1) % LETTERS.length]})`;
    case 4:
      return '-';
    default:
      return '+';
  }
}

/** "Thường xuyên", "Quý II, III/2023", "Năm 2023", "21/3/2024": the wording given, else one built from the structure. */
export function timeframeText(timeframe: Timeframe): string {
  if (timeframe.text) return timeframe.text;
  switch (timeframe.kind) {
    case 'ongoing':
      return 'Thường xuyên';
    case 'date': {
      const [y, m, d] = timeframe.date.split('-').map(Number);
      return `Trước ngày ${d}/${m}/${y}`;
    }
    case 'quarter':
      return `Quý ${timeframe.quarters.map(toRoman).join(', ')}/${timeframe.year}`;
    case 'year':
      return `Năm ${timeframe.year}`;
    default:
      return '';
  }
}
