import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { DOCUMENT_FONT_FACES, documentFontsDir, embeddedFontCss, findTemplatesDir, RenderingService } from '@app/rendering';
import { pdfFile } from '../../support/pdf-tools';

/**
 * Every precomposed Vietnamese letter prints in the face it asks for. Once the regular "ở"
 * printed italic-looking: the hinting programs of the font build distorted it in every
 * rasterizer that runs them, so the embedded faces carry none and each letter is checked
 * against its base letter's outline in the same face.
 */
const LOWER = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
const LETTERS = [...LOWER, ...LOWER.toUpperCase()];

// fontkit ships no types; the little of it the test reads.
interface FontPoint {
  x: number;
  y: number;
  onCurve: boolean;
}
interface FontGlyph {
  id: number;
  _decode(): { numberOfContours: number; points?: FontPoint[]; components?: { glyphID: number; dx: number; dy: number }[] } | null;
}
interface Font {
  postscriptName: string;
  unitsPerEm: number;
  directory: { tables: Record<string, unknown> };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontGlyph;
  getGlyph(id: number): FontGlyph;
}

const fontkit = require('fontkit') as { openSync(file: string): Font };

/** The letter an accented letter is drawn on: "ở" on "o", "đ" on "d", "ì" on the dotless "ı". */
function baseLetter(letter: string): string {
  if (letter === 'đ') return 'd';
  if (letter === 'Đ') return 'D';
  const base = letter.normalize('NFD')[0];
  return base === 'i' ? 'ı' : base;
}

/** On-curve points of a glyph, composites resolved to their components' outlines. */
function outline(font: Font, id: number, dx = 0, dy = 0): [number, number][] {
  const glyph = font.getGlyph(id)._decode();
  if (!glyph) return [];
  if (glyph.numberOfContours < 0) {
    return glyph.components!.flatMap((c) => outline(font, c.glyphID, dx + c.dx, dy + c.dy));
  }
  return glyph.points!.filter((p) => p.onCurve).map((p) => [p.x + dx, p.y + dy]);
}

/**
 * Share of the base letter's outline points found in the accented letter's outline (within
 * 1% of the em, after the best small horizontal shift: a horn or a bar may widen the letter).
 */
function baseOutlineShare(font: Font, letter: string, baseFont: Font): number {
  const accented = outline(font, font.glyphForCodePoint(letter.codePointAt(0)!).id);
  const base = outline(baseFont, baseFont.glyphForCodePoint(baseLetter(letter).codePointAt(0)!).id);
  const near = font.unitsPerEm * 0.01;
  const shifts = new Set([0]);
  for (const [x, y] of base) {
    for (const [u, v] of accented) if (y === v && Math.abs(u - x) <= font.unitsPerEm * 0.05) shifts.add(u - x);
  }
  let best = 0;
  for (const shift of shifts) {
    const found = base.filter(([x, y]) => accented.some(([u, v]) => Math.hypot(x + shift - u, y - v) <= near));
    best = Math.max(best, found.length / base.length);
  }
  return best;
}

const BUILT_ON_BASE = 0.8;

describe('Vietnamese letters in the embedded document fonts', () => {
  const dir = documentFontsDir(findTemplatesDir());
  const faces = DOCUMENT_FONT_FACES.map((face) => ({ ...face, font: fontkit.openSync(join(dir, face.file)) }));

  it('counts 134 precomposed letters, 67 in each case', () => {
    expect(LETTERS).toHaveLength(134);
    expect(new Set(LETTERS).size).toBe(134);
  });

  it.each(DOCUMENT_FONT_FACES.map((f) => [f.postscriptName]))('%s: no hinting program that could reshape a glyph', (name) => {
    const { font } = faces.find((f) => f.postscriptName === name)!;
    expect(font.postscriptName).toBe(name);
    expect(Object.keys(font.directory.tables).filter((t) => ['fpgm', 'prep', 'cvt '].includes(t))).toEqual([]);
  });

  it.each(DOCUMENT_FONT_FACES.map((f) => [f.postscriptName]))('%s: every letter is drawn on its base letter of the same face', (name) => {
    const { font } = faces.find((f) => f.postscriptName === name)!;
    const missing = LETTERS.filter((l) => !font.hasGlyphForCodePoint(l.codePointAt(0)!));
    expect(missing).toEqual([]);
    const notOnBase = LETTERS.map((l) => [l, baseOutlineShare(font, l, font)] as const).filter(([, s]) => s < BUILT_ON_BASE);
    expect(notOnBase).toEqual([]);
  });

  it('tells the faces apart: no letter matches the base letter of another face', () => {
    const confusions: string[] = [];
    for (const face of faces) {
      for (const other of faces) {
        if (other === face) continue;
        for (const letter of LETTERS) {
          if (baseOutlineShare(face.font, letter, other.font) >= BUILT_ON_BASE) {
            confusions.push(`${face.postscriptName} ${letter} ~ ${other.postscriptName} ${baseLetter(letter)}`);
          }
        }
      }
    }
    expect(confusions).toEqual([]);
  });
});

describe('Vietnamese letters in a rendered PDF', () => {
  let rendering: RenderingService;
  beforeAll(() => {
    rendering = new RenderingService(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-glyphs-')) }));
  });
  afterAll(() => rendering.onModuleDestroy());

  it("prints each letter in each face from that face's embedded font (mutool stext)", async () => {
    const css = embeddedFontCss(findTemplatesDir());
    const paragraphs = DOCUMENT_FONT_FACES.map((f) => `<p style="font-weight:${f.weight};font-style:${f.style}">${LETTERS.join(' ')}</p>`);
    const html =
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${css}</style></head>` +
      `<body><article class="document">${paragraphs.join('')}</article></body></html>`;
    const file = pdfFile(await rendering.print(html), 'letters.pdf');
    const stext = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', file], { encoding: 'utf8' });

    const seen = new Map<string, string[]>();
    let font = '';
    for (const match of stext.matchAll(/<font name="([^"]+)"|<char [^>]*c="([^"]*)"/g)) {
      if (match[1] !== undefined) font = match[1].replace(/^[A-Z]{6}\+/, '');
      else {
        const c = decodeXml(match[2]);
        if (LETTERS.includes(c)) seen.set(font, [...(seen.get(font) ?? []), c]);
      }
    }
    for (const face of DOCUMENT_FONT_FACES) {
      expect({ face: face.postscriptName, letters: seen.get(face.postscriptName)?.join('') }).toEqual({
        face: face.postscriptName,
        letters: LETTERS.join(''),
      });
    }
    expect([...seen.keys()].sort()).toEqual(DOCUMENT_FONT_FACES.map((f) => f.postscriptName).sort());

    // The fonts Chromium embedded keep the outlines alone: no hinting program for a viewer to run.
    const out = mkdtempSync(join(tmpdir(), 'kehoach-glyphs-fonts-'));
    execFileSync('mutool', ['extract', file], { cwd: out, stdio: 'ignore' });
    const embedded = readdirSync(out).filter((f) => f.endsWith('.ttf'));
    expect(embedded.length).toBeGreaterThanOrEqual(DOCUMENT_FONT_FACES.length);
    for (const name of embedded) {
      const tables = Object.keys(fontkit.openSync(join(out, name)).directory.tables);
      expect({ name, hinting: tables.filter((t) => ['fpgm', 'prep', 'cvt '].includes(t)) }).toEqual({ name, hinting: [] });
    }
  });
});

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
