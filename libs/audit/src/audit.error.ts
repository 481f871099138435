import { DomainError, ErrorKind } from '@app/common';

export enum AuditErrorCode {
  OutsideAuditScope = 'outside_audit_scope',
}

const KIND: Record<AuditErrorCode, ErrorKind> = {
  outside_audit_scope: 'forbidden',
};

/** Errors of the audit trail. */
export class AuditError extends DomainError {
  constructor(code: AuditErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
