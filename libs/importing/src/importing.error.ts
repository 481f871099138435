import { DomainError, ErrorKind } from '@app/common';

export enum ImportErrorCode {
  NoFile = 'no_file',
  EmptyFile = 'empty_file',
  UnsupportedType = 'unsupported_type',
  NotADocument = 'not_a_document',
  NoText = 'no_text',
  ZipBomb = 'zip_bomb',
  NotAPlan = 'not_a_plan',
  NoOrganization = 'no_organization',
  PlanNotFound = 'plan_not_found',
  Forbidden = 'forbidden',
}

const KIND: Record<ImportErrorCode, ErrorKind> = {
  no_file: 'invalid',
  empty_file: 'invalid',
  unsupported_type: 'invalid',
  not_a_document: 'invalid',
  no_text: 'invalid',
  zip_bomb: 'invalid',
  not_a_plan: 'invalid',
  no_organization: 'forbidden',
  plan_not_found: 'not_found',
  forbidden: 'forbidden',
};

/** Errors of importing a plan from a file and exporting one to Word. */
export class ImportError extends DomainError {
  constructor(code: ImportErrorCode, message: string, path = 'file') {
    super(KIND[code], code, message, KIND[code] === 'invalid' ? { errors: [{ path, code, message }] } : {});
  }
}
