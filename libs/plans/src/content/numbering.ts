import type { Appendix, BodyNode, Bullet, Part, PlanContent } from './plan-content';

/** The two families of documents; numbering differs only at the part level. */
export type NumberingFamily = 'party' | 'state';

/**
 * Labels of a plan's numbered nodes (domain.md, "Anatomy of a plan"), computed from the tree and
 * the family, never typed by hand:
 * - parts: Party "I-", "II-"; State "I.", "II.";
 * - items: depth 1 "1.", depth 2 "1.1.", depth 3 "a)", depth 4 "-", deeper "+";
 * - bullets: "-", and "+" under a bullet.
 * Paragraphs carry no label and do not count. Items and bullets are counted separately
 * among their siblings.
 */
export function numberPlan(content: Pick<PlanContent, 'parts'> & { appendices?: Appendix[] }, family: NumberingFamily): Record<string, string> {
  const labels: Record<string, string> = {};
  const parts = partLabels(content.parts, family);
  content.parts.forEach((part, i) => {
    labels[part.id] = parts[i];
    numberChildren(part.children, [], labels);
  });
  const appendices = content.appendices ?? [];
  appendices.forEach((appendix, i) => {
    labels[appendix.id] = appendixLabel(i + 1, appendices.length);
    numberChildren(appendix.children, [], labels);
  });
  return labels;
}

/**
 * The labels of the parts in order: lettered parts (`group`) "A-", "B-" (Party) / "A.", "B."
 * (State); the numbered parts under each start again at "I".
 */
export function partLabels(parts: Pick<Part, 'group'>[], family: NumberingFamily): string[] {
  let groups = 0;
  let numbered = 0;
  return parts.map((part) => {
    if (part.group) {
      numbered = 0;
      return groupLabel(++groups, family);
    }
    return partLabel(++numbered, family);
  });
}

/** "A-" (Party) or "A." (State); past "Z" the letters double. */
export function groupLabel(n: number, family: NumberingFamily): string {
  const letters = 'ABCDEFGHIKLMNOPQRSTUVXY';
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / letters.length)) name = letters[(k - 1) % letters.length] + name;
  return `${name}${family === 'party' ? '-' : '.'}`;
}

/** "PHỤ LỤC" when the plan has one appendix, else "PHỤ LỤC I", "PHỤ LỤC II"... */
export function appendixLabel(n: number, count: number): string {
  return count > 1 ? `PHỤ LỤC ${toRoman(n)}` : 'PHỤ LỤC';
}

function numberChildren(children: BodyNode[], parentNumbers: number[], labels: Record<string, string>): void {
  let items = 0;
  for (const node of children) {
    if (node.kind === 'item') {
      items++;
      const numbers = [...parentNumbers, items];
      labels[node.id] = itemLabel(numbers);
      numberChildren(node.children, numbers, labels);
    } else if (node.kind === 'bullet') {
      numberBullet(node, 0, labels);
    }
  }
}

function numberBullet(bullet: Bullet, depth: number, labels: Record<string, string>): void {
  labels[bullet.id] = depth === 0 ? '-' : '+';
  for (const child of bullet.children) numberBullet(child, depth + 1, labels);
}

/** "I-" (Party) or "I." (State). */
export function partLabel(n: number, family: NumberingFamily): string {
  return `${toRoman(n)}${family === 'party' ? '-' : '.'}`;
}

/** The label of an item from its position at each depth: [2] "2.", [2, 3] "2.3.", [2, 3, 1] "a)". */
export function itemLabel(numbers: number[]): string {
  switch (numbers.length) {
    case 1:
      return `${numbers[0]}.`;
    case 2:
      return `${numbers[0]}.${numbers[1]}.`;
    case 3:
      return `${vietnameseLetter(numbers[2])})`;
    case 4:
      return '-';
    default:
      return '+';
  }
}

/** Letters of Vietnamese official lists: a, b, c, d, đ, e, g, h, i, k... (no f, j, w, z). */
export const VIETNAMESE_LIST_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];

/** The n-th list letter (1-based); past "y" the letters double: "aa", "ab"... */
export function vietnameseLetter(n: number): string {
  const letters = VIETNAMESE_LIST_LETTERS;
  if (n <= letters.length) return letters[n - 1];
  return vietnameseLetter(Math.floor((n - 1) / letters.length)) + letters[(n - 1) % letters.length];
}

export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`no Roman numeral for ${n}`);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}
