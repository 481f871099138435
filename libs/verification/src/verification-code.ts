import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

/** Letters that cannot be misread for each other (no 0/O, 1/I/L): a code typed from paper still works. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const VERIFICATION_CODE_LENGTH = 16;
/** The largest multiple of the alphabet's size below 256: bytes above it are dropped, so every letter is equally likely. */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/** A verification code that cannot be guessed: 16 symbols of a 31-letter alphabet (about 79 bits), from the OS's random source. */
export function newVerificationCode(): string {
  let code = '';
  while (code.length < VERIFICATION_CODE_LENGTH) {
    for (const byte of randomBytes(VERIFICATION_CODE_LENGTH)) {
      if (byte < UNBIASED_BELOW && code.length < VERIFICATION_CODE_LENGTH) code += ALPHABET[byte % ALPHABET.length];
    }
  }
  return code;
}

/** Only what newVerificationCode makes; anything else is refused before a database look-up. */
export function isVerificationCode(value: unknown): value is string {
  return typeof value === 'string' && value.length === VERIFICATION_CODE_LENGTH && [...value].every((c) => ALPHABET.includes(c));
}

/** The QR code of the verification address, as an SVG the document template prints (dark on white). */
export function verificationQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
}
