import { EntityManager, In } from 'typeorm';
import { FieldProblem } from '@app/common';
import { Organization, SigningAuthority, User } from '@app/identity';
import type { PlanContent } from '../content/plan-content';
import { taskEntries } from '../content/plan-tree';
import { Plan } from '../entities/plan.entity';

interface Binding {
  path: string;
  kind: 'organization' | 'plan' | 'user' | 'authority';
  id: string;
  /** Removes the binding from the content (for imports from another system). */
  unbind: () => void;
}

/** Every id the content holds that points into this system's tables. */
function bindingsOf(content: PlanContent): Binding[] {
  const out: Binding[] = [];
  const list = (path: string, ids: string[]) =>
    ids.forEach((id, i) => out.push({ path: `${path}.${i}`, kind: 'organization', id, unbind: () => ids.splice(ids.indexOf(id), 1) }));
  content.preamble.references.forEach((r, i) => {
    if (r.planId) out.push({ path: `preamble.references.${i}.planId`, kind: 'plan', id: r.planId, unbind: () => (r.planId = null) });
  });
  // Tasks of items and of table rows.
  for (const entry of taskEntries(content)) list(`${entry.path}.task.assigneeOrganizationIds`, entry.task.assigneeOrganizationIds);
  content.reportingDuties.forEach((d, i) => {
    if (d.toOrganizationId)
      out.push({
        path: `reportingDuties.${i}.toOrganizationId`,
        kind: 'organization',
        id: d.toOrganizationId,
        unbind: () => (d.toOrganizationId = null),
      });
    list(`reportingDuties.${i}.reporterOrganizationIds`, d.reporterOrganizationIds);
  });
  content.recipients.forEach((r, i) => {
    if (r.organizationId)
      out.push({ path: `recipients.${i}.organizationId`, kind: 'organization', id: r.organizationId, unbind: () => (r.organizationId = null) });
  });
  const s = content.signature;
  if (s.signerUserId) out.push({ path: 'signature.signerUserId', kind: 'user', id: s.signerUserId, unbind: () => (s.signerUserId = null) });
  if (s.authorityId) out.push({ path: 'signature.authorityId', kind: 'authority', id: s.authorityId, unbind: () => (s.authorityId = null) });
  return out;
}

const WHAT: Record<Binding['kind'], string> = { organization: 'tổ chức', plan: 'kế hoạch', user: 'người dùng', authority: 'thẩm quyền ký' };

/**
 * Ids in the content that name nothing in this database. `unbind` drops them from the content
 * (an import from another system) instead of reporting them as errors.
 */
export async function unknownBindings(
  manager: EntityManager,
  content: PlanContent,
  options: { base?: string; unbind?: boolean } = {},
): Promise<FieldProblem[]> {
  const base = options.base ?? 'content';
  const bindings = bindingsOf(content);
  if (!bindings.length) return [];
  const ids = (kind: Binding['kind']) => [...new Set(bindings.filter((b) => b.kind === kind).map((b) => b.id))];
  const existing = new Set<string>();
  const load = async (entity: typeof Organization | typeof Plan | typeof User | typeof SigningAuthority, kind: Binding['kind']) => {
    const wanted = ids(kind);
    if (!wanted.length) return;
    const rows = await manager.find(entity as typeof Organization, { select: { id: true }, where: { id: In(wanted) } });
    rows.forEach((r) => existing.add(r.id));
  };
  await load(Organization, 'organization');
  await load(Plan, 'plan');
  await load(User, 'user');
  await load(SigningAuthority, 'authority');
  const problems: FieldProblem[] = [];
  // Unbind from the end so that removing from an id list keeps the other paths right.
  for (const binding of [...bindings].reverse()) {
    if (existing.has(binding.id)) continue;
    const path = `${base}.${binding.path}`;
    problems.unshift({
      path,
      code: `unknown_${binding.kind}`,
      message: `${path}: không có ${WHAT[binding.kind]} ${binding.id} trong hệ thống${options.unbind ? ', đã bỏ liên kết' : ''}`,
    });
    if (options.unbind) binding.unbind();
  }
  return problems;
}
