import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationFailed } from './domain-error';

/** Vietnamese messages for class-validator's constraint codes. */
const MESSAGES: Record<string, string> = {
  isString: 'phải là chuỗi ký tự',
  isNotEmpty: 'không được để trống',
  isIn: 'giá trị không nằm trong danh sách cho phép',
  isEnum: 'giá trị không nằm trong danh sách cho phép',
  isEmail: 'địa chỉ thư điện tử không hợp lệ',
  isUrl: 'địa chỉ URL không hợp lệ',
  isUUID: 'mã định danh không hợp lệ',
  isInt: 'phải là số nguyên',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  matches: 'sai định dạng',
  isArray: 'phải là một danh sách',
  arrayNotEmpty: 'danh sách không được rỗng',
  arrayMaxSize: 'danh sách quá dài',
  isBoolean: 'phải là đúng/sai',
  isISO8601: 'ngày không hợp lệ (YYYY-MM-DD)',
  isDateString: 'ngày không hợp lệ (YYYY-MM-DD)',
  whitelistValidation: 'trường này không được phép',
  isDefined: 'bắt buộc phải có',
  nestedValidation: 'không hợp lệ',
};

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const code of Object.keys(error.constraints ?? {})) {
      problems.push({ path, code, message: `${path}: ${MESSAGES[code] ?? 'không hợp lệ'}` });
    }
    if (error.children?.length) problems.push(...flatten(error.children, path));
  }
  return problems;
}

/** The global pipe: whitelist, refuse unknown fields, transform; 422 with field problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
