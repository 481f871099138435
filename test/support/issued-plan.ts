import { DataSource } from 'typeorm';
import { INestApplicationContext } from '@nestjs/common';
import { DistributionService } from '@app/distribution';
import { Organization } from '@app/identity';
import { Plan, PlanContent, PlanVersion } from '@app/plans';
import { IssuedDocumentService } from '@app/rendering';
import { passwordOf, type TestApp } from './test-app';
import { expectTransition, signAndIssue, waitFor } from './workflow-client';

let issued = 0;

/**
 * The road from draft to SIGN through the API, as the people of the organization walk it, and
 * the clerk's ISSUE at the desk; that transaction (SIGN's, with automatic issuance) enqueues the issuance, whose job numbers, renders, stores and applies ISSUED;
 * distribution's own job then creates the deliveries and starts them. Returns once that has
 * happened (the plan is distributing, or already distributed): the caller waits for the rest.
 */
export async function signThroughApi(t: TestApp, org: string, planId: string): Promise<Plan> {
  await expectTransition(t, `${org}.drafter`, planId, { type: 'SUBMIT' }, 'review');
  await expectTransition(t, `${org}.reviewer`, planId, { type: 'APPROVE' }, 'review');
  await expectTransition(t, `${org}.format_checker`, planId, { type: 'APPROVE' }, 'awaitingSignature');
  await signAndIssue(t, `${org}.signer`, planId, passwordOf(`${org}.signer`));
  return waitFor(
    `issuance of ${planId}`,
    () => t.app.get(DataSource).manager.findOneByOrFail(Plan, { id: planId }),
    (p) => p.pdfSha256 !== null && ['distributing', 'distributed'].includes(p.state),
    120_000,
  );
}

/**
 * For the benchmark, which times distribution alone: a drafted plan put straight into the issued
 * state with a real issued PDF (rendered in Chromium, PAdES-signed, stored by its SHA-256),
 * number, symbol and date, then (unless `withDeliveries` is false) its deliveries in the same
 * transaction, as the issuance's ISSUED transaction makes them. Tests walk the real road
 * (signThroughApi) instead.
 */
export async function issuePlan(
  app: INestApplicationContext,
  planId: string,
  options: { number?: number; withDeliveries?: boolean } = {},
): Promise<Plan> {
  const dataSource = app.get(DataSource);
  const plan = await dataSource.getRepository(Plan).findOneByOrFail({ id: planId });
  const [version, organization] = await Promise.all([
    dataSource.getRepository(PlanVersion).findOneByOrFail({ planId, version: plan.currentVersion }),
    dataSource.getRepository(Organization).findOneByOrFail({ id: plan.organizationId }),
  ]);
  const number = options.number ?? 10 + ++issued;
  const numberSymbol =
    organization.family === 'party'
      ? `${String(number).padStart(2, '0')}-${plan.documentType}/${organization.symbolAbbreviation}`
      : `${String(number).padStart(2, '0')}/${plan.documentType}-${organization.symbolAbbreviation}`;
  const signedAt = new Date('2024-01-24T02:00:00Z');
  const document = await app
    .get(IssuedDocumentService)
    .produce({ organization, content: version.content, numberSymbol, issuedOn: '2024-01-24', signedAt, issuedAt: signedAt });
  return dataSource.transaction(async (manager) => {
    await manager.update(
      Plan,
      { id: planId },
      { state: 'issued', number, numberSymbol, issuedOn: '2024-01-24', signedAt, pdfSha256: document.sha256 },
    );
    const issuedPlan = await manager.findOneByOrFail(Plan, { id: planId });
    if (options.withDeliveries ?? true) await app.get(DistributionService).createDeliveries(manager, issuedPlan, version.content);
    return issuedPlan;
  });
}

/**
 * A plan of many recipients written straight to the database (plan row and version 1), for the
 * crash test and the benchmark: the drafting API caps "Nơi nhận" at its content limit.
 */
export async function insertDraft(dataSource: DataSource, organizationId: string, authorId: string, content: PlanContent): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const plan = await manager.save(
      Plan,
      manager.create(Plan, {
        organizationId,
        documentType: content.documentType,
        state: 'draft',
        currentVersion: 1,
        summary: content.summary,
        createdById: authorId,
      }),
    );
    await manager.insert(PlanVersion, { planId: plan.id, version: 1, content, contentSha256: '0'.repeat(64), authorId });
    return plan.id;
  });
}
