import { Role } from '@app/common';

/** The notices the cascade writes to the inbox. */
export type CascadeNoticeKind = 'child_plan_assigned' | 'due_reminder' | 'overdue';

/** Who hears of a child plan, of its due date, and of its being overdue. */
export const NOTICE_ROLES: Record<CascadeNoticeKind, Role[]> = {
  child_plan_assigned: ['drafter'],
  due_reminder: ['drafter', 'signer'],
  overdue: ['drafter', 'reviewer', 'signer'],
};

/** One notice per (kind, person, child plan, due date): a new due date gets its own reminders. */
export function cascadeNoticeKey(kind: CascadeNoticeKind, planId: string, dueDate: string): string {
  return `cascade:${kind}:${planId}:${dueDate}`;
}
