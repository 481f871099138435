import { DomainError, ErrorKind } from '@app/common';

export enum IdentityErrorCode {
  OrganizationNotFound = 'organization_not_found',
  UserNotFound = 'user_not_found',
  AuthorityNotFound = 'authority_not_found',
  DuplicateOrganizationCode = 'duplicate_organization_code',
  DuplicateUsername = 'duplicate_username',
  DuplicateMembership = 'duplicate_membership',
  InvalidParent = 'invalid_parent',
  OrganizationHasChildren = 'organization_has_children',
  BadCredentials = 'bad_credentials',
  TooManyAttempts = 'too_many_attempts',
  InvalidDates = 'invalid_dates',
  OutsideAdministration = 'outside_administration',
  WeakPassword = 'weak_password',
  SigningLocked = 'signing_locked',
  InvalidWebhook = 'invalid_webhook',
  WrongCurrentPassword = 'wrong_current_password',
}

const KIND: Record<IdentityErrorCode, ErrorKind> = {
  organization_not_found: 'not_found',
  user_not_found: 'not_found',
  authority_not_found: 'not_found',
  duplicate_organization_code: 'conflict',
  duplicate_username: 'conflict',
  duplicate_membership: 'conflict',
  invalid_parent: 'invalid',
  organization_has_children: 'conflict',
  bad_credentials: 'unauthorized',
  too_many_attempts: 'too_many_requests',
  invalid_dates: 'invalid',
  outside_administration: 'forbidden',
  weak_password: 'invalid',
  signing_locked: 'too_many_requests',
  invalid_webhook: 'invalid',
  wrong_current_password: 'invalid',
};

/** Errors of organizations, people, authorities and sign-in. */
export class IdentityError extends DomainError {
  constructor(code: IdentityErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
