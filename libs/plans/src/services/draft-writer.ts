import { EntityManager } from 'typeorm';
import { foldVietnamese } from '@app/common';
import { canonicalContent, contentSha256 } from '../content/plan-canonical';
import type { PlanContent } from '../content/plan-content';
import { validatePlanContent } from '../content/plan-content.validator';
import { allTexts } from '../content/plan-tree';
import { PlanVersion } from '../entities/plan-version.entity';
import { Plan } from '../entities/plan.entity';
import { PlanError } from '../plan.error';
import { unknownBindings } from './content-bindings';

export interface NewDraft {
  organizationId: string;
  authorId: string;
  /** Raw content: validated here. */
  content: unknown;
  parentPlanId?: string | null;
  dueDate?: string | null;
}

/** The content as stored: schema and rules, then every id it names must exist in this database (422 otherwise). */
export async function validContent(manager: EntityManager, input: unknown): Promise<PlanContent> {
  const validated = validatePlanContent(input);
  if (!validated.ok) throw PlanError.invalid(validated.errors);
  const unknown = await unknownBindings(manager, validated.content);
  if (unknown.length) throw PlanError.invalid(unknown);
  return canonicalContent(validated.content);
}

/** Inserts a draft and its version 1 in the caller's transaction; returns the plan id. */
export async function insertDraft(manager: EntityManager, draft: NewDraft): Promise<string> {
  const content = await validContent(manager, draft.content);
  const plan = await manager.save(
    Plan,
    manager.create(Plan, {
      organizationId: draft.organizationId,
      documentType: content.documentType,
      state: 'draft',
      currentVersion: 1,
      summary: content.summary,
      searchText: searchTextOf(content),
      createdById: draft.authorId,
      parentPlanId: draft.parentPlanId ?? null,
      dueDate: draft.dueDate ?? null,
    }),
  );
  await manager.insert(PlanVersion, { planId: plan.id, version: 1, content, contentSha256: contentSha256(content), authorId: draft.authorId });
  return plan.id;
}

/** What `q` searches: summary and every text of the plan, folded to ASCII lower case. */
export function searchTextOf(content: PlanContent): string {
  return foldVietnamese(allTexts(content).join(' '));
}
