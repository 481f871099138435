import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const DistributionErrorCode = defineErrorCodes({
  not_found: {
    PlanNotFound: 'plan_not_found',
    DeliveryNotFound: 'delivery_not_found',
    IncomingNotFound: 'incoming_not_found',
    DemoMailNotFound: 'demo_mail_not_found',
  },
  invalid: { InvalidHandlingStatus: 'invalid_handling_status' },
  conflict: {
    PlanNotIssued: 'plan_not_issued',
    DeliveryNotResendable: 'delivery_not_resendable',
    PdfMissing: 'pdf_missing',
    VersionConflict: 'version_conflict',
  },
  refused: { HandlingStatusRefused: 'handling_status_refused', NotRevoked: 'not_revoked' },
  forbidden: { Forbidden: 'forbidden' },
});
export type DistributionErrorCode = ErrorCodeOf<typeof DistributionErrorCode>;

/** Errors of distribution: deliveries, incoming documents, receipts, edXML export. */
export class DistributionError extends domainErrorClass(DistributionErrorCode) {}
