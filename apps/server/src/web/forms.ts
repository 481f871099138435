import { Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createValidationPipe, DomainError, FieldProblem } from '@app/common';

/** A urlencoded form body: a field is a string, or a list when the form repeats its name. */
export type FormBody = Record<string, string | string[] | undefined>;

const pipe = createValidationPipe();

/** Checks a form's fields against the API's DTO with the same pipe (same rules, same Vietnamese messages). */
export async function validateForm<T>(metatype: Type<T>, plain: object): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype })) as T;
}

/** One field's text, trimmed ('' when absent, also when the request carried no form at all). */
export function text(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A textarea's text with Windows line ends made plain. */
export function lines(body: FormBody, name: string): string {
  return text(body, name).replace(/\r\n?/g, '\n');
}

/** '' becomes null: an empty optional field clears the value. */
export function optional(body: FormBody, name: string): string | null {
  return text(body, name) || null;
}

/** Every value of a repeated field (checkboxes). */
export function list(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
}

/** A number field: a number when it reads as one, else the raw text so that validation names it. */
export function integer(body: FormBody, name: string): number | string {
  const raw = text(body, name);
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

export interface FormFailure {
  status: number;
  /** The form-level message. */
  message: string;
  /** First message per field path, shown beside the field. */
  errors: Record<string, string>;
  /** Every problem in order, for the summary at the top of the form. */
  summary: { path: string; message: string }[];
}

/** The first letter made upper case: messages arrive as "code: sai định dạng". */
function sentence(message: string): string {
  return message.charAt(0).toLocaleUpperCase('vi') + message.slice(1);
}

/**
 * A domain error that a person can fix in the form (invalid input, a duplicate, a
 * conflict) as the form shows it; anything else (not found, forbidden, a bug) is not
 * a form problem and goes on to the error page.
 */
export function formFailure(error: unknown, labels: Record<string, string> = {}): FormFailure | null {
  if (!(error instanceof DomainError) || !['invalid', 'conflict', 'refused'].includes(error.kind)) return null;
  const problems = (Array.isArray(error.details.errors) ? error.details.errors : []) as FieldProblem[];
  const errors: Record<string, string> = {};
  const summary: FormFailure['summary'] = [];
  for (const problem of problems) {
    const bare = problem.message.startsWith(`${problem.path}: `) ? problem.message.slice(problem.path.length + 2) : problem.message;
    const message = sentence(bare);
    errors[problem.path] ??= message;
    summary.push({ path: problem.path, message: `${labels[problem.path] ?? problem.path}: ${bare}` });
  }
  return { status: error.kind === 'invalid' ? 422 : 409, message: error.message, errors, summary };
}

/**
 * The pattern of every form post: run the change; on success remember a message for the next
 * page and redirect (303, so a reload does not post again); on a fixable error show the form
 * again with what was typed and the errors beside the fields.
 */
export async function submitForm<T>(
  req: Request,
  res: Response,
  options: {
    run: () => Promise<T>;
    success: (result: T) => { redirect: string; flash?: string };
    view: string;
    model: () => Promise<Record<string, unknown>>;
    labels?: Record<string, string>;
  },
): Promise<void> {
  let result: T;
  try {
    result = await options.run();
  } catch (error) {
    const failure = formFailure(error, options.labels);
    if (!failure) throw error;
    res.status(failure.status).render(options.view, { ...(await options.model()), failure });
    return;
  }
  const { redirect, flash } = options.success(result);
  if (flash) setFlash(req, flash);
  await redirectAfterSave(req, res, redirect);
}

/**
 * Redirects once the session is stored. express-session stores it while the response is being
 * written, so a browser that follows the redirect at once could read the session before the
 * message is in it (and see it a page later).
 */
export async function redirectAfterSave(req: Request, res: Response, url: string): Promise<void> {
  const session = (req as Request & { session?: { save: (cb: (err?: unknown) => void) => void } }).session;
  if (session) await new Promise<void>((resolve, reject) => session.save((err) => (err ? reject(err) : resolve())));
  // A file form posted by the page's script (its CSRF token in a header) goes where it is told: a followed redirect would lose the address.
  if (req.headers['x-requested-with'] === 'fetch') res.json({ redirect: url });
  else res.redirect(303, url);
}

export interface Flash {
  text: string;
  /** An error says why something was not done (and what can be done instead). */
  kind: 'ok' | 'error';
  details?: string[];
}

type FlashSession = { flash?: Flash };

/** A one-time message shown on the next page (after a redirect). */
export function setFlash(req: Request, text: string, kind: Flash['kind'] = 'ok', details?: string[]): void {
  const session = (req as Request & { session?: FlashSession }).session;
  if (session) session.flash = { text, kind, ...(details?.length ? { details } : {}) };
}

export function takeFlash(req: Request): Flash | undefined {
  const session = (req as Request & { session?: FlashSession }).session;
  const flash = session?.flash;
  if (session && flash) delete session.flash;
  return flash;
}
