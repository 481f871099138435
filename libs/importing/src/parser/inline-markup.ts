/**
 * Helpers for text carrying the content model's light markup (`*italic*`, `**bold**`,
 * `[^id]` footnote marks): what it reads as, and how to take a prefix off it.
 */

/** The text without emphasis marks (footnote marks kept). */
export function plainText(text: string): string {
  return text.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
}

/** The text without emphasis nor footnote marks: what a reader sees. */
export function readableText(text: string): string {
  return plainText(text.replace(/\[\^[^\]]+\]/g, ''));
}

/** `**...**` around the whole text (or `***...***`): the line is bold. */
export function isWhollyBold(text: string): boolean {
  const trimmed = text.trim();
  const match = /^(\*{2,3})(?=\S)([\s\S]*?\S)\1((?:\[\^[^\]]+\])*)[.:]?$/.exec(trimmed);
  return !!match && !match[2].includes('**');
}

/** `*...*` around the whole text. */
export function isWhollyItalic(text: string): boolean {
  const trimmed = text.trim();
  return /^\*{1,3}(?=\S)[\s\S]*?\S\*{1,3}[.:]?$/.test(trimmed) && (trimmed.startsWith('***') || !trimmed.startsWith('**'));
}

/** The text without the emphasis that wraps all of it. */
export function unwrapEmphasis(text: string): string {
  let current = text.trim();
  for (;;) {
    const match = /^(\*{1,3})(?=\S)([\s\S]*?\S)\1((?:\[\^[^\]]+\])*[.:]?)$/.exec(current);
    if (!match || match[2].includes(match[1].length === 1 ? '*' : '**')) return current;
    current = (match[2] + match[3]).trim();
  }
}

/**
 * Removes `count` visible characters from the start of a marked text, keeping the marks met
 * on the way (they open the emphasis of what follows), then any spaces.
 */
export function dropVisiblePrefix(text: string, count: number): string {
  let marks = '';
  let i = 0;
  let left = count;
  while (i < text.length && left > 0) {
    if (text[i] === '*') marks += '*';
    else if (!/\s/.test(text[i]) || left > 0) left--;
    i++;
  }
  let rest = text.slice(i);
  while (rest.startsWith('*')) {
    marks += '*';
    rest = rest.slice(1);
  }
  return tidyMarkup(marks + rest.replace(/^\s+/, ''));
}

/**
 * Tidies emphasis after cutting and joining: drops empty pairs, joins `*a* *b*` into
 * `*a b*`, and keeps spaces outside the marks.
 */
export function tidyMarkup(text: string): string {
  let out = text;
  for (let pass = 0; pass < 3; pass++) {
    out = out
      .replace(/\*\*\*\*\*\*/g, '')
      .replace(/(^|[^*])\*\*\*\*(?!\*)/g, '$1')
      .replace(/(^|[^*])(\*{1,3})(\s+)\2(?!\*)/g, '$1$3')
      .replace(/(^|[^*])(\*{1,3})([^*\s][^*]*?)\2(\s+)\2([^*\s][^*]*?)\2(?!\*)/g, '$1$2$3$4$5$2');
  }
  return out;
}

/** Whether the visible text ends a sentence or a clause (., ;, :, !, ?, …, ./.). */
export function endsClause(text: string): boolean {
  return /[.;:!?…](\s*[)”"’»])*$/.test(readableText(text));
}

/** Whether the visible text starts with a lower-case letter (a line that continues a sentence). */
export function startsLowerCase(text: string): boolean {
  const visible = readableText(text).replace(/^[“"‘'(«\s]+/, '');
  const first = visible[0] ?? '';
  return first !== first.toUpperCase() && first === first.toLowerCase();
}

/** Whether every letter is a capital (a header line, a part title, a capacity line). */
export function isUpperCase(text: string): boolean {
  const letters = readableText(text).replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/** Trims trailing separators of a list line: "Ban Dân vận Tỉnh ủy," -> "Ban Dân vận Tỉnh ủy". */
export function trimListPunctuation(text: string): string {
  return text.replace(/[\s,;.]+$/, '').trim();
}
