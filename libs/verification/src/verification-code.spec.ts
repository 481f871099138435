import { isVerificationCode, newVerificationCode, VERIFICATION_CODE_LENGTH } from './verification-code';

describe('verification codes', () => {
  it('are 16 unambiguous symbols, different every time, and each symbol of the alphabet turns up', () => {
    const codes = Array.from({ length: 2000 }, () => newVerificationCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toHaveLength(VERIFICATION_CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]+$/);
      expect(isVerificationCode(code)).toBe(true);
    }
    expect(new Set(codes.join('')).size).toBe(31);
  });

  it('refuses anything else before a look-up: lower case, confusable letters, wrong length, not a string', () => {
    const code = newVerificationCode();
    for (const bad of [code.toLowerCase(), `${code.slice(0, -1)}O`, `${code.slice(0, -1)}1`, code.slice(1), `${code}A`, '', undefined, 42, null]) {
      expect(isVerificationCode(bad)).toBe(false);
    }
  });
});
