import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, organizationsWithRole } from '@app/common';
import { IdentityError, IdentityErrorCode } from '../identity.error';

/** Every organization: what an installation administrator administers. */
export const EVERY_ORGANIZATION = 'every' as const;
export type AdministeredOrganizations = ReadonlySet<string> | typeof EVERY_ORGANIZATION;

/**
 * The one rule of administration: an installation administrator administers every
 * organization; an organization's admin administers that organization and its subtree.
 * Services ask here before any identity or administration change.
 */
@Injectable()
export class AdministrationScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async administered(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<AdministeredOrganizations> {
    if (actor.installationAdmin) return EVERY_ORGANIZATION;
    const roots = organizationsWithRole(actor, 'admin');
    if (!roots.length) return new Set();
    return new Set(await organizationSubtrees(manager, roots));
  }

  async administers(actor: Actor, organizationId: string, manager?: EntityManager): Promise<boolean> {
    return includes(await this.administered(actor, manager), organizationId);
  }

  /** Throws 403 unless the actor administers every one of the organizations. */
  async require(actor: Actor, organizationIds: (string | null)[], manager?: EntityManager): Promise<void> {
    const scope = await this.administered(actor, manager);
    const outside = organizationIds.filter((id) => !includes(scope, id));
    if (outside.length) {
      throw new IdentityError(
        IdentityErrorCode.OutsideAdministration,
        'Bạn không quản trị tổ chức này (chỉ quản trị tổ chức của mình và các đơn vị trực thuộc)',
        {
          organizationIds: outside,
        },
      );
    }
  }

  requireInstallationAdmin(actor: Actor): void {
    if (!actor.installationAdmin) {
      throw new IdentityError(IdentityErrorCode.OutsideAdministration, 'Chỉ quản trị hệ thống được làm việc này');
    }
  }
}

/**
 * The organizations given and every one under them. One query, a level of the tree a step: each
 * step finds the children of the whole level at once (an index scan over the level's ids), where
 * a row-by-row recursion probed the index once per organization (a central auditor's 50,000:
 * most of the time of each of their requests). An organization has one parent, so the walk can
 * only come back to a root (a cycle a hand-edited table could hold): roots are not children.
 */
export async function organizationSubtrees(manager: EntityManager, roots: string[]): Promise<string[]> {
  if (!roots.length) return [];
  const levels: { ids: string }[] = await manager.query(
    `WITH RECURSIVE t(ids) AS (
       SELECT ARRAY(SELECT id FROM organization WHERE id = ANY($1::uuid[]))
       UNION ALL
       SELECT ARRAY(SELECT o.id FROM organization o WHERE o.parent_id = ANY(t.ids) AND o.id <> ALL($1::uuid[])) FROM t WHERE cardinality(t.ids) > 0
     ) SELECT array_to_string(ids, ',') AS ids FROM t WHERE cardinality(ids) > 0`,
    [roots],
  );
  // A level as one string: splitting it is much cheaper than parsing an array literal of 10,000 uuids.
  return [...new Set(levels.flatMap((level) => level.ids.split(',')))];
}

/** A null organization (the top of the tree) belongs only to the whole installation. */
export function includes(scope: AdministeredOrganizations, organizationId: string | null): boolean {
  return scope === EVERY_ORGANIZATION || (organizationId !== null && scope.has(organizationId));
}
