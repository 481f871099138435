import { Actor, hasRole, Role } from '@app/common';
import { INCOMING_ROLES } from '@app/distribution';

export interface NavEntry {
  href: string;
  label: string;
  /** Shown to anyone signed in when empty; otherwise to holders of one of these roles. */
  roles: Role[];
  /** Only in demo mode. */
  demo?: boolean;
}

/**
 * The main menu. A page joins it when it exists; entries are filtered by the actor's
 * roles (at any organization: the pages themselves narrow to the right organizations).
 */
export const NAV_ENTRIES: NavEntry[] = [
  { href: '/', label: 'Việc cần làm', roles: [] },
  { href: '/plans', label: 'Kế hoạch', roles: [] },
  { href: '/import', label: 'Nhập từ tệp', roles: ['drafter'] },
  { href: '/incoming', label: 'Văn bản đến', roles: [...INCOMING_ROLES] },
  { href: '/register', label: 'Sổ văn bản đi', roles: ['clerk'] },
  { href: '/audit', label: 'Kiểm tra', roles: ['auditor'] },
  { href: '/account/signature', label: 'Ảnh chữ ký', roles: ['signer'] },
  { href: '/admin/organizations', label: 'Tổ chức', roles: ['admin'] },
  { href: '/admin/users', label: 'Người dùng', roles: ['admin'] },
  { href: '/admin/authorities', label: 'Thẩm quyền ký', roles: ['admin'] },
  { href: '/admin/registers', label: 'Sổ, quy trình', roles: ['admin'] },
  { href: '/demo-mail', label: 'Hộp thư thử nghiệm', roles: ['admin'], demo: true },
];

export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/** The menu of one person on one page; the entry whose path the page is under is marked current. */
export function navigationFor(actor: Actor, path: string, options: { demo?: boolean } = {}): NavLink[] {
  const visible = NAV_ENTRIES.filter((e) => (!e.demo || options.demo) && (!e.roles.length || e.roles.some((role) => hasRole(actor, role))));
  const current = visible
    .filter((e) => (e.href === '/' ? path === '/' : path === e.href || path.startsWith(`${e.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return visible.map((e) => ({ href: e.href, label: e.label, current: e === current }));
}
