/**
 * Compares a rendered PDF's text with a seed as published: words in order, ignoring line
 * breaks, white space, letter case and the seed's markup (`**`, `#`, `\*`, `*italic*`, and the
 * Word export's `[bookmark: ...]` / `[footnoteRef:n]` marks).
 */
export function seedWords(seed: string): string[] {
  const { text, footnotes } = seedFlows(seed);
  return [...text, ...footnotes.flat()];
}

/**
 * The seed's text and its footnotes apart: the Word export writes each footnote's text
 * ("[1:  ...]") where it is cited; on paper, and in the rendered document, each prints at the
 * foot of the page that cites it, so it is read apart from the text's flow.
 */
function seedFlows(seed: string): { text: string[]; footnotes: string[][] } {
  const footnotes: string[][] = [];
  const text = seed
    .normalize('NFC')
    .replace(/\[bookmark:[^\]]*\]/g, ' ')
    .replace(/\[footnoteRef:\d+\]/g, ' ')
    .replace(/\[(\d+):\s+([^\]]*)\]/g, (_, n: string, note: string) => {
      footnotes.push(words(clean(note)));
      return ' ';
    });
  return { text: words(clean(text)), footnotes };
}

function clean(text: string): string {
  return text.replace(/\\\*/g, '*').replace(/\*/g, '').replace(/#/g, '');
}

export function pdfWords(text: string): string[] {
  return words(text.normalize('NFC'));
}

function words(text: string): string[] {
  return text
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Length of the longest common subsequence of two word lists (two rows of the table). */
export function commonWordsInOrder(a: string[], b: string[]): number {
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** Share of the seed's words found in the PDF in the same order (0..1): the text, and each footnote in itself. */
export function wordsInOrderRatio(seed: string, pdfText: string): { ratio: number; seedWords: number; matched: number } {
  const { text, footnotes } = seedFlows(seed);
  const pdf = pdfWords(pdfText);
  const matched = commonWordsInOrder(text, pdf) + footnotes.reduce((sum, note) => sum + commonWordsInOrder(note, pdf), 0);
  const total = text.length + footnotes.reduce((sum, note) => sum + note.length, 0);
  return { ratio: matched / total, seedWords: total, matched };
}
