import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Tinos (metric twin of Times New Roman, SIL OFL) inlined as data: URLs, so that the page
 * never fetches anything and every glyph used ends up embedded in the PDF.
 * Vietnamese needs three subsets: latin (ASCII), latin-ext (Đ, Ơ...) and vietnamese (ệ, ữ...).
 */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;
const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
] as const;

export const DOCUMENT_FONT_FAMILY = 'Tinos';

let fontFaceCss: string | undefined;

/** The @font-face rules, built once per process (about 200 kB of base64). */
export function embeddedFontCss(): string {
  if (fontFaceCss) return fontFaceCss;
  const root = dirname(require.resolve('@fontsource/tinos/package.json'));
  const ranges = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
  const rules: string[] = [];
  for (const subset of SUBSETS) {
    for (const face of FACES) {
      const file = join(root, 'files', `tinos-${subset}-${face.weight}-${face.style}.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face{font-family:'${DOCUMENT_FONT_FAMILY}';font-style:${face.style};font-weight:${face.weight};` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${ranges[subset]};}`,
      );
    }
  }
  fontFaceCss = rules.join('\n');
  return fontFaceCss;
}
