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
  html = html.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<b>$1</b>');
  html = html.replace(/\*(?=\S)([\s\S]*?\S)\*/g, '<i>$1</i>');
  html = html.replace(/\[\^([^\]\s]+)\]/g, (mark, id: string) => {
    const n = footnotes?.numberOf(id);
    return n ? `<sup class="fn-ref">${n}</sup>` : '';
  });
  return html.replace(new RegExp(LITERAL_STAR, 'g'), '*');
}

/** The text without markup, as a reader sees it (PDF metadata, plain exports). */
export function plainText(text: string): string {
  return text
    .replace(/\\\*/g, LITERAL_STAR)
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    .replace(/\*(?=\S)([\s\S]*?\S)\*/g, '$1')
    .replace(new RegExp(LITERAL_STAR, 'g'), '*');
}
