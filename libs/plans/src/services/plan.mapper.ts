import type { Organization } from '@app/identity';
import { canonicalContent } from '../content/plan-canonical';
import { numberPlan } from '../content/numbering';
import { PlanDetailDto, PlanDto, ReplacementLinkDto, PlanVersionDetailDto, PlanVersionDto } from '../dtos/plan.dto';
import type { PlanVersion } from '../entities/plan-version.entity';
import type { Plan } from '../entities/plan.entity';

type OrgFacts = Pick<Organization, 'fullName' | 'family'>;

export function toPlanDto(plan: Plan, org: OrgFacts): PlanDto {
  return {
    id: plan.id,
    organizationId: plan.organizationId,
    organizationName: org.fullName,
    family: org.family,
    documentType: plan.documentType,
    state: plan.state,
    summary: plan.summary,
    version: plan.currentVersion,
    currentVersion: plan.currentVersion,
    submittedVersion: plan.submittedVersion,
    draftRound: plan.draftRound,
    number: plan.number,
    numberSymbol: plan.numberSymbol,
    issuedOn: plan.issuedOn,
    parentPlanId: plan.parentPlanId,
    dueDate: plan.dueDate,
    correctsPlanId: plan.correctsPlanId,
    revocation: revocationOf(plan),
    replacesPlanId: plan.replacesPlanId,
    createdById: plan.createdById,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    rowVersion: plan.rowVersion,
  };
}

/** The revocation of a revoked plan (the columns REVOKE writes), or null. */
export function revocationOf(plan: Pick<Plan, 'revokedAt' | 'revokedById' | 'revocationReason' | 'revocationDecision'>): PlanDto['revocation'] {
  if (!plan.revokedAt) return null;
  return {
    revokedAt: plan.revokedAt.toISOString(),
    revokedById: plan.revokedById,
    reason: plan.revocationReason ?? '',
    decisionNumber: plan.revocationDecision,
  };
}

export function toPlanDetailDto(plan: Plan, org: OrgFacts, version: PlanVersion): PlanDetailDto {
  const content = canonicalContent(version.content);
  return {
    ...toPlanDto(plan, org),
    content,
    contentSha256: version.contentSha256,
    numbering: numberPlan(content, org.family),
    partialReading: false,
    replaces: null,
    replacedBy: null,
  };
}

/** The other end of a replacement, as the plan page links it. */
export function planLinkOf(plan: Pick<Plan, 'id' | 'documentType' | 'numberSymbol' | 'issuedOn' | 'state'>): ReplacementLinkDto {
  return { id: plan.id, documentType: plan.documentType, numberSymbol: plan.numberSymbol, issuedOn: plan.issuedOn, state: plan.state };
}

export function toPlanVersionDto(version: PlanVersion, authorName: string): PlanVersionDto {
  return {
    version: version.version,
    authorId: version.authorId,
    authorName,
    createdAt: version.createdAt.toISOString(),
    contentSha256: version.contentSha256,
    summary: version.content.summary,
  };
}

export function toPlanVersionDetailDto(version: PlanVersion, authorName: string, family: OrgFacts['family']): PlanVersionDetailDto {
  const content = canonicalContent(version.content);
  return { ...toPlanVersionDto(version, authorName), planId: version.planId, content, numbering: numberPlan(content, family) };
}
