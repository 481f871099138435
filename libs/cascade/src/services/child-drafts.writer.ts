import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Organization } from '@app/identity';
import { canonicalContent, contentSha256, Plan, PlanVersion, searchTextOf, taskEntries, type PlanContent } from '@app/plans';

/** A child draft whose content the plans validator has already accepted (validatePlanContent). */
export interface ValidatedChildDraft {
  organizationId: string;
  authorId: string;
  content: PlanContent;
  parentPlanId: string;
  dueDate: string;
}

/**
 * Writes a batch of child drafts and their version 1 in two multi-row statements, in the
 * caller's transaction: the same rows as the plans domain's insertDraft (canonical content, its
 * SHA-256, the folded search text), without a round trip per draft, so that a plan with a
 * thousand implementing bodies gets its children in seconds. Content ids that point into the
 * database were read in this transaction, except the task assignees copied from the parent:
 * those that no longer exist are dropped, as an import does.
 */
export async function insertChildDrafts(manager: EntityManager, drafts: ValidatedChildDraft[]): Promise<{ id: string; contentSha256: string }[]> {
  if (!drafts.length) return [];
  await dropVanishedAssignees(manager, drafts.map((d) => d.content));
  const rows = drafts.map((draft) => {
    const content = canonicalContent(draft.content);
    return { id: randomUUID(), draft, content, contentSha256: contentSha256(content) };
  });
  await manager
    .createQueryBuilder()
    .insert()
    .into(Plan)
    .values(
      rows.map(({ id, draft, content }) => ({
        id,
        organizationId: draft.organizationId,
        documentType: content.documentType,
        state: 'draft',
        currentVersion: 1,
        summary: content.summary,
        searchText: searchTextOf(content),
        createdById: draft.authorId,
        parentPlanId: draft.parentPlanId,
        dueDate: draft.dueDate,
      })),
    )
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
