import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StampImage, StampKind } from '../entities/stamp-image.entity';
import { RenderingError, RenderingErrorCode } from '../rendering.error';
import { RenderingService } from '../services/rendering.service';
import { pngSize, sealSvg, signatureSvg, svgToPng } from './stamp-images';

/** Upper bounds of an uploaded picture: a scan at 600 dpi of a 60 mm seal fits easily. */
const MAX_PNG_BYTES = 1024 * 1024;
const MAX_PNG_SIDE = 2400;

/** Signature images and seals: uploaded PNGs, or drawings for a demo installation. */
@Injectable()
export class StampImageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rendering: RenderingService,
  ) {}

  /** The picture in use, or null when none was uploaded or drawn. */
  async current(kind: StampKind, ownerId: string): Promise<Buffer | null> {
    const row = await this.dataSource.getRepository(StampImage).findOne({ where: { kind, ownerId }, order: { createdAt: 'DESC' } });
    return row?.png ?? null;
  }

  /** Which of the owners have a picture of the kind: one query reading ids only, never the pictures (pages' thumbnails). */
  async ownersWithPicture(kind: StampKind, ownerIds: string[]): Promise<Set<string>> {
    if (!ownerIds.length) return new Set();
    const rows: { owner_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT owner_id FROM stamp_image WHERE kind = $1 AND owner_id = ANY($2::uuid[])`,
      [kind, ownerIds],
    );
    return new Set(rows.map((r) => r.owner_id));
  }

  /** Keeps an uploaded PNG (the caller has checked the uploader may), in the caller's transaction when given; returns its size. */
  async upload(
    kind: StampKind,
    ownerId: string,
    png: Buffer,
    uploadedBy: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ width: number; height: number }> {
    const size = pngSize(png);
    if (!size) throw new RenderingError(RenderingErrorCode.InvalidImage, 'Tệp ảnh phải là ảnh PNG', {});
    if (png.length > MAX_PNG_BYTES || size.width > MAX_PNG_SIDE || size.height > MAX_PNG_SIDE) {
      throw new RenderingError(RenderingErrorCode.InvalidImage, `Ảnh quá lớn: tối đa 1 MB và ${MAX_PNG_SIDE} điểm ảnh mỗi chiều`, {
        bytes: png.length,
        ...size,
      });
    }
    await manager.getRepository(StampImage).insert({ kind, ownerId, png, uploadedBy });
    return size;
  }

  /** Draws what a demo installation lacks: a blue signature per authority, a red seal per organization. */
  async ensureDemo(
    signatures: { authorityId: string; fullName: string }[],
    seals: { organizationId: string; name: string; place: string }[],
  ): Promise<number> {
    let drawn = 0;
    for (const s of signatures) {
      if (await this.current(StampKind.Signature, s.authorityId)) continue;
      await this.dataSource.getRepository(StampImage).insert({
        kind: StampKind.Signature,
        ownerId: s.authorityId,
        png: await svgToPng(this.rendering.pool, signatureSvg(s.fullName)),
        uploadedBy: null,
      });
      drawn++;
    }
    for (const s of seals) {
      if (await this.current(StampKind.Seal, s.organizationId)) continue;
      await this.dataSource.getRepository(StampImage).insert({
        kind: StampKind.Seal,
        ownerId: s.organizationId,
        png: await svgToPng(this.rendering.pool, sealSvg(s.name, s.place)),
        uploadedBy: null,
      });
      drawn++;
    }
    return drawn;
  }
}
