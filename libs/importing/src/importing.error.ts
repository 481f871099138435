import { defineErrorCodes, domainErrorClass, ErrorCodeOf, errorKindOf } from '@app/common';

export const ImportErrorCode = defineErrorCodes({
  not_found: { PlanNotFound: 'plan_not_found' },
  invalid: {
    NoFile: 'no_file',
    EmptyFile: 'empty_file',
    UnsupportedType: 'unsupported_type',
    NotADocument: 'not_a_document',
    NoText: 'no_text',
    ZipBomb: 'zip_bomb',
    NotAPlan: 'not_a_plan',
  },
  forbidden: { NoOrganization: 'no_organization', Forbidden: 'forbidden' },
});
export type ImportErrorCode = ErrorCodeOf<typeof ImportErrorCode>;

/** Errors of importing a plan from a file and exporting one to Word. */
export class ImportError extends domainErrorClass(ImportErrorCode) {
  /** An invalid file also carries the `{path, code, message}` list, so the upload form shows it beside its field. */
  constructor(code: ImportErrorCode, message: string, path = 'file') {
    super(code, message, errorKindOf(ImportErrorCode, code) === 'invalid' ? { errors: [{ path, code, message }] } : {});
  }
}
