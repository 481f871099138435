import type { Plan } from '@app/plans';

/**
 * Whether an issued plan still stands, as the public page says it. Today every issued plan is
 * in force; revocation ("Đã thu hồi", with date and reason) and replacement ("Đã được thay thế
 * bởi …") add their kinds here, read from the plan, and the page and the JSON follow.
 */
export type PlanStanding =
  | { kind: 'in_force'; label: 'Còn hiệu lực' }
  | { kind: 'revoked'; label: 'Đã thu hồi'; on: string; reason: string }
  | { kind: 'replaced'; label: string; byNumberSymbol: string };

export function planStanding(_plan: Pick<Plan, 'state'>): PlanStanding {
  // The only standing an issued plan can have until revocation and replacement exist.
  return { kind: 'in_force', label: 'Còn hiệu lực' };
}
