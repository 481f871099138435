import { DomainError, ErrorKind } from '@app/common';

export enum DistributionErrorCode {
  PlanNotFound = 'plan_not_found',
  PlanNotIssued = 'plan_not_issued',
  DeliveryNotFound = 'delivery_not_found',
  DeliveryNotResendable = 'delivery_not_resendable',
  IncomingNotFound = 'incoming_not_found',
  InvalidHandlingStatus = 'invalid_handling_status',
  HandlingStatusRefused = 'handling_status_refused',
  PdfMissing = 'pdf_missing',
  Forbidden = 'forbidden',
  VersionConflict = 'version_conflict',
  DemoMailNotFound = 'demo_mail_not_found',
  NotRevoked = 'not_revoked',
}

const KIND: Record<DistributionErrorCode, ErrorKind> = {
  plan_not_found: 'not_found',
  plan_not_issued: 'conflict',
  delivery_not_found: 'not_found',
  delivery_not_resendable: 'conflict',
  incoming_not_found: 'not_found',
  invalid_handling_status: 'invalid',
  handling_status_refused: 'refused',
  pdf_missing: 'conflict',
  forbidden: 'forbidden',
  version_conflict: 'conflict',
  demo_mail_not_found: 'not_found',
  not_revoked: 'refused',
};

/** Errors of distribution: deliveries, incoming documents, receipts, edXML export. */
export class DistributionError extends DomainError {
  constructor(code: DistributionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
