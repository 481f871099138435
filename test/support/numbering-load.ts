import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organization } from '@app/identity';
import { NumberingService } from '@app/numbering';
import { Plan, PlanContent, PlanVersion } from '@app/plans';
import { IssuanceService } from '@app/issuance';

/**
 * Plans straight into the database (plan row and version 1) at the state the issuance job
 * finds them in (`signed`), for tests and benchmarks that need many.
 */
export async function insertSignedPlans(
  dataSource: DataSource,
  organizationId: string,
  authorId: string,
  content: PlanContent,
  count: number,
): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const plan = await manager.save(
        Plan,
        manager.create(Plan, {
          organizationId,
          documentType: content.documentType,
          state: 'signed',
          currentVersion: 1,
          summary: content.summary,
          createdById: authorId,
          signedAt: new Date(),
        }),
      );
      await manager.insert(PlanVersion, { planId: plan.id, version: 1, content, contentSha256: '0'.repeat(64), authorId });
      ids.push(plan.id);
    }
    return ids;
  });
}

/** Gives each plan its number, each in its own transaction holding the plan row, `concurrency` at a time. */
export async function assignNumbers(
  app: INestApplicationContext,
  planIds: string[],
  issuedOn: string,
  concurrency: number,
): Promise<{ planId: string; number: number; numberSymbol: string }[]> {
  const dataSource = app.get(DataSource);
  const numbering = app.get(NumberingService);
  const issuance = app.get(IssuanceService);
  const results: { planId: string; number: number; numberSymbol: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < planIds.length) {
      const planId = planIds[next++];
      const entry = await dataSource.transaction(async (manager) => {
        const plan = await manager.findOneOrFail(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
        const [version, organization] = await Promise.all([
          manager.findOneByOrFail(PlanVersion, { planId, version: plan.currentVersion }),
          manager.findOneByOrFail(Organization, { id: plan.organizationId }),
        ]);
        return numbering.assign(manager, plan, issuance.numberRequest(organization, version.content, issuedOn, new Date()));
      });
      results.push({ planId, number: entry.number, numberSymbol: entry.numberSymbol });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
