import { findTemplatesDir } from '../document/document-templates';
import { DOCUMENT_FONT_FAMILY, embeddedFontCss } from '../document/fonts';
import type { BrowserPool } from '../services/browser-pool';

/**
 * The pictures an electronic original carries (Nghị định 30, Phụ lục I §II.7.d, 8.a): the
 * signer's signature image (blue) between title and name, and the organization's seal (red)
 * over the left third of it. Real ones are uploaded as PNG; these drawings stand in for them in
 * demo installations, drawn by Chromium from SVG so no image library is needed.
 */

/** Printed size of a seal: Vietnamese seals are 35-42 mm across. */
export const SEAL_DIAMETER_MM = 36;
/** Printed size of a signature image: 40 x 16 mm. */
export const SIGNATURE_SIZE_MM = { width: 40, height: 16 };
/** Pixels per millimetre of the generated pictures (300 dpi). */
const PX_PER_MM = 300 / 25.4;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A signature drawn in blue ink: the name in a slanted hand over a flourish. */
export function signatureSvg(fullName: string): string {
  const w = Math.round(SIGNATURE_SIZE_MM.width * PX_PER_MM);
  const h = Math.round(SIGNATURE_SIZE_MM.height * PX_PER_MM);
  const given = fullName.trim().split(/\s+/).pop() ?? fullName;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<g fill="none" stroke="#1633a8" stroke-linecap="round" stroke-width="5">` +
    `<path d="M${w * 0.06} ${h * 0.78} C ${w * 0.3} ${h * 0.95}, ${w * 0.62} ${h * 0.55}, ${w * 0.95} ${h * 0.7}"/>` +
    `</g>` +
    `<text x="${w * 0.08}" y="${h * 0.62}" fill="#1633a8" font-family="'${DOCUMENT_FONT_FAMILY}'" font-style="italic" font-size="${h * 0.5}" transform="rotate(-6 ${w / 2} ${h / 2})">${escape(given)}</text>` +
    `</svg>`
  );
}

/** A round seal in red ink: the organization's name around the rim, the place at the foot, a star inside. */
export function sealSvg(organizationName: string, place: string): string {
  const d = Math.round(SEAL_DIAMETER_MM * PX_PER_MM);
  const r = d / 2;
  const rim = r - 10;
  const inner = rim - 18;
  const name = organizationName.toLocaleUpperCase('vi');
  // The name runs over 250 degrees of the rim, from lower left over the top to lower right.
  const span = (250 * Math.PI) / 180;
  const fontSize = Math.max(16, Math.min(38, (span * (inner - 30)) / Math.max(1, name.length) / 0.62));
  const nameRadius = inner - 8 - fontSize * 0.75;
  const point = (radius: number, degrees: number) => {
    const a = (degrees * Math.PI) / 180;
    return `${(r + radius * Math.cos(a)).toFixed(1)} ${(r - radius * Math.sin(a)).toFixed(1)}`;
  };
  const footRadius = inner - 40;
  const star = Array.from({ length: 10 }, (_, i) => point(i % 2 === 0 ? r * 0.2 : r * 0.08, 90 + i * 36)).join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}" viewBox="0 0 ${d} ${d}">` +
    `<defs><path id="top" d="M ${point(nameRadius, 215)} A ${nameRadius} ${nameRadius} 0 1 1 ${point(nameRadius, -35)}"/>` +
    `<path id="foot" d="M ${point(footRadius, 200)} A ${footRadius} ${footRadius} 0 0 0 ${point(footRadius, -20)}"/></defs>` +
    `<g fill="none" stroke="#d0121b" stroke-opacity="0.9"><circle cx="${r}" cy="${r}" r="${rim}" stroke-width="9"/><circle cx="${r}" cy="${r}" r="${inner}" stroke-width="3"/></g>` +
    `<g fill="#d0121b" fill-opacity="0.9" font-family="'${DOCUMENT_FONT_FAMILY}'" font-weight="700">` +
    `<text font-size="${fontSize.toFixed(1)}" text-anchor="middle"><textPath href="#top" startOffset="50%">${escape(name)}</textPath></text>` +
    `<text font-size="28" text-anchor="middle"><textPath href="#foot" startOffset="50%">${escape(place.toLocaleUpperCase('vi'))}</textPath></text>` +
    `<polygon points="${star}"/></g></svg>`
  );
}

/** An SVG drawn by Chromium into a PNG with a transparent background. */
export async function svgToPng(pool: BrowserPool, svg: string): Promise<Buffer> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  if (!size) throw new Error('svg without width and height');
  const [width, height] = [Number(size[1]), Number(size[2])];
  return pool.withPage(async (page) => {
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><head><style>${embeddedFontCss(findTemplatesDir())}html,body{margin:0;background:transparent}</style></head><body>${svg}</body></html>`,
      { waitUntil: 'load' },
    );
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return Buffer.from(await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width, height } }));
  });
}

/** Width and height of a PNG, read from its header; null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
