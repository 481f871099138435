import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, issuanceYear } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { Clock } from '@app/jobs';
import { PlanAccessService, PlanVersion } from '@app/plans';
import { RenderingError, RenderingErrorCode } from '../rendering.error';
import { DOCUMENT_STORE, DocumentStore } from '../storage/document-store';
import { RenderingService } from './rendering.service';

export interface PdfFile {
  bytes: Buffer;
  /** Download name, e.g. "04-KH-BCĐ.pdf". */
  filename: string;
}

/** The PDFs a reader of a plan may fetch: the draft preview at any time, the issued original once stored. */
@Injectable()
export class PlanDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly rendering: RenderingService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The current version as a draft: blank number and date, a boxed "DỰ THẢO" (with its round), a diagonal mark. */
  async preview(actor: Actor, planId: string): Promise<PdfFile> {
    const plan = await this.access.readable(actor, planId);
    const [version, organization] = await Promise.all([
      this.dataSource.manager.findOne(PlanVersion, { where: { planId, version: plan.currentVersion } }),
      this.dataSource.manager.findOneByOrFail(Organization, { id: plan.organizationId }),
    ]);
    if (!version) throw new RenderingError(RenderingErrorCode.NoContent, `Kế hoạch ${planId} chưa có nội dung`);
    const bytes = await this.rendering.pdf({
      issuer: organization,
      content: version.content,
      // The year it would be dated if signed now, as the web pages show it.
      mode: { kind: 'draft', round: plan.draftRound, year: issuanceYear(this.clock.now(), this.config.holidays) },
    });
    return { bytes, filename: `du-thao-${plan.id.slice(0, 8)}-v${version.version}.pdf` };
  }

  /** The issued, signed original, byte for byte as stored. */
  async issued(actor: Actor, planId: string): Promise<PdfFile> {
    // Recipients read the issued original: the version they were sent.
    const { plan } = await this.access.readableInPart(actor, planId);
    if (!plan.pdfSha256) {
      throw new RenderingError(RenderingErrorCode.NotIssued, 'Kế hoạch chưa được ban hành: chưa có bản PDF chính thức', { state: plan.state });
    }
    return { bytes: await this.stored(plan.pdfSha256), filename: `${(plan.numberSymbol ?? plan.id).replace(/\//g, '-')}.pdf` };
  }

  /** The document as its signer signed it (what the clerk sees at the desk), byte for byte as stored. */
  async signed(actor: Actor, planId: string): Promise<PdfFile> {
    const plan = await this.access.readable(actor, planId);
    if (!plan.signedPdfSha256) {
      throw new RenderingError(RenderingErrorCode.NotIssued, 'Kế hoạch chưa có bản đã ký số của người ký', { state: plan.state });
    }
    return { bytes: await this.stored(plan.signedPdfSha256), filename: `da-ky-${plan.id.slice(0, 8)}.pdf` };
  }

  private async stored(sha256: string): Promise<Buffer> {
    const bytes = await this.store.get(sha256);
    if (!bytes) throw new RenderingError(RenderingErrorCode.DocumentMissing, `Không tìm thấy tệp PDF ${sha256} trong kho lưu trữ`);
    return bytes;
  }
}
