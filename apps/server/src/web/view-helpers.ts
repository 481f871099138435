import { dateLinePhrase, parseIsoDate, ROLES, shortDate, vietnamDate } from '@app/common';
import { planStateLabel, ROLE_LABELS } from '@workflows/plan-labels';

/** The roles' names, as the workflow's messages give them. */
export const ROLE_NAMES: Record<(typeof ROLES)[number], string> = ROLE_LABELS;

export const FAMILY_NAMES: Record<string, string> = { party: 'Đảng', state: 'Chính quyền' };

/** A calendar date from an ISO date (kept as is) or an instant (its date in Vietnam). */
function calendarDate(value: string | Date) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDate(value) : vietnamDate(new Date(value));
}

/** "24/01/2024". */
export function viDate(value: string | Date | null | undefined): string {
  return value ? shortDate(calendarDate(value)) : '';
}

/** "24/01/2024 14:05" in Vietnam time. */
export function viDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const instant = new Date(value);
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return `${viDate(instant)} ${time}`;
}

type Hbs = {
  registerHelper: (name: string, fn: (...args: any[]) => unknown) => void;
  handlebars: { escapeExpression: (text: string) => string; SafeString: new (text: string) => unknown };
};

/** Handlebars helpers shared by every page. The last argument of a helper is Handlebars' options object. */
export function registerViewHelpers(hbs: Hbs): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  hbs.registerHelper('lookupError', (errors: Record<string, string> | undefined, ...parts: unknown[]) => errors?.[parts.slice(0, -1).join('')]);
  hbs.registerHelper('lowercase', (value: unknown) => String(value ?? '').toLocaleLowerCase('vi'));
  hbs.registerHelper('range', (n: unknown) => Array.from({ length: Number(n) || 0 }, (_, i) => i));
  hbs.registerHelper('inc', (n: unknown) => Number(n) + 1);
  hbs.registerHelper('dec', (n: unknown) => Number(n) - 1);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('roleName', (role: keyof typeof ROLE_NAMES) => ROLE_NAMES[role] ?? role);
  hbs.registerHelper('stateName', (state: string) => planStateLabel(state));
  hbs.registerHelper('familyName', (family: string) => FAMILY_NAMES[family] ?? family);
  // Line breaks as character references: Handlebars indents every line of an indented partial,
  // which would otherwise add spaces to each line of a textarea's value.
  hbs.registerHelper(
    'multiline',
    (value: unknown) => new hbs.handlebars.SafeString(hbs.handlebars.escapeExpression(value == null ? '' : String(value)).replace(/\r?\n/g, '&#10;')),
  );
  /** A line of the signature block: capacity and title lines bold, linking words ("kiêm") regular, as printed. */
  hbs.registerHelper('signatureLine', (line: unknown) => {
    const text = hbs.handlebars.escapeExpression(String(line ?? ''));
    return new hbs.handlebars.SafeString(String(line) === String(line).toLocaleLowerCase('vi') ? text : `<strong>${text}</strong>`);
  });
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hbs.registerHelper('joinLines', (value: string[] | null | undefined, separator: unknown) =>
    (value ?? []).join(typeof separator === 'string' ? separator : ' / '),
  );
  hbs.registerHelper('viDate', (value: string | Date | null) => viDate(value));
  hbs.registerHelper('viDateTime', (value: string | Date | null) => viDateTime(value));
  // "54.002": Vietnamese groups thousands with a dot.
  hbs.registerHelper('viNumber', (value: unknown) => new Intl.NumberFormat('vi-VN').format(Number(value) || 0));
  /** "ngày 24 tháng 01 năm 2024", as on the date line of a document. */
  hbs.registerHelper('viDateLong', (value: string | Date | null) => (value ? dateLinePhrase(calendarDate(value)) : ''));
  /** The aria-describedby of a field: its hint and its error when present. */
  hbs.registerHelper('describedBy', (id: string, hint: unknown, error: unknown) =>
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' '),
  );
}
