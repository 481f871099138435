import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tinos (metric twin of Times New Roman, SIL OFL) from templates/fonts/, inlined as data:
 * URLs so that the page never fetches anything and every glyph used ends up embedded in the
 * PDF. One file per face covers Latin and Vietnamese; templates/fonts/README.md says why
 * this build (no hinting programs) and how it was made.
 */
export const DOCUMENT_FONT_FAMILY = 'Tinos';

/** Each face with the PostScript name that PDF tools show (Tinos 1.33 names its regular face plain "Tinos"). */
export const DOCUMENT_FONT_FACES = [
  { file: 'Tinos-Regular.woff2', weight: 400, style: 'normal', postscriptName: 'Tinos' },
  { file: 'Tinos-Italic.woff2', weight: 400, style: 'italic', postscriptName: 'Tinos-Italic' },
  { file: 'Tinos-Bold.woff2', weight: 700, style: 'normal', postscriptName: 'Tinos-Bold' },
  { file: 'Tinos-BoldItalic.woff2', weight: 700, style: 'italic', postscriptName: 'Tinos-BoldItalic' },
] as const;

/** The folder of the font files inside templates/. */
export function documentFontsDir(templatesDir: string): string {
  return join(templatesDir, 'fonts');
}

const fontFaceCss = new Map<string, string>();

/** The @font-face rules and the document's family, built once per folder (about 200 kB of base64). */
export function embeddedFontCss(templatesDir: string): string {
  const cached = fontFaceCss.get(templatesDir);
  if (cached) return cached;
  const rules = DOCUMENT_FONT_FACES.map((face) => {
    const data = readFileSync(join(documentFontsDir(templatesDir), face.file)).toString('base64');
    return (
      `@font-face{font-family:'${DOCUMENT_FONT_FAMILY}';font-style:${face.style};` +
      `font-weight:${face.weight};src:url(data:font/woff2;base64,${data}) format('woff2');}`
    );
  });
  rules.push(`.document{font-family:'${DOCUMENT_FONT_FAMILY}';}`);
  const css = rules.join('\n');
  fontFaceCss.set(templatesDir, css);
  return css;
}
