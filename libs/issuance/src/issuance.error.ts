import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const IssuanceErrorCode = defineErrorCodes({
  not_found: {
    PlanNotFound: 'plan_not_found',
    AuthorityNotFound: 'authority_not_found',
    OrganizationNotFound: 'organization_not_found',
    NoStampImage: 'stamp_image_missing',
  },
  invalid: { NoFile: 'certificate_file_missing', NoImage: 'image_file_missing' },
  refused: { NotSigned: 'plan_not_signed' },
  conflict: { NotAtDesk: 'plan_not_at_desk' },
  forbidden: { NotClerk: 'not_clerk', NotSigner: 'not_signer', WrongPassword: 'wrong_password', NotStampKeeper: 'not_stamp_keeper' },
});
export type IssuanceErrorCode = ErrorCodeOf<typeof IssuanceErrorCode>;

/** Errors of the issuance of a signed plan. */
export class IssuanceError extends domainErrorClass(IssuanceErrorCode) {}
