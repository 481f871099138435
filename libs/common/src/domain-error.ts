/** How a domain error reads over HTTP; the one mapping lives in DomainErrorFilter. */
export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'refused' | 'forbidden' | 'unauthorized' | 'too_many_requests' | 'gone';

export const HTTP_STATUS_OF: Record<ErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  refused: 409,
  forbidden: 403,
  unauthorized: 401,
  too_many_requests: 429,
  gone: 410,
};

/** One problem in a request body: where, a stable code in English, a message in Vietnamese. */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * Base of every domain's exception. Each domain subclasses it with its own code enum
 * (IdentityError, PlanError, WorkflowError...), so callers can tell errors apart by code.
 */
export abstract class DomainError extends Error {
  protected constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Invalid input with a list of field problems (422). */
export class ValidationFailed extends DomainError {
  constructor(
    readonly errors: FieldProblem[],
    message = 'Dữ liệu không hợp lệ',
  ) {
    super('invalid', 'validation_failed', message, { errors });
  }
}
