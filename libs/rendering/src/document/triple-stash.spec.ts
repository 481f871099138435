import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Every `{{{ }}}` (printed without escaping) in the document templates and the web views, and
 * why it is safe: the value is HTML built by the renderer, which escapes all stored text it
 * puts in (inline-markup.ts escapeHtml/inlineHtml, document-view.ts lines()), or it is code.
 * Stored data itself (names, numbers, symbols, header lines) is always printed with `{{ }}`.
 * A new triple-stash fails this test until it is added here with its reason.
 */
const ESCAPED_BY_THE_RENDERER: Record<string, string> = {
  this: 'lists of lines built by document-view.ts (escaped or inline HTML)',
  heading: 'inlineHtml',
  html: 'inlineHtml',
  text: 'signature capacity lines, escapeHtml in document-view.ts',
  'signature.name': 'escapeHtml in document-view.ts',
  fontCss: 'code: the embedded fonts',
  css: 'code: the template style sheet',
  pageCss: 'code: page size and margins from the configuration',
  body: 'the layout: the rendered page',
  'chart.svg': 'statechart.ts: drawn from the machine definition, labels escaped',
  title: "an appendix's title: inlineHtml in document-view.ts",
  caption: "a table's caption: inlineHtml in table-view.ts",
  document: "the renderer's document, built by these templates with their escaping",
  pagedScript: 'code: Paged.js and the footnote step (paged-media.ts)',
  'verification.qrSvg': 'qrcode: the SVG drawn from the verification address (our own code alphabet and PUBLIC_URL)',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.hbs') ? [path] : [];
  });
}

describe('templates and views', () => {
  it('print stored data escaped: every triple-stash is HTML built by the renderer', () => {
    const unexplained: string[] = [];
    for (const file of [...files(join(ROOT, 'templates')), ...files(join(ROOT, 'apps', 'server', 'views'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}/g)) {
        const name = match[1].replace(/^(document\.)/, '');
        const allowed =
          ESCAPED_BY_THE_RENDERER[name] ?? (/^(summaryHtml|preambleHtml|closingHtml|recipients|footnotes)$/.test(name) ? 'inline' : undefined);
        if (!allowed) unexplained.push(`${relative(ROOT, file)}: {{{${match[1]}}}}`);
      }
    }
    expect(unexplained).toEqual([]);
  });
});
