import { toIsoDate, vietnamDate } from '@app/common';
import { documentTypeName, type Plan } from '@app/plans';
import { REPLACED_STATES, REVOKED_STATES } from '@workflows/index';

/**
 * Whether an issued plan still stands, as the public page says it: in force, or revoked ("Đã
 * thu hồi", with the day in Vietnam, the reason and the revoking decision's number, read from
 * the columns REVOKE writes), or replaced ("Đã được thay thế bởi Kế hoạch số …", with the
 * replacing plan's number and day). Who revoked it is not a public fact.
 */
export type PlanStanding =
  | { kind: 'in_force'; label: 'Còn hiệu lực' }
  | { kind: 'revoked'; label: 'Đã thu hồi'; on: string; reason: string; decisionNumber: string | null }
  | { kind: 'replaced'; label: string; byNumberSymbol: string; on: string | null };

/** The issued plan that replaced this one (read by the caller, where the plan is `replaced`). */
export type ReplacingPlan = Pick<Plan, 'documentType' | 'numberSymbol' | 'issuedOn'>;

export function planStanding(
  plan: Pick<Plan, 'state' | 'revokedAt' | 'revocationReason' | 'revocationDecision'>,
  replacing: ReplacingPlan | null = null,
): PlanStanding {
  if (REPLACED_STATES.includes(plan.state) && replacing?.numberSymbol) {
    const type = documentTypeName(replacing.documentType, 'Văn bản');
    return {
      kind: 'replaced',
      label: `Đã được thay thế bởi ${type} số ${replacing.numberSymbol}`,
      byNumberSymbol: replacing.numberSymbol,
      on: replacing.issuedOn,
    };
  }
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
