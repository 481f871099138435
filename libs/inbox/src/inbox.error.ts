import { DomainError, ErrorKind } from '@app/common';

export enum InboxErrorCode {
  NoticeNotFound = 'notice_not_found',
}

const KIND: Record<InboxErrorCode, ErrorKind> = {
  notice_not_found: 'not_found',
};

/** Errors of the inbox. */
export class InboxError extends DomainError {
  constructor(code: InboxErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
