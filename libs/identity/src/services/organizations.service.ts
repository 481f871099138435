import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, compareVietnamese, outboundTargetProblem } from '@app/common';
import { AppConfig } from '@app/config';
import { CreateOrganizationDto, OrganizationDto, UpdateOrganizationDto } from '../dtos/organization.dto';
import { Organization } from '../entities/organization.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { AdministeredOrganizations, AdministrationScope, EVERY_ORGANIZATION, includes } from './administration-scope';

/** The organization as anyone signed in sees it; its webhook only for its administrators. */
export function toOrganizationDto(org: Organization, scope: AdministeredOrganizations = new Set()): OrganizationDto {
  const webhook = includes(scope, org.id) ? { webhookUrl: org.webhookUrl } : {};
  return {
    id: org.id,
    code: org.code,
    family: org.family,
    parentId: org.parentId,
    level: org.level,
    fullName: org.fullName,
    shortName: org.shortName,
    symbolAbbreviation: org.symbolAbbreviation,
    placeName: org.placeName,
    superiorHeader: org.superiorHeader,
    headerName: org.headerName,
    email: org.email,
    issuanceMode: org.issuanceMode,
    ...webhook,
    relaxedSeparationOfDuties: org.relaxedSeparationOfDuties,
    version: org.version,
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly scope: AdministrationScope,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The whole tree, depth first, siblings in Vietnamese alphabetical order. */
  async list(actor?: Actor): Promise<OrganizationDto[]> {
    const all = await this.organizations.find();
    // Linear in the number of organizations (50,000 at a nation's size): a set of ids, lists appended in place.
    const ids = new Set(all.map((o) => o.id));
    const children = new Map<string | null, Organization[]>();
    for (const org of all) {
      const key = org.parentId && ids.has(org.parentId) ? org.parentId : null;
      const siblings = children.get(key);
      if (siblings) siblings.push(org);
      else children.set(key, [org]);
    }
    const ordered: Organization[] = [];
    const walk = (parentId: string | null) => {
      for (const org of (children.get(parentId) ?? []).sort((a, b) => compareVietnamese(a.fullName, b.fullName))) {
        ordered.push(org);
        walk(org.id);
      }
    };
    walk(null);
    const scope = actor ? await this.scope.administered(actor) : new Set<string>();
    return ordered.map((org) => toOrganizationDto(org, scope));
  }

  async get(id: string, actor?: Actor): Promise<OrganizationDto> {
    const scope = actor ? await this.scope.administered(actor) : new Set<string>();
    return toOrganizationDto(await this.find(id), scope);
  }

  async find(id: string): Promise<Organization> {
    const org = await this.organizations.findOne({ where: { id } });
    if (!org) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${id}`);
    return org;
  }

  /** The organization and every organization below it. */
  async subtreeIds(rootId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.organizations.query(
      `WITH RECURSIVE t AS (SELECT id FROM organization WHERE id = $1 UNION ALL SELECT o.id FROM organization o JOIN t ON o.parent_id = t.id) SELECT id FROM t`,
      [rootId],
    );
    return rows.map((r) => r.id);
  }

  /** A new organization under one the actor administers (a new top only by an installation administrator). */
  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    await this.checkParent(dto.parentId ?? null, null);
    await this.scope.require(actor, [dto.parentId ?? null]);
    await this.checkWebhook(dto.webhookUrl);
    if (await this.organizations.exists({ where: { code: dto.code } })) {
      throw new IdentityError(IdentityErrorCode.DuplicateOrganizationCode, `Mã tổ chức "${dto.code}" đã tồn tại`, {
        errors: [{ path: 'code', code: 'duplicate', message: 'code: mã đã tồn tại' }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        Organization,
        manager.create(Organization, {
          ...dto,
          parentId: dto.parentId ?? null,
          superiorHeader: dto.superiorHeader ?? null,
          email: dto.email ?? null,
          webhookUrl: dto.webhookUrl ?? null,
          webhookSecret: dto.webhookSecret ?? null,
          relaxedSeparationOfDuties: dto.relaxedSeparationOfDuties ?? false,
        }),
      );
      await this.record(manager, actor, saved.id, 'ORGANIZATION_CREATED', null, auditView(saved));
      return toOrganizationDto(saved, EVERY_ORGANIZATION);
    });
  }

  /** Settings of an organization the actor administers; a move needs the new parent administered too. */
  async update(actor: Actor, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    const org = await this.find(id);
    await this.scope.require(actor, [id]);
    if (dto.parentId !== undefined && dto.parentId !== org.parentId) {
      await this.checkParent(dto.parentId, id);
      await this.scope.require(actor, [org.parentId, dto.parentId ?? null]);
    }
    await this.checkWebhook(dto.webhookUrl);
    if (dto.code && dto.code !== org.code && (await this.organizations.exists({ where: { code: dto.code } }))) {
      throw new IdentityError(IdentityErrorCode.DuplicateOrganizationCode, `Mã tổ chức "${dto.code}" đã tồn tại`);
    }
    const before = auditView(org);
    Object.assign(org, dto);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(Organization, org);
      const after = auditView(saved);
      const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      if (dto.webhookSecret !== undefined) changed.push('webhookSecretChanged');
      if (changed.length) {
        await this.record(manager, actor, id, 'ORGANIZATION_UPDATED', pick(before, changed), pick({ ...after, webhookSecretChanged: true }, changed));
      }
      return toOrganizationDto(saved, EVERY_ORGANIZATION);
    });
  }

  /** Removes an organization without children; its parent's administrator decides, and the parent's trail records it. */
  async remove(actor: Actor, id: string): Promise<void> {
    const org = await this.find(id);
    await this.scope.require(actor, [org.parentId]);
    if (await this.organizations.exists({ where: { parentId: id } })) {
      throw new IdentityError(IdentityErrorCode.OrganizationHasChildren, 'Không thể xóa tổ chức còn đơn vị trực thuộc');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Organization, id);
      if (org.parentId) await this.record(manager, actor, org.parentId, 'ORGANIZATION_REMOVED', auditView(org), null);
    });
  }

  /** A webhook may not point into the server's own network (checked again when sending). */
  private async checkWebhook(url: string | null | undefined): Promise<void> {
    if (!url) return;
    const problem = await outboundTargetProblem(url, this.config.webhookAllowHosts);
    if (problem) {
      throw new IdentityError(IdentityErrorCode.InvalidWebhook, `Địa chỉ webhook không dùng được: ${problem}`, {
        errors: [{ path: 'webhookUrl', code: 'internal_address', message: `webhookUrl: ${problem}` }],
      });
    }
  }

  private record(manager: EntityManager, actor: Actor, organizationId: string, event: string, before: unknown, after: unknown) {
    return this.audit.append(manager, { organizationId, actor, event, data: { before, after } });
  }

  private async checkParent(parentId: string | null, selfId: string | null): Promise<void> {
    if (!parentId) return;
    const parent = await this.organizations.findOne({ where: { id: parentId } });
    if (!parent) {
      throw new IdentityError(IdentityErrorCode.InvalidParent, 'Tổ chức cấp trên không tồn tại', {
        errors: [{ path: 'parentId', code: 'not_found', message: 'parentId: tổ chức cấp trên không tồn tại' }],
      });
    }
    if (selfId && (await this.subtreeIds(selfId)).includes(parentId)) {
      throw new IdentityError(IdentityErrorCode.InvalidParent, 'Tổ chức cấp trên không thể là chính nó hoặc đơn vị trực thuộc của nó', {
        errors: [{ path: 'parentId', code: 'cycle', message: 'parentId: tạo vòng lặp' }],
      });
    }
  }
}

/** What the trail keeps of an organization's settings (never the webhook secret). */
function auditView(org: Organization): Record<string, unknown> {
  const keys = ['id', 'code', 'family', 'parentId', 'level', 'fullName', 'shortName', 'symbolAbbreviation', 'placeName', 'superiorHeader'] as const;
  const more = ['headerName', 'email', 'webhookUrl', 'relaxedSeparationOfDuties', 'issuanceMode'] as const;
  return Object.fromEntries([...keys, ...more].map((key) => [key, org[key]]));
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, values[key]]));
}
