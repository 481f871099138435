import { Injectable } from '@nestjs/common';
import { Actor, foldVietnamese, hasRole, ROLES, Role } from '@app/common';
import { AdministrationScope, AuthorityDto, includes, OrganizationDto, OrganizationsService, UserDto, UsersService } from '@app/identity';
import { Clock } from '@app/jobs';
import { StampImageService, StampKind } from '@app/rendering';
import { FAMILY_NAMES, ROLE_NAMES } from '../view-helpers';

export interface OrganizationNode {
  org: OrganizationDto;
  familyLabel: string;
  /** The viewer administers it: the page offers to edit it and to add under it. */
  administered: boolean;
  children: OrganizationNode[];
}

export interface OrganizationOption {
  id: string;
  label: string;
  selected: boolean;
}

/** The organization tree as nested nodes, from the service's depth-first list. */
export function organizationTree(orgs: OrganizationDto[], administered: (id: string) => boolean): OrganizationNode[] {
  const nodes = new Map(
    orgs.map((org) => [
      org.id,
      { org, familyLabel: FAMILY_NAMES[org.family], administered: administered(org.id), children: [] as OrganizationNode[] },
    ]),
  );
  const roots: OrganizationNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId ? nodes.get(org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Options of a select of organizations, indented by depth so the tree shows ("— — Đảng bộ Sở Y tế"). */
export function organizationOptions(orgs: OrganizationDto[], selectedId?: string | null, exclude: string[] = []): OrganizationOption[] {
  const depth = new Map<string, number>();
  for (const org of orgs) depth.set(org.id, org.parentId && depth.has(org.parentId) ? depth.get(org.parentId)! + 1 : 0);
  return orgs
    .filter((org) => !exclude.includes(org.id))
    .map((org) => ({ id: org.id, label: `${'— '.repeat(depth.get(org.id) ?? 0)}${org.fullName}`, selected: org.id === selectedId }));
}

/**
 * The bodies an organization may hang under: those administered, and its present parent even when
 * it is not (an admin of a district edits the district under the province), so the form shows where it is.
 */
function parentOptions(administered: OrganizationDto[], every: OrganizationDto[], parentId: string, excluded: string[]): OrganizationOption[] {
  const options = organizationOptions(administered, parentId, excluded);
  if (!parentId || administered.some((o) => o.id === parentId)) return options;
  const parent = every.find((o) => o.id === parentId);
  return parent ? [{ id: parent.id, label: parent.fullName, selected: true }, ...options] : options;
}

export function roleChoices(checked: Role[] = []): { code: Role; name: string; checked: boolean }[] {
  return ROLES.map((code) => ({ code, name: ROLE_NAMES[code], checked: checked.includes(code) }));
}

/** View models of the administration pages, over the identity services. */
@Injectable()
export class AdminViewsService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly scope: AdministrationScope,
    private readonly stamps: StampImageService,
  ) {}

  async organizationsPage(actor: Actor) {
    const orgs = await this.organizations.list(actor);
    const scope = await this.scope.administered(actor);
    // A new organization at the top of the tree is the installation administrator's to add.
    return { title: 'Tổ chức', tree: organizationTree(orgs, (id) => includes(scope, id)), count: orgs.length, canAddTop: actor.installationAdmin };
  }

  /** The create or edit form; `typed` is what the person entered when the form comes back with errors. */
  async organizationForm(actor: Actor, id: string | null, typed?: Record<string, unknown>, parentId?: string | null) {
    if (id) await this.scope.require(actor, [id]);
    const every = await this.organizations.list(actor);
    const orgs = await this.administeredAmong(actor, every);
    const existing = id ? await this.organizations.get(id, actor) : null;
    const excluded = existing ? await this.organizations.subtreeIds(existing.id) : [];
    const parent = orgs.find((o) => o.id === (parentId ?? existing?.parentId));
    const form = typed ?? {
      ...(existing ?? { family: parent?.family ?? 'party', level: parent ? parent.level + 1 : 1, parentId: parent?.id ?? '' }),
      parentId: existing?.parentId ?? parent?.id ?? '',
    };
    return {
      title: existing ? `Sửa tổ chức: ${existing.shortName}` : 'Thêm tổ chức',
      existing,
      hasSeal: existing ? (await this.stamps.ownersWithPicture(StampKind.Seal, [existing.id])).has(existing.id) : false,
      form,
      parents: parentOptions(orgs, every, String(form.parentId ?? ''), excluded),
      // Only the installation administrator puts a body at the top; others see it when the body already is there.
      mayBeTop: actor.installationAdmin || !form.parentId,
      families: Object.entries(FAMILY_NAMES).map(([code, name]) => ({ code, name, selected: code === form.family })),
    };
  }

  async usersPage(actor: Actor, filter: { org?: string; q?: string }) {
    const orgs = await this.administeredOrganizations(actor);
    const orgId = orgs.some((o) => o.id === filter.org) ? filter.org : undefined;
    let users = await this.users.list(actor, orgId);
    const q = foldVietnamese(filter.q ?? '');
    if (q) users = users.filter((u) => foldVietnamese(`${u.fullName} ${u.username} ${u.email ?? ''}`).includes(q));
    return { title: 'Người dùng', users, q: filter.q ?? '', organizations: organizationOptions(orgs, orgId), total: users.length };
  }

  async userForm(
    actor: Actor,
    id: string | null,
    typed?: Record<string, unknown>,
    typedMemberships?: { organizationId: string; roles: Role[]; position?: string | null }[],
  ) {
    const every = await this.organizations.list(actor);
    const orgs = await this.administeredOrganizations(actor);
    const user: UserDto | null = id ? await this.users.get(actor, id) : null;
    const names = new Map(every.map((o) => [o.id, o.fullName]));
    const rows = (typedMemberships ?? user?.memberships ?? []).map((m, index) => ({
      index,
      organizationId: m.organizationId,
      organizationName: names.get(m.organizationId) ?? m.organizationId,
      position: m.position ?? '',
      roles: roleChoices(m.roles),
    }));
    const taken = rows.map((r) => r.organizationId);
    return {
      title: user ? `Người dùng: ${user.fullName}` : 'Thêm người dùng',
      user,
      form: typed ?? { fullName: user?.fullName ?? '', email: user?.email ?? '', active: user?.active ?? true },
      memberships: rows,
      newRoles: roleChoices((typed?.roles as Role[]) ?? []),
      organizations: organizationOptions(orgs, (typed?.organizationId as string) ?? null),
      freeOrganizations: organizationOptions(orgs, null, taken),
      authorities: user
        ? (await this.users.listAuthorities())
            .filter((a) => a.userId === user.id)
            .map((a) => ({ ...a, organizationName: names.get(a.organizationId) ?? '' }))
        : [],
    };
  }

  /** The authorities of one organization (by default the first one the admin belongs to). */
  async authoritiesPage(actor: Actor, orgId: string | undefined, typed?: Record<string, unknown>) {
    const orgs = await this.administeredOrganizations(actor);
    const own = actor.memberships.find((m) => hasRole(actor, 'admin', m.organizationId))?.organizationId;
    const current = orgs.find((o) => o.id === orgId) ?? orgs.find((o) => o.id === own) ?? orgs[0];
    const authorities: AuthorityDto[] = current ? await this.users.listAuthorities(current.id) : [];
    const withImage = await this.stamps.ownersWithPicture(
      StampKind.Signature,
      authorities.map((a) => a.id),
    );
    const members = current ? await this.users.directory(current.id) : [];
    const everyone = members.length ? members : await this.users.list(actor);
    const today = this.clock.today();
    return {
      title: 'Thẩm quyền ký',
      organization: current,
      organizations: organizationOptions(orgs, current?.id),
      authorities: authorities.map((a) => ({
        ...a,
        current: a.validFrom <= today && (!a.validTo || a.validTo >= today),
        hasSignatureImage: withImage.has(a.id),
      })),
      form: typed ?? { userId: '', capacityLines: '', validFrom: today, validTo: '' },
      people: everyone.map((u) => ({ id: u.id, label: `${u.fullName} (${u.username})`, selected: u.id === typed?.userId })),
    };
  }

  /** The organizations the admin may administer: the forms offer only these. */
  private async administeredOrganizations(actor: Actor) {
    return this.administeredAmong(actor, await this.organizations.list(actor));
  }

  private async administeredAmong(actor: Actor, organizations: OrganizationDto[]) {
    const scope = await this.scope.administered(actor);
    return organizations.filter((o) => includes(scope, o.id));
  }
}
