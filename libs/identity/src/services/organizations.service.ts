import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { compareVietnamese } from '@app/common';
import { CreateOrganizationDto, OrganizationDto, UpdateOrganizationDto } from '../dtos/organization.dto';
import { Organization } from '../entities/organization.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';

export function toOrganizationDto(org: Organization): OrganizationDto {
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
    webhookUrl: org.webhookUrl,
    version: org.version,
  };
}

@Injectable()
export class OrganizationsService {
  constructor(@InjectRepository(Organization) private readonly organizations: Repository<Organization>) {}

  /** The whole tree, depth first, siblings in Vietnamese alphabetical order. */
  async list(): Promise<OrganizationDto[]> {
    const all = await this.organizations.find();
    const children = new Map<string | null, Organization[]>();
    for (const org of all) {
      const key = org.parentId && all.some((o) => o.id === org.parentId) ? org.parentId : null;
      children.set(key, [...(children.get(key) ?? []), org]);
    }
    const ordered: Organization[] = [];
    const walk = (parentId: string | null) => {
      for (const org of (children.get(parentId) ?? []).sort((a, b) => compareVietnamese(a.fullName, b.fullName))) {
        ordered.push(org);
        walk(org.id);
      }
    };
    walk(null);
    return ordered.map(toOrganizationDto);
  }

  async get(id: string): Promise<OrganizationDto> {
    return toOrganizationDto(await this.find(id));
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

  async create(dto: CreateOrganizationDto): Promise<OrganizationDto> {
    await this.checkParent(dto.parentId ?? null, null);
    if (await this.organizations.exists({ where: { code: dto.code } })) {
      throw new IdentityError(IdentityErrorCode.DuplicateOrganizationCode, `Mã tổ chức "${dto.code}" đã tồn tại`, { errors: [{ path: 'code', code: 'duplicate', message: 'code: mã đã tồn tại' }] });
    }
    const saved = await this.organizations.save(this.organizations.create({ ...dto, parentId: dto.parentId ?? null, superiorHeader: dto.superiorHeader ?? null, email: dto.email ?? null, webhookUrl: dto.webhookUrl ?? null, webhookSecret: dto.webhookSecret ?? null }));
    return toOrganizationDto(saved);
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    const org = await this.find(id);
    if (dto.parentId !== undefined) await this.checkParent(dto.parentId, id);
    if (dto.code && dto.code !== org.code && (await this.organizations.exists({ where: { code: dto.code } }))) {
      throw new IdentityError(IdentityErrorCode.DuplicateOrganizationCode, `Mã tổ chức "${dto.code}" đã tồn tại`);
    }
    Object.assign(org, dto);
    return toOrganizationDto(await this.organizations.save(org));
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    if (await this.organizations.exists({ where: { parentId: id } })) {
      throw new IdentityError(IdentityErrorCode.OrganizationHasChildren, 'Không thể xóa tổ chức còn đơn vị trực thuộc');
    }
    await this.organizations.delete(id);
  }

  private async checkParent(parentId: string | null, selfId: string | null): Promise<void> {
    if (!parentId) return;
    const parent = await this.organizations.findOne({ where: { id: parentId } });
    if (!parent) {
      throw new IdentityError(IdentityErrorCode.InvalidParent, 'Tổ chức cấp trên không tồn tại', { errors: [{ path: 'parentId', code: 'not_found', message: 'parentId: tổ chức cấp trên không tồn tại' }] });
    }
    if (selfId && (await this.subtreeIds(selfId)).includes(parentId)) {
      throw new IdentityError(IdentityErrorCode.InvalidParent, 'Tổ chức cấp trên không thể là chính nó hoặc đơn vị trực thuộc của nó', { errors: [{ path: 'parentId', code: 'cycle', message: 'parentId: tạo vòng lặp' }] });
    }
  }
}
