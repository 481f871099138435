/**
 * Inline markup of plan text (plan-content.ts): `**bold**`, `*italic*`, footnote marks
 * `[^id]` and `\*` for a literal star. Everything else is text, escaped for HTML.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Numbers footnotes in order of first mention, across the whole document. */
export class FootnoteCounter {
  private readonly numbers = new Map<string, number>();

  constructor(private readonly known: ReadonlySet<string>) {}

  numberOf(id: string): number | null {
    if (!this.known.has(id)) return null;
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(id, n);
    }
    return n;
  }

  /** Footnote ids in the order they were first cited. */
  order(): string[] {
    return [...this.numbers.keys()];
  }
}

// Private-use characters stand for escaped stars while the markup is parsed.
const LITERAL_STAR = '\uE000';

/** Text with inline markup as safe HTML. */
export function inlineHtml(text: string, footnotes?: FootnoteCounter): string {
  let html = escapeHtml(text.replace(/\\\*/g, LITERAL_STAR));
  html = replaceEmphasis(html, '**', '<b>', '</b>');
  html = replaceEmphasis(html, '*', '<i>', '</i>');
  html = html.replace(FOOTNOTE_MARK, (mark, id: string) => {
    const n = footnotes?.numberOf(id);
    return n ? `<sup class="fn-ref">${n}</sup>` : '';
  });
  return html.replace(new RegExp(LITERAL_STAR, 'g'), '*');
}

/** The text without markup, as a reader sees it (PDF metadata, plain exports). */
export function plainText(text: string): string {
  let plain = text.replace(/\\\*/g, LITERAL_STAR).replace(FOOTNOTE_MARK, '');
  plain = replaceEmphasis(plain, '**', '', '');
  plain = replaceEmphasis(plain, '*', '', '');
  return plain.replace(new RegExp(LITERAL_STAR, 'g'), '*');
}

// `[^id]`: an id never holds "[", so that "[^[^[^..." cannot make the scan quadratic.
const FOOTNOTE_MARK = /\[\^([^\]\s[]+)\]/g;

/** What `\s` matches, by code: tested per character, so that no pattern runs over the text. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 160 ||
    code === 5760 ||
    (code >= 8192 && code <= 8202) ||
    code === 8232 ||
    code === 8233 ||
    code === 8239 ||
    code === 8287 ||
    code === 12288 ||
    code === 65279
  );
}

const STAR = 42;

/**
 * Replaces every `<marker>X<marker>` by `<before>X<after>` (X starting and ending with a non-space, the shortest
 * such X, left to right) in linear time. A lazy regular expression says the same, but
 * backtracks quadratically on runs of unclosed stars; here one forward scan finds the
 * closing markers, and once there is none left the rest is copied as it is.
 */
export function replaceEmphasis(text: string, marker: '*' | '**', before: string, after: string): string {
  const width = marker.length;
  const n = text.length;
  const isMarker = (j: number) => text.charCodeAt(j) === STAR && (width === 1 || text.charCodeAt(j + 1) === STAR);
  // The first closing marker (a marker after a non-space) at or after `from`; `from` only grows,
  // so one forward pointer finds them all: every position is looked at once.
  let scanned = 0;
  let found = -1;
  const nextClose = (from: number): number => {
    if (found >= from) return found;
    if (found === -1 && scanned > from) return -1;
    for (let j = Math.max(from, scanned, 1); j < n; j++) {
      if (isMarker(j) && !isSpace(text.charCodeAt(j - 1))) {
        scanned = j + 1;
        return (found = j);
      }
    }
    scanned = n;
    return (found = -1);
  };
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    if (isMarker(i) && i + width < n && !isSpace(text.charCodeAt(i + width))) {
      const close = nextClose(i + width + 1);
      if (close < 0) break;
      out += text.slice(copied, i) + before + text.slice(i + width, close) + after;
      i = copied = close + width;
      continue;
    }
    i++;
  }
  return out + text.slice(copied);
}
