import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The outside validators of issued PDFs (Debian: poppler-utils, qpdf, libnss3-tools), run on
 * a file, so that tests check what any reader of the PDF would see.
 */
export function pdfFile(bytes: Buffer, name = 'document.pdf'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kehoach-pdf-')), name);
  writeFileSync(file, bytes);
  return file;
}

export function pdftotext(file: string, args: string[] = []): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8' });
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

export function pdfinfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) out[match[1].trim()] = match[2].trim();
  }
  return out;
}

/** Rows of `pdffonts`: name, type, embedded. */
export function pdffonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: "emb" is the 5th from the end.
    return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
  });
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  // qpdf exits 0 when clean, 3 with warnings, 2 with errors.
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** An NSS database trusting one CA certificate, for `pdfsig -nssdir`. */
export function nssDbTrusting(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-nss-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, caPem);
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'kehoach-demo-ca', '-t', 'CT,C,C', '-i', ca]);
  return `sql:${dir}`;
}

export function pdfsig(file: string, nssdir?: string): string {
  const run = spawnSync('pdfsig', [...(nssdir ? ['-nssdir', nssdir] : []), file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

export interface WordBox {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word with its box, from `pdftotext -bbox` (points, origin top left). */
export function wordBoxes(file: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const line of html.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page++;
      pageWidth = Number(pageMatch[1]);
      pageHeight = Number(pageMatch[2]);
      continue;
    }
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (word) {
      const box = {
        page,
        pageWidth,
        pageHeight,
        xMin: Number(word[1]),
        yMin: Number(word[2]),
        xMax: Number(word[3]),
        yMax: Number(word[4]),
        text: word[5]
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'"),
      };
      // Text written into a document later (the number the clerk's issuance puts before "-KH/BCĐ")
      // is its own text object: touching the next one on the same line, a reader sees one word.
      const previous = words[words.length - 1];
      if (
        previous &&
        previous.page === page &&
        Math.abs(previous.yMin - box.yMin) < 1 &&
        Math.abs(previous.yMax - box.yMax) < 1 &&
        Math.abs(box.xMin - previous.xMax) < 1
      ) {
        Object.assign(previous, { xMax: box.xMax, yMax: Math.max(previous.yMax, box.yMax), text: previous.text + box.text });
      } else {
        words.push(box);
      }
    }
  }
  return words;
}

/** The box around a phrase (consecutive words on one line), or null: its first occurrence. */
export function findPhrase(words: WordBox[], phrase: string, page?: number): WordBox | null {
  return findPhrases(words, phrase, page)[0] ?? null;
}

/** Every occurrence of a phrase, in reading order. */
export function findPhrases(words: WordBox[], phrase: string, page?: number): WordBox[] {
  const found: WordBox[] = [];
  const parts = phrase.normalize('NFC').split(/\s+/);
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (page !== undefined && words[i].page !== page) continue;
    const run = words.slice(i, i + parts.length);
    if (run.every((w, k) => w.text.normalize('NFC') === parts[k]) && run.every((w) => w.page === run[0].page)) {
      found.push({
        ...run[0],
        xMin: Math.min(...run.map((w) => w.xMin)),
        xMax: Math.max(...run.map((w) => w.xMax)),
        yMin: Math.min(...run.map((w) => w.yMin)),
        yMax: Math.max(...run.map((w) => w.yMax)),
        text: phrase,
      });
    }
  }
  return found;
}

/** One page drawn as a PNG by poppler (`pdftoppm -r <dpi>`), as a scanner or a phone camera would see it. */
export function pageImage(file: string, page: number, dpi = 300): string {
  const prefix = join(mkdtempSync(join(tmpdir(), 'kehoach-page-')), 'page');
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, prefix]);
  return `${prefix}.png`;
}

/** The QR codes zbar (Debian zbar-tools) reads in an image; none is an empty list (zbarimg then exits 4). */
export function qrCodes(image: string): string[] {
  const result = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', image], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 4) throw new Error(`zbarimg ${image}: ${result.status} ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}
