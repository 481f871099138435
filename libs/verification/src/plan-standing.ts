import { toIsoDate, vietnamDate } from '@app/common';
import type { Plan } from '@app/plans';
import { REVOKED_STATES } from '@workflows/index';

/**
 * Whether an issued plan still stands, as the public page says it: in force, or revoked ("Đã
 * thu hồi", with the day in Vietnam, the reason and the revoking decision's number, read from
 * the columns REVOKE writes). Replacement ("Đã được thay thế bởi …") will add its kind here, and
 * the page and the JSON follow. Who revoked it is not a public fact.
 */
export type PlanStanding =
  | { kind: 'in_force'; label: 'Còn hiệu lực' }
  | { kind: 'revoked'; label: 'Đã thu hồi'; on: string; reason: string; decisionNumber: string | null }
  | { kind: 'replaced'; label: string; byNumberSymbol: string };

export function planStanding(plan: Pick<Plan, 'state' | 'revokedAt' | 'revocationReason' | 'revocationDecision'>): PlanStanding {
  if (REVOKED_STATES.includes(plan.state) && plan.revokedAt) {
    return {
      kind: 'revoked',
      label: 'Đã thu hồi',
      on: toIsoDate(vietnamDate(plan.revokedAt)),
      reason: plan.revocationReason ?? '',
      decisionNumber: plan.revocationDecision,
    };
  }
  return { kind: 'in_force', label: 'Còn hiệu lực' };
}
