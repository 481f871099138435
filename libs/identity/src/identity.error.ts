import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const IdentityErrorCode = defineErrorCodes({
  not_found: { OrganizationNotFound: 'organization_not_found', UserNotFound: 'user_not_found', AuthorityNotFound: 'authority_not_found' },
  invalid: {
    InvalidParent: 'invalid_parent',
    InvalidDates: 'invalid_dates',
    WeakPassword: 'weak_password',
    InvalidWebhook: 'invalid_webhook',
    WrongCurrentPassword: 'wrong_current_password',
  },
  conflict: {
    DuplicateOrganizationCode: 'duplicate_organization_code',
    DuplicateUsername: 'duplicate_username',
    DuplicateMembership: 'duplicate_membership',
    OrganizationHasChildren: 'organization_has_children',
  },
  forbidden: { OutsideAdministration: 'outside_administration' },
  unauthorized: { BadCredentials: 'bad_credentials' },
  too_many_requests: { TooManyAttempts: 'too_many_attempts', SigningLocked: 'signing_locked' },
});
export type IdentityErrorCode = ErrorCodeOf<typeof IdentityErrorCode>;

/** Errors of organizations, people, authorities and sign-in. */
export class IdentityError extends domainErrorClass(IdentityErrorCode) {}
