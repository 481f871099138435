import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, hasRole, VIETNAMESE_COLLATION } from '@app/common';
import { AdministrationScope, Organization, SigningAuthority } from '@app/identity';
import { Clock } from '@app/jobs';
import { StampImageService, StampKind } from '@app/rendering';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';

/** What an upload answers: the picture now printed, by its digest and size. */
export interface UploadedStamp {
  kind: StampKind;
  ownerId: string;
  sha256: string;
  width: number;
  height: number;
}

export interface OwnAuthority {
  id: string;
  organizationName: string;
  capacityLines: string[];
  validFrom: string;
  validTo: string | null;
  hasImage: boolean;
}

/**
 * Who puts which picture on issued documents (Nghị định 30, Phụ lục I §II.7.d and §II.8.a): a
 * signature image belongs to one signing authority and is uploaded by the person who holds it
 * or by an administrator of its organization; the seal belongs to the organization and is
 * uploaded by its administrators (the clerk who applies it and its signers may look at it).
 * Each upload is written to the organization's trail; the newest picture is printed from then on.
 */
@Injectable()
export class StampUploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stamps: StampImageService,
    private readonly scope: AdministrationScope,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `png` is the uploaded file, checked once the actor is known to be allowed (a stranger learns nothing from a 422). */
  async uploadSignature(actor: Actor, authorityId: string, png: Buffer | undefined): Promise<UploadedStamp> {
    const authority = await this.authority(authorityId);
    await this.requireSignatureKeeper(actor, authority);
    return this.store(actor, StampKind.Signature, authority.id, authority.organizationId, uploaded(png), 'SIGNATURE_IMAGE_UPLOADED', {
      authorityId: authority.id,
      userId: authority.userId,
    });
  }

  async uploadSeal(actor: Actor, organizationId: string, png: Buffer | undefined): Promise<UploadedStamp> {
    await this.organization(organizationId);
    await this.requireAdministrator(actor, organizationId);
    return this.store(actor, StampKind.Seal, organizationId, organizationId, uploaded(png), 'SEAL_IMAGE_UPLOADED', {});
  }

  /** The signature image in use (404 when none), to its holder and the organization's administrators. */
  async signature(actor: Actor, authorityId: string): Promise<Buffer> {
    const authority = await this.authority(authorityId);
    await this.requireSignatureKeeper(actor, authority);
    return this.current(StampKind.Signature, authority.id);
  }

  /** The seal in use (404 when none), to the organization's administrators, clerks and signers. */
  async seal(actor: Actor, organizationId: string): Promise<Buffer> {
    await this.organization(organizationId);
    if (!hasRole(actor, 'clerk', organizationId) && !hasRole(actor, 'signer', organizationId)) await this.requireAdministrator(actor, organizationId);
    return this.current(StampKind.Seal, organizationId);
  }

  /** The person's own signing authorities still in force or to come, each with whether its signature image is there. */
  async ownAuthorities(actor: Actor): Promise<OwnAuthority[]> {
    const rows: {
      id: string;
      organization_name: string;
      capacity_lines: string[];
      valid_from: string;
      valid_to: string | null;
      has_image: boolean;
    }[] = await this.dataSource.query(
      `SELECT a.id, o.full_name AS organization_name, a.capacity_lines, a.valid_from::text, a.valid_to::text,
                EXISTS (SELECT 1 FROM stamp_image s WHERE s.kind = 'signature' AND s.owner_id = a.id) AS has_image
           FROM signing_authority a JOIN organization o ON o.id = a.organization_id
          WHERE a.user_id = $1 AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
          ORDER BY o.full_name COLLATE ${VIETNAMESE_COLLATION}, a.valid_from`,
      [actor.id, this.clock.today()],
    );
    return rows.map((r) => ({
      id: r.id,
      organizationName: r.organization_name,
      capacityLines: r.capacity_lines,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      hasImage: r.has_image,
    }));
  }

  private async store(
    actor: Actor,
    kind: StampKind,
    ownerId: string,
    organizationId: string,
    png: Buffer,
    event: string,
    data: Record<string, unknown>,
  ): Promise<UploadedStamp> {
    const sha256 = createHash('sha256').update(png).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const size = await this.stamps.upload(kind, ownerId, png, actor.id, manager);
      await this.audit.append(manager, { organizationId, actor, event, data: { ...data, sha256, ...size } });
      return { kind, ownerId, sha256, ...size };
    });
  }

  private async current(kind: StampKind, ownerId: string): Promise<Buffer> {
    const png = await this.stamps.current(kind, ownerId);
    if (!png) {
      throw new IssuanceError(
        IssuanceErrorCode.NoStampImage,
        kind === StampKind.Seal ? 'Chưa có ảnh con dấu của tổ chức' : 'Chưa có ảnh chữ ký cho thẩm quyền ký này',
      );
    }
    return png;
  }

  private async authority(id: string): Promise<SigningAuthority> {
    const authority = await this.dataSource.getRepository(SigningAuthority).findOne({ where: { id } });
    if (!authority) throw new IssuanceError(IssuanceErrorCode.AuthorityNotFound, `Không tìm thấy thẩm quyền ký ${id}`);
    return authority;
  }

  private async organization(id: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Organization).exists({ where: { id } })))
      throw new IssuanceError(IssuanceErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${id}`);
  }

  private async requireSignatureKeeper(actor: Actor, authority: SigningAuthority): Promise<void> {
    if (authority.userId === actor.id) return;
    if (await this.scope.administers(actor, authority.organizationId)) return;
    throw new IssuanceError(IssuanceErrorCode.NotStampKeeper, 'Chỉ người có thẩm quyền ký hoặc quản trị của tổ chức mới xem và thay ảnh chữ ký này');
  }

  private async requireAdministrator(actor: Actor, organizationId: string): Promise<void> {
    if (await this.scope.administers(actor, organizationId)) return;
    throw new IssuanceError(IssuanceErrorCode.NotStampKeeper, 'Chỉ quản trị của tổ chức (hoặc cấp trên) mới thay ảnh con dấu');
  }
}

/** The uploaded file, or a 422 naming the field. */
function uploaded(png: Buffer | undefined): Buffer {
  if (!png?.length) {
    throw new IssuanceError(IssuanceErrorCode.NoImage, 'Cần chọn tệp ảnh PNG', {
      errors: [{ path: 'file', code: 'required', message: 'Chưa chọn tệp ảnh' }],
    });
  }
  return png;
}
