import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

/** Letters that cannot be misread for each other (no 0/O, 1/I/L): a code typed from paper still works. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A verification code that cannot be guessed: 20 symbols of a 31-letter alphabet (about 99 bits). */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

/** Only what newVerificationCode makes; anything else is refused before a database look-up. */
export function isVerificationCode(value: string): boolean {
  return value.length === 20 && [...value].every((c) => ALPHABET.includes(c));
}

/** The QR code of the verification address, as an SVG the document template prints (dark on white). */
export function verificationQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
}
