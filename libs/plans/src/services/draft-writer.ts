import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { foldVietnamese } from '@app/common';
import { Organization } from '@app/identity';
import { canonicalContent, contentSha256 } from '../content/plan-canonical';
import type { PlanContent } from '../content/plan-content';
import { validatePlanContent } from '../content/plan-content.validator';
import { allTexts, taskEntries } from '../content/plan-tree';
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
  /** A correction notice (đính chính): the issued plan it corrects. */
  correctsPlanId?: string | null;
  /** The issued plan this draft replaces (thay thế). */
  replacesPlanId?: string | null;
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
  const plan = await manager.save(Plan, manager.create(Plan, newDraftRow(draft, content)));
  await manager.insert(PlanVersion, { planId: plan.id, version: 1, content, contentSha256: contentSha256(content), authorId: draft.authorId });
  return plan.id;
}

/** The plan row of a new draft (version 1), both writers' one rule for it. */
function newDraftRow(
  draft: Pick<NewDraft, 'organizationId' | 'authorId' | 'parentPlanId' | 'dueDate' | 'correctsPlanId' | 'replacesPlanId'>,
  content: PlanContent,
): Partial<Plan> {
  return {
    organizationId: draft.organizationId,
    documentType: content.documentType,
    state: 'draft',
    currentVersion: 1,
    summary: content.summary,
    searchText: searchTextOf(content),
    createdById: draft.authorId,
    parentPlanId: draft.parentPlanId ?? null,
    dueDate: draft.dueDate ?? null,
    correctsPlanId: draft.correctsPlanId ?? null,
    replacesPlanId: draft.replacesPlanId ?? null,
  };
}

/** A draft whose content the plans validator has already accepted (validatePlanContent). */
export interface ValidatedDraft {
  organizationId: string;
  authorId: string;
  content: PlanContent;
  parentPlanId: string | null;
  dueDate: string | null;
}

/**
 * Writes a batch of drafts and their version 1 in two multi-row statements, in the caller's
 * transaction: the same rows as insertDraft (canonical content, its SHA-256, the folded search
 * text), without a round trip per draft, so that a plan with a thousand implementing bodies gets
 * its children in seconds. Content ids that point into the database were read in this
 * transaction, except task assignees copied from elsewhere (a parent plan): those that no longer
 * exist are dropped, as an import does.
 */
export async function insertDrafts(manager: EntityManager, drafts: ValidatedDraft[]): Promise<{ id: string; contentSha256: string }[]> {
  if (!drafts.length) return [];
  await dropVanishedAssignees(
    manager,
    drafts.map((d) => d.content),
  );
  const rows = drafts.map((draft) => {
    const content = canonicalContent(draft.content);
    return { id: randomUUID(), draft, content, contentSha256: contentSha256(content) };
  });
  await manager
    .createQueryBuilder()
    .insert()
    .into(Plan)
    .values(rows.map(({ id, draft, content }) => ({ id, ...newDraftRow(draft, content) })))
    .execute();
  await manager
    .createQueryBuilder()
    .insert()
    .into(PlanVersion)
    .values(rows.map(({ id, draft, content, contentSha256 }) => ({ planId: id, version: 1, content, contentSha256, authorId: draft.authorId })))
    .execute();
  return rows.map(({ id, contentSha256 }) => ({ id, contentSha256 }));
}

async function dropVanishedAssignees(manager: EntityManager, contents: PlanContent[]): Promise<void> {
  const ids = new Set<string>();
  for (const content of contents) for (const { task } of taskEntries(content)) task.assigneeOrganizationIds.forEach((id) => ids.add(id));
  if (!ids.size) return;
  const found = new Set((await manager.find(Organization, { select: { id: true }, where: { id: In([...ids]) } })).map((o) => o.id));
  if (found.size === ids.size) return;
  for (const content of contents) {
    for (const { task } of taskEntries(content)) {
      task.assigneeOrganizationIds = task.assigneeOrganizationIds.filter((id) => found.has(id));
    }
  }
}

/** What `q` searches: summary and every text of the plan, folded to ASCII lower case. */
export function searchTextOf(content: PlanContent): string {
  return foldVietnamese(allTexts(content).join(' '));
}
