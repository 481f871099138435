import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { compareVietnamese } from '@app/common';
import { AuthorityDto, CreateAuthorityDto, CreateUserDto, MembershipInputDto, UpdateUserDto, UserDto } from '../dtos/user.dto';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { SigningAuthority } from '../entities/signing-authority.entity';
import { User } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { hashPassword } from './passwords';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(SigningAuthority) private readonly authorities: Repository<SigningAuthority>,
  ) {}

  /** Users sorted by full name in Vietnamese order. */
  async list(organizationId?: string): Promise<UserDto[]> {
    let users = await this.users.find();
    if (organizationId) {
      const ids = (await this.memberships.find({ where: { organizationId } })).map((m) => m.userId);
      users = users.filter((u) => ids.includes(u.id));
    }
    users.sort((a, b) => compareVietnamese(a.fullName, b.fullName));
    return this.toDtos(users);
  }

  async get(id: string): Promise<UserDto> {
    return (await this.toDtos([await this.find(id)]))[0];
  }

  async find(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new IdentityError(IdentityErrorCode.UserNotFound, `Không tìm thấy người dùng ${id}`);
    return user;
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { username: dto.username } })) {
        throw new IdentityError(IdentityErrorCode.DuplicateUsername, `Tên đăng nhập "${dto.username}" đã tồn tại`, { errors: [{ path: 'username', code: 'duplicate', message: 'username: tên đăng nhập đã tồn tại' }] });
      }
      const user = await manager.save(User, manager.create(User, { username: dto.username, fullName: dto.fullName, email: dto.email ?? null, passwordHash }));
      await this.writeMemberships(manager, user.id, dto.memberships ?? []);
      return user.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.find(id);
    const changes: Partial<User> = {};
    if (dto.fullName !== undefined) changes.fullName = dto.fullName;
    if (dto.email !== undefined) changes.email = dto.email;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined) changes.passwordHash = await hashPassword(dto.password);
    await this.users.update(user.id, changes);
    return this.get(id);
  }

  /** Replaces every membership of the user at once. */
  async setMemberships(id: string, memberships: MembershipInputDto[]): Promise<UserDto> {
    await this.find(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Membership, { userId: id });
      await this.writeMemberships(manager, id, memberships);
    });
    return this.get(id);
  }

  private async writeMemberships(manager: EntityManager, userId: string, memberships: MembershipInputDto[]): Promise<void> {
    const orgIds = [...new Set(memberships.map((m) => m.organizationId))];
    if (orgIds.length !== memberships.length) {
      throw new IdentityError(IdentityErrorCode.DuplicateMembership, 'Mỗi tổ chức chỉ được khai báo một lần', { errors: [{ path: 'memberships', code: 'duplicate', message: 'memberships: tổ chức bị lặp' }] });
    }
    const found = await manager.count(Organization, { where: { id: In(orgIds) } });
    if (found !== orgIds.length) {
      throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Tổ chức không tồn tại', { errors: [{ path: 'memberships.organizationId', code: 'not_found', message: 'memberships.organizationId: tổ chức không tồn tại' }] });
    }
    for (const m of memberships) {
      await manager.insert(Membership, { userId, organizationId: m.organizationId, roles: [...new Set(m.roles)], position: m.position ?? null });
    }
  }

  async listAuthorities(organizationId?: string): Promise<AuthorityDto[]> {
    const rows = await this.authorities.find({ where: organizationId ? { organizationId } : {}, relations: { user: true }, order: { validFrom: 'ASC' } });
    return rows.map(toAuthorityDto);
  }

  async createAuthority(dto: CreateAuthorityDto, delegatedFromId: string | null = null, manager?: EntityManager): Promise<AuthorityDto> {
    const m = manager ?? this.dataSource.manager;
    if (!(await m.exists(User, { where: { id: dto.userId } }))) {
      throw new IdentityError(IdentityErrorCode.UserNotFound, 'Người dùng không tồn tại', { errors: [{ path: 'userId', code: 'not_found', message: 'userId: người dùng không tồn tại' }] });
    }
    if (!(await m.exists(Organization, { where: { id: dto.organizationId } }))) {
      throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Tổ chức không tồn tại', { errors: [{ path: 'organizationId', code: 'not_found', message: 'organizationId: tổ chức không tồn tại' }] });
    }
    if (dto.validTo && dto.validTo < dto.validFrom) {
      throw new IdentityError(IdentityErrorCode.InvalidDates, 'Ngày hết hiệu lực phải sau ngày bắt đầu', { errors: [{ path: 'validTo', code: 'before_valid_from', message: 'validTo: phải sau validFrom' }] });
    }
    const saved = await m.save(SigningAuthority, m.create(SigningAuthority, { ...dto, validTo: dto.validTo ?? null, delegatedFromId }));
    const full = await m.findOneOrFail(SigningAuthority, { where: { id: saved.id }, relations: { user: true } });
    return toAuthorityDto(full);
  }

  async removeAuthority(id: string): Promise<void> {
    const result = await this.authorities.delete(id);
    if (!result.affected) throw new IdentityError(IdentityErrorCode.AuthorityNotFound, `Không tìm thấy thẩm quyền ký ${id}`);
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
