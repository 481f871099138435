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

/** A domain's codes, grouped by how they read over HTTP: `{ not_found: { PlanNotFound: 'plan_not_found' }, ... }`. */
type ErrorCodesByKind = { readonly [Kind in ErrorKind]?: Readonly<Record<string, string>> };

/** The groups of a table merged into one object, by name. */
type MergedGroups<T> = { [Kind in keyof T]-?: (group: NonNullable<T[Kind]>) => void }[keyof T] extends (group: infer All) => void ? All : never;

/** The codes of a table, by name: `PlanErrorCode.PlanNotFound === 'plan_not_found'`, as an enum would read. */
export type ErrorCodes<T extends ErrorCodesByKind> = { readonly [Name in keyof MergedGroups<T>]: MergedGroups<T>[Name] };

/** The union of a domain's codes, the type its error takes: `type PlanErrorCode = ErrorCodeOf<typeof PlanErrorCode>`. */
export type ErrorCodeOf<Codes> = Codes[keyof Codes];

const KIND_OF_CODE = new WeakMap<object, ReadonlyMap<string, ErrorKind>>();

/** A domain's code enum from one table that also says how each code reads over HTTP, so no code lacks its kind. */
export function defineErrorCodes<const T extends ErrorCodesByKind>(table: T): ErrorCodes<T> {
  const codes: Record<string, string> = {};
  const kindOfCode = new Map<string, ErrorKind>();
  for (const [kind, group] of Object.entries(table) as [ErrorKind, Record<string, string>][]) {
    for (const [name, code] of Object.entries(group)) {
      if (name in codes || kindOfCode.has(code)) throw new Error(`The error code ${name} (${code}) is in the table twice`);
      codes[name] = code;
      kindOfCode.set(code, kind);
    }
  }
  Object.freeze(codes);
  KIND_OF_CODE.set(codes, kindOfCode);
  return codes as ErrorCodes<T>;
}

/** The kind a domain's table gives one of its codes. */
export function errorKindOf<Codes extends object>(codes: Codes, code: ErrorCodeOf<Codes> & string): ErrorKind {
  const kind = KIND_OF_CODE.get(codes)?.get(code);
  if (!kind) throw new Error(`No kind for the error code ${code}: make its codes with defineErrorCodes`);
  return kind;
}

/** The base of a domain's exception, taking only codes of its table: `class PlanError extends domainErrorClass(PlanErrorCode) {}`. */
export function domainErrorClass<Codes extends object>(codes: Codes) {
  return class extends DomainError {
    constructor(code: ErrorCodeOf<Codes> & string, message: string, details: Record<string, unknown> = {}) {
      super(errorKindOf(codes, code), code, message, details);
    }
  };
}
