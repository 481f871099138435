import { EntityManager, In } from 'typeorm';
import { ISSUED_STATES } from '@workflows/index';
import { Plan } from '../entities/plan.entity';

/**
 * The correction notices (đính chính) of a plan, oldest first: every one for those who read the
 * whole plan, only the issued ones for a recipient or the public page (a draft notice is
 * internal). One query for the API, the plan's page and the verification page.
 */
export function correctionNoticesOf(manager: EntityManager, planId: string, options: { issuedOnly: boolean }): Promise<Plan[]> {
  return manager.find(Plan, {
    where: { correctsPlanId: planId, ...(options.issuedOnly ? { state: In([...ISSUED_STATES]) } : {}) },
    order: { createdAt: 'ASC' },
  });
}
