import type { Footnote } from '@app/plans';
import { SourceLine } from '../readers/source-document';
import { Artifact } from './prepare-lines';

/**
 * A document laid out in pages (pdftotext -layout) back to the lines a writer typed: the
 * marks of the page are removed (page numbers, the letters of a diagonal "DỰ THẢO"
 * watermark, blank lines), footnotes are taken from the foot of their pages, and the
 * superscript numbers that pdftotext glues to the cited word ("QĐ/TW1,") become `[^1]`.
 */
/** One to three capitals with a gap of five spaces or more before and after (or at the line's end). */
const WATERMARK_BESIDE_TEXT = /(^|\s{5,})(\p{Lu}{1,3})(?=\s{5,}\S)/gu;

export function unlayPdfText(lines: SourceLine[]): { lines: SourceLine[]; footnotes: Footnote[]; artifacts: Artifact[] } {
  const artifacts: Artifact[] = [];
  const kept: SourceLine[] = [];
  const firstOnPage = new Set<number>();
  for (const raw of lines) {
    // Letters of the watermark that fall on a line of text (beside the signer's name, say) stand
    // apart from it by a wide gap on both sides: blanked, so the columns keep their places.
    const spaced = raw.text.replace(WATERMARK_BESIDE_TEXT, (_, before: string, letters: string) => {
      artifacts.push({ line: raw.line, text: letters, what: 'watermark' });
      return before + ' '.repeat(letters.length);
    });
    const line = spaced === raw.text ? raw : { ...raw, text: spaced };
    const text = line.text.trim();
    if (!text) continue;
    if (!firstOnPage.has(line.page)) {
      firstOnPage.add(line.page);
      // A number alone at the top of a page after the first is its page number.
      if (line.page > 1 && /^\d{1,3}$/.test(text)) {
        artifacts.push({ line: line.line, text, what: 'pageNumber' });
        continue;
      }
    }
    // One to three capitals alone on a line: letters of a rotated watermark.
    if (/^\p{Lu}{1,3}$/u.test(text.replace(/\s+/g, ''))) {
      artifacts.push({ line: line.line, text, what: 'watermark' });
      continue;
    }
    kept.push(line);
  }

  // Footnotes: from a number alone (the next expected one) to the end of its page.
  const footnotes: Footnote[] = [];
  const body: SourceLine[] = [];
  const pages = [...new Set(kept.map((l) => l.page))];
  for (const page of pages) {
    const onPage = kept.filter((l) => l.page === page);
    const start = onPage.findIndex((line, i) => isFootnoteZone(onPage.slice(i), footnotes.length + 1));
    if (start < 0) {
      body.push(...onPage);
      continue;
    }
    body.push(...onPage.slice(0, start));
    for (const line of onPage.slice(start)) {
      const text = line.text.trim();
      if (/^\d{1,3}$/.test(text) && Number(text) === footnotes.length + 1) footnotes.push({ id: text, text: '' });
      else footnotes[footnotes.length - 1].text = `${footnotes[footnotes.length - 1].text} ${text}`.trim();
      artifacts.push({ line: line.line, text, what: 'footnoteText' });
    }
  }

  // Their marks: the same numbers glued, in order, to the end of a cited word.
  let from = { line: 0, offset: 0 };
  for (const footnote of footnotes) {
    const mark = new RegExp(`(?<=[\\p{L}\\p{M})\\]”"'])${footnote.id}(?=[\\s,.;:)”"'!?]|$)`, 'u');
    for (let i = from.line; i < body.length; i++) {
      const offset = i === from.line ? from.offset : 0;
      const found = mark.exec(body[i].text.slice(offset));
      if (!found) continue;
      const at = offset + found.index;
      body[i] = { ...body[i], text: `${body[i].text.slice(0, at)}[^${footnote.id}]${body[i].text.slice(at + footnote.id.length)}` };
      from = { line: i, offset: at + footnote.id.length + 3 };
      break;
    }
  }
  return { lines: body, footnotes, artifacts };
}

/** Whether the lines from here to the end of the page are footnotes numbered from `next` on. */
function isFootnoteZone(lines: SourceLine[], next: number): boolean {
  if (lines.length < 2 || lines[0].text.trim() !== String(next) || /^\d{1,3}$/.test(lines[1].text.trim())) return false;
  let expected = next + 1;
  for (const line of lines.slice(1)) {
    const text = line.text.trim();
    if (!/^\d{1,3}$/.test(text)) continue;
    if (Number(text) !== expected) return false;
    expected++;
  }
  return true;
}
