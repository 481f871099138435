import { decodeText } from './legacy-encodings';
import { SourceDocument, SourceFormat, sourceLine } from './source-document';

/** A text or Markdown file as lines; null when the bytes are not text. */
export function readTextFile(bytes: Uint8Array, format: Extract<SourceFormat, 'txt' | 'md'>): SourceDocument | null {
  const decoded = decodeText(bytes);
  if (!decoded) return null;
  // Control characters other than tab and line ends mean a binary file, not a text.
  const controls = (decoded.text.match(/[\x00-\x08\x0e-\x1f\x7f]/g) ?? []).length;
  if (controls > Math.max(8, decoded.text.length / 200)) return null;
  const warnings: string[] = [];
  if (decoded.encoding === 'tcvn3') warnings.push('Tệp dùng bảng mã TCVN3 (ABC); đã chuyển sang Unicode.');
  if (decoded.encoding === 'vni') warnings.push('Tệp dùng bảng mã VNI; đã chuyển sang Unicode.');
  if (decoded.encoding === 'windows-1258') warnings.push('Tệp dùng bảng mã Windows-1258; đã chuyển sang Unicode.');
  if (decoded.encoding === 'windows-1252') warnings.push('Không nhận ra bảng mã tiếng Việt của tệp; đã đọc theo Windows-1252.');
  // Form feeds end pages: only a text laid out from pages (pdftotext) has them.
  const layout = decoded.text.includes('\f');
  let page = 1;
  const lines = decoded.text.split(/\r\n|\r|\n/).flatMap((raw, i) =>
    raw.split('\f').map((text, piece) => {
      if (piece > 0) page++;
      return sourceLine(i + 1, text, { indent: layout ? /^ */.exec(text)![0].length : 0, page });
    }),
  );
  const hasEmphasis = /\*\*[^*\n]+\*\*/.test(decoded.text);
  return { format, encoding: decoded.encoding, lines, footnotes: [], hasEmphasis, warnings, layout };
}
