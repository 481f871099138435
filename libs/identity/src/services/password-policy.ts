import { FieldProblem } from '@app/common';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters,
 * not one character repeated, not a common password (nor one with only digits or
 * punctuation added around it), not the username.
 */
export function passwordProblem(password: string, username?: string): FieldProblem | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    return { path: 'password', code: 'too_short', message: `password: mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự` };
  }
  const lower = password.normalize('NFC').toLowerCase();
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  if (
    new Set(chars).size <= 2 ||
    COMMON.has(lower) ||
    (core.length > 0 && COMMON.has(core)) ||
    (username && lower.includes(username.toLowerCase()))
  ) {
    return { path: 'password', code: 'common', message: 'password: mật khẩu quá phổ biến hoặc dễ đoán, hãy chọn mật khẩu khác' };
  }
  return null;
}

/** Throws a 422 naming the problem when the password may not be used. */
export function requireAcceptablePassword(password: string, username?: string, path = 'password'): void {
  const problem = passwordProblem(password, username);
  if (!problem) return;
  const bare = problem.message.replace(/^password: /, '');
  throw new IdentityError(IdentityErrorCode.WeakPassword, bare.charAt(0).toUpperCase() + bare.slice(1), {
    errors: [{ ...problem, path, message: problem.message.replace(/^password/, path) }],
  });
}
