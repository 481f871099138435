import { PLAN_EVENTS } from './plan-events';

/** How states, events and roles read in the UI and in messages (Vietnamese). */
export const PLAN_STATE_LABELS: Record<string, string> = {
  draft: 'Dự thảo',
  consultation: 'Đang xin ý kiến',
  review: 'Đang duyệt',
  awaitingSignature: 'Chờ ký',
  awaitingIssue: 'Chờ cấp số',
  signed: 'Đã ký',
  numbered: 'Đã cấp số',
  issued: 'Đã ban hành',
  distributing: 'Đang phát hành',
  distributed: 'Đã phát hành',
  revoked: 'Đã thu hồi',
  replaced: 'Đã được thay thế',
  cancelled: 'Đã hủy',
};

/** Each event's label, as the event table (plan-events.ts) gives it. */
export const PLAN_EVENT_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PLAN_EVENTS).map(([type, spec]) => [type, spec.label]));

/** The roles a person holds at an organization (membership roles, review step roles). */
export const ROLE_LABELS: Record<string, string> = {
  drafter: 'Soạn thảo',
  consultee: 'Góp ý',
  reviewer: 'Thẩm định nội dung',
  format_checker: 'Kiểm tra thể thức',
  signer: 'Ký ban hành',
  clerk: 'Văn thư',
  auditor: 'Kiểm tra, giám sát',
  admin: 'Quản trị',
};

export function planStateLabel(state: string): string {
  return PLAN_STATE_LABELS[state] ?? state;
}
