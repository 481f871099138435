import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const InboxErrorCode = defineErrorCodes({
  not_found: { NoticeNotFound: 'notice_not_found' },
});
export type InboxErrorCode = ErrorCodeOf<typeof InboxErrorCode>;

/** Errors of the inbox. */
export class InboxError extends domainErrorClass(InboxErrorCode) {}
