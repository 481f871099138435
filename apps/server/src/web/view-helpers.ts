import { ROLES } from '@app/common';

const ROLE_NAMES: Record<(typeof ROLES)[number], string> = {
  drafter: 'Soạn thảo',
  consultee: 'Góp ý',
  reviewer: 'Thẩm định nội dung',
  format_checker: 'Kiểm tra thể thức',
  signer: 'Ký ban hành',
  clerk: 'Văn thư',
  auditor: 'Kiểm tra, giám sát',
  admin: 'Quản trị',
};

/** Handlebars helpers shared by every page. */
export function registerViewHelpers(hbs: { registerHelper: (name: string, fn: (...args: any[]) => unknown) => void }): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('roleName', (role: keyof typeof ROLE_NAMES) => ROLE_NAMES[role] ?? role);
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hbs.registerHelper('viDateTime', (value: string | Date | null) => {
    if (!value) return '';
    const d = new Date(value);
    return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d);
  });
  hbs.registerHelper('viDate', (value: string | Date | null) => {
    if (!value) return '';
    const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
    return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  });
}
