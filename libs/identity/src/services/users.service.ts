import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, compareVietnamese } from '@app/common';
import { AuthService } from '../auth/auth.service';
import { AuthorityDto, ChangePasswordDto, CreateAuthorityDto, CreateUserDto, MembershipInputDto, UpdateUserDto, UserDto } from '../dtos/user.dto';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { SigningAuthority } from '../entities/signing-authority.entity';
import { User } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { AdministrationScope, includes } from './administration-scope';
import { endSessionsOf } from './credentials';
import { requireAcceptablePassword } from './password-policy';
import { hashPassword } from './passwords';

type MembershipRow = { organizationId: string; roles: string[]; position: string | null };

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(SigningAuthority) private readonly authorities: Repository<SigningAuthority>,
    private readonly scope: AdministrationScope,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /** The people the actor administers (a member of an administered organization), in Vietnamese order. */
  async list(actor: Actor, organizationId?: string): Promise<UserDto[]> {
    const scope = await this.scope.administered(actor);
    const all = await this.memberships.find({ select: { userId: true, organizationId: true } });
    const visible = new Set(
      all.filter((m) => includes(scope, m.organizationId) && (!organizationId || m.organizationId === organizationId)).map((m) => m.userId),
    );
    let users = await this.users.find();
    if (organizationId || !actor.installationAdmin) users = users.filter((u) => visible.has(u.id));
    users.sort((a, b) => compareVietnamese(a.fullName, b.fullName));
    return this.toDtos(users);
  }

  /** Everyone's name and memberships, for choosing people in forms (no scope: names are not secret). */
  async directory(organizationId?: string): Promise<UserDto[]> {
    let users = await this.users.find({ where: { active: true } });
    if (organizationId) {
      const ids = new Set((await this.memberships.find({ where: { organizationId } })).map((m) => m.userId));
      users = users.filter((u) => ids.has(u.id));
    }
    users.sort((a, b) => compareVietnamese(a.fullName, b.fullName));
    return this.toDtos(users);
  }

  /** A person the actor administers; 404 for anyone else, so ids outside the scope reveal nothing. */
  async get(actor: Actor, id: string): Promise<UserDto> {
    const user = await this.find(id);
    const scope = await this.scope.administered(actor);
    const rows = await this.memberships.find({ where: { userId: id } });
    if (!actor.installationAdmin && actor.id !== id && !rows.some((m) => includes(scope, m.organizationId))) {
      throw new IdentityError(IdentityErrorCode.UserNotFound, `Không tìm thấy người dùng ${id}`);
    }
    return (await this.toDtos([user]))[0];
  }

  /** The signed-in person's own record. */
  async self(userId: string): Promise<UserDto> {
    return (await this.toDtos([await this.find(userId)]))[0];
  }

  async find(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new IdentityError(IdentityErrorCode.UserNotFound, `Không tìm thấy người dùng ${id}`);
    return user;
  }

  /** A new person; an organization's admin gives them at least one membership inside their subtree. */
  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    requireAcceptablePassword(dto.password, dto.username);
    const memberships = dto.memberships ?? [];
    if (!memberships.length) this.scope.requireInstallationAdmin(actor);
    await this.scope.require(
      actor,
      memberships.map((m) => m.organizationId),
    );
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { username: dto.username } })) {
        throw new IdentityError(IdentityErrorCode.DuplicateUsername, `Tên đăng nhập "${dto.username}" đã tồn tại`, {
          errors: [{ path: 'username', code: 'duplicate', message: 'username: tên đăng nhập đã tồn tại' }],
        });
      }
      const user = await manager.save(
        User,
        manager.create(User, { username: dto.username, fullName: dto.fullName, email: dto.email ?? null, passwordHash }),
      );
      await this.writeMemberships(manager, user.id, memberships);
      const after = { username: user.username, fullName: user.fullName, email: user.email, memberships: memberships.map(membershipRow) };
      await this.record(
        manager,
        actor,
        memberships.map((m) => m.organizationId),
        'USER_CREATED',
        user,
        null,
        after,
      );
      return user.id;
    });
    return this.get(actor, id);
  }

  /**
   * Name, e-mail, active, password. Only someone who administers every organization the person
   * belongs to may change them (else a commune's admin could take over a province account);
   * a password reset or a deactivation ends the person's sessions and bearer tokens.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.find(id);
    if (dto.password !== undefined) requireAcceptablePassword(dto.password, user.username);
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const organizationIds = await this.requireGoverns(manager, actor, user);
      const changes: Partial<User> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of ['fullName', 'email', 'active'] as const) {
        if (dto[key] !== undefined && dto[key] !== user[key]) {
          Object.assign(changes, { [key]: dto[key] });
          before[key] = user[key];
          after[key] = dto[key];
        }
      }
      if (passwordHash) changes.passwordHash = passwordHash;
      if (!Object.keys(changes).length) return;
      await manager.update(User, user.id, changes);
      if (passwordHash || changes.active === false) await endSessionsOf(manager, user.id);
      if (Object.keys(after).length)
        await this.record(manager, actor, organizationIds, changes.active === false ? 'USER_DEACTIVATED' : 'USER_UPDATED', user, before, after);
      if (passwordHash) await this.record(manager, actor, organizationIds, 'PASSWORD_RESET', user, null, { sessionsEnded: true });
    });
    return this.get(actor, id);
  }

  /**
   * Replaces every membership of the user at once. An organization's admin may add, change or
   * remove memberships only in the organizations they administer; the others must stay as they are.
   */
  async setMemberships(actor: Actor, id: string, memberships: MembershipInputDto[]): Promise<UserDto> {
    const user = await this.find(id);
    await this.dataSource.transaction(async (manager) => {
      const current = (await manager.find(Membership, { where: { userId: id } })).map(membershipRow);
      const next = memberships.map(membershipRow);
      const changed = changedOrganizations(current, next);
      await this.scope.require(actor, changed, manager);
      if (!changed.length) return;
      await manager.delete(Membership, { userId: id });
      await this.writeMemberships(manager, id, memberships);
      for (const organizationId of changed) {
        const before = current.find((m) => m.organizationId === organizationId) ?? null;
        const after = next.find((m) => m.organizationId === organizationId) ?? null;
        await this.record(manager, actor, [organizationId], 'MEMBERSHIP_CHANGED', user, before, after);
      }
    });
    return this.get(actor, id);
  }

  /**
   * The signed-in person changes their own password: the current one is checked (and throttled
   * like a sign-in); every other session and every bearer token of the person ends.
   */
  async changeOwnPassword(actor: Actor, dto: ChangePasswordDto, address: string, keepSessionId?: string): Promise<void> {
    try {
      await this.auth.checkCredentials(actor.username, dto.currentPassword, address);
    } catch (error) {
      if (!(error instanceof IdentityError) || error.code !== IdentityErrorCode.BadCredentials) throw error;
      throw new IdentityError(IdentityErrorCode.WrongCurrentPassword, 'Mật khẩu hiện tại không đúng', {
        errors: [{ path: 'currentPassword', code: 'wrong', message: 'currentPassword: mật khẩu hiện tại không đúng' }],
      });
    }
    requireAcceptablePassword(dto.newPassword, actor.username, 'newPassword');
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, actor.id, { passwordHash });
      await endSessionsOf(manager, actor.id, keepSessionId);
      const organizationIds = (await manager.find(Membership, { where: { userId: actor.id } })).map((m) => m.organizationId);
      await this.record(manager, actor, organizationIds, 'PASSWORD_CHANGED', actor, null, { otherSessionsEnded: true });
    });
  }

  /** Gives or takes installation-wide administration: only another holder may. */
  async setInstallationAdmin(actor: Actor, id: string, value: boolean): Promise<UserDto> {
    this.scope.requireInstallationAdmin(actor);
    const user = await this.find(id);
    if (user.installationAdmin !== value) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(User, id, { installationAdmin: value });
        const organizationIds = (await manager.find(Membership, { where: { userId: id } })).map((m) => m.organizationId);
        const fallback = actor.memberships.map((m) => m.organizationId);
        await this.record(
          manager,
          actor,
          organizationIds.length ? organizationIds : fallback,
          'INSTALLATION_ADMIN_CHANGED',
          user,
          { installationAdmin: !value },
          { installationAdmin: value },
        );
      });
    }
    return this.get(actor, id);
  }

  /** The organizations of the person, once the actor is allowed to change the person's identity. */
  private async requireGoverns(manager: EntityManager, actor: Actor, user: User): Promise<string[]> {
    const organizationIds = (await manager.find(Membership, { where: { userId: user.id } })).map((m) => m.organizationId);
    if (user.installationAdmin || !organizationIds.length) this.scope.requireInstallationAdmin(actor);
    await this.scope.require(actor, organizationIds, manager);
    return organizationIds;
  }

  /** One audit row per organization concerned: who, what, before and after (never a password). */
  private async record(
    manager: EntityManager,
    actor: Actor,
    organizationIds: string[],
    event: string,
    subject: Pick<User, 'id' | 'username'>,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    for (const organizationId of new Set(organizationIds)) {
      await this.audit.append(manager, { organizationId, actor, event, data: { userId: subject.id, username: subject.username, before, after } });
    }
  }

  private async writeMemberships(manager: EntityManager, userId: string, memberships: MembershipInputDto[]): Promise<void> {
    const orgIds = [...new Set(memberships.map((m) => m.organizationId))];
    if (orgIds.length !== memberships.length) {
      throw new IdentityError(IdentityErrorCode.DuplicateMembership, 'Mỗi tổ chức chỉ được khai báo một lần', {
        errors: [{ path: 'memberships', code: 'duplicate', message: 'memberships: tổ chức bị lặp' }],
      });
    }
    const found = await manager.count(Organization, { where: { id: In(orgIds) } });
    if (found !== orgIds.length) {
      throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Tổ chức không tồn tại', {
        errors: [{ path: 'memberships.organizationId', code: 'not_found', message: 'memberships.organizationId: tổ chức không tồn tại' }],
      });
    }
    for (const m of memberships) {
      await manager.insert(Membership, { userId, organizationId: m.organizationId, roles: [...new Set(m.roles)], position: m.position ?? null });
    }
  }

  /** Authorities of an organization, for anyone signed in (signature blocks are public facts). */
  async listAuthorities(organizationId?: string): Promise<AuthorityDto[]> {
    const rows = await this.authorities.find({
      where: organizationId ? { organizationId } : {},
      relations: { user: true },
      order: { validFrom: 'ASC' },
    });
    return rows.map(toAuthorityDto);
  }

  /** A signing authority given by an administrator of the organization, recorded in its trail. */
  async grantAuthority(actor: Actor, dto: CreateAuthorityDto): Promise<AuthorityDto> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Organization, { where: { id: dto.organizationId } })) await this.scope.require(actor, [dto.organizationId], manager);
      const created = await this.createAuthority(dto, null, manager);
      await this.audit.append(manager, {
        organizationId: dto.organizationId,
        actor,
        event: 'AUTHORITY_GRANTED',
        data: { authorityId: created.id, before: null, after: created },
      });
      return created;
    });
  }

  /** Inserts an authority; callers check who may (grantAuthority, delegations). */
  async createAuthority(dto: CreateAuthorityDto, delegatedFromId: string | null = null, manager?: EntityManager): Promise<AuthorityDto> {
    const m = manager ?? this.dataSource.manager;
    if (!(await m.exists(User, { where: { id: dto.userId } }))) {
      throw new IdentityError(IdentityErrorCode.UserNotFound, 'Người dùng không tồn tại', {
        errors: [{ path: 'userId', code: 'not_found', message: 'userId: người dùng không tồn tại' }],
      });
    }
    if (!(await m.exists(Organization, { where: { id: dto.organizationId } }))) {
      throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Tổ chức không tồn tại', {
        errors: [{ path: 'organizationId', code: 'not_found', message: 'organizationId: tổ chức không tồn tại' }],
      });
    }
    if (dto.validTo && dto.validTo < dto.validFrom) {
      throw new IdentityError(IdentityErrorCode.InvalidDates, 'Ngày hết hiệu lực phải sau ngày bắt đầu', {
        errors: [{ path: 'validTo', code: 'before_valid_from', message: 'validTo: phải sau validFrom' }],
      });
    }
    const saved = await m.save(SigningAuthority, m.create(SigningAuthority, { ...dto, validTo: dto.validTo ?? null, delegatedFromId }));
    const full = await m.findOneOrFail(SigningAuthority, { where: { id: saved.id }, relations: { user: true } });
    return toAuthorityDto(full);
  }

  async removeAuthority(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const authority = await manager.findOne(SigningAuthority, { where: { id }, relations: { user: true } });
      if (!authority) throw new IdentityError(IdentityErrorCode.AuthorityNotFound, `Không tìm thấy thẩm quyền ký ${id}`);
      await this.scope.require(actor, [authority.organizationId], manager);
      await manager.delete(SigningAuthority, id);
      await this.audit.append(manager, {
        organizationId: authority.organizationId,
        actor,
        event: 'AUTHORITY_REMOVED',
        data: { authorityId: id, before: toAuthorityDto(authority), after: null },
      });
    });
  }

  /** Authorities the user holds for the organization on the given date (YYYY-MM-DD). */
  async authoritiesOn(userId: string, organizationId: string, date: string, manager?: EntityManager): Promise<SigningAuthority[]> {
    const m = manager ?? this.dataSource.manager;
    return m
      .createQueryBuilder(SigningAuthority, 'a')
      .where('a.user_id = :userId AND a.organization_id = :organizationId', { userId, organizationId })
      .andWhere('a.valid_from <= :date AND (a.valid_to IS NULL OR a.valid_to >= :date)', { date })
      .getMany();
  }

  private async toDtos(users: User[]): Promise<UserDto[]> {
    if (!users.length) return [];
    const memberships = await this.memberships.find({ where: { userId: In(users.map((u) => u.id)) }, relations: { organization: true } });
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      email: u.email,
      active: u.active,
      installationAdmin: u.installationAdmin,
      memberships: memberships
        .filter((m) => m.userId === u.id)
        .map((m) => ({ organizationId: m.organizationId, organizationName: m.organization?.fullName ?? '', roles: m.roles, position: m.position })),
    }));
  }
}

export function toAuthorityDto(a: SigningAuthority): AuthorityDto {
  return {
    id: a.id,
    userId: a.userId,
    userFullName: a.user?.fullName ?? '',
    organizationId: a.organizationId,
    capacityLines: a.capacityLines,
    validFrom: a.validFrom,
    validTo: a.validTo,
    delegatedFromId: a.delegatedFromId,
  };
}

function membershipRow(m: { organizationId: string; roles: string[]; position?: string | null }): MembershipRow {
  return { organizationId: m.organizationId, roles: [...new Set(m.roles)].sort(), position: m.position ?? null };
}

/** Organizations where a membership is added, removed, or has other roles or position. */
function changedOrganizations(current: MembershipRow[], next: MembershipRow[]): string[] {
  const ids = new Set([...current, ...next].map((m) => m.organizationId));
  const same = (a?: MembershipRow, b?: MembershipRow) => !!a && !!b && a.position === b.position && a.roles.join() === b.roles.join();
  return [...ids].filter(
    (id) =>
      !same(
        current.find((m) => m.organizationId === id),
        next.find((m) => m.organizationId === id),
      ),
  );
}
