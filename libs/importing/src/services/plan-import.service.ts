import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { defaultArchiveUnit } from '@app/rendering';
import { Plan, PlanAccessService, PlanError, PlansService, validatePlanContent } from '@app/plans';
import { ImportPlanQueryDto, ImportResultDto } from '../dtos/plan-import.dto';
import { PlanImportReport } from '../entities/plan-import-report.entity';
import { ImportError, ImportErrorCode } from '../importing.error';
import { ImportResult, ReportBuilder } from '../parser/import-report';
import { normalizeNumberSymbol } from '../parser/number-symbol';
import { fitContent } from '../parser/fit-content';
import { parsePlan } from '../parser/plan-parser';
import { readUpload, UploadedPlanFile, uploadedName } from '../readers/read-upload';
import { LinkablePlan, linkContent } from './import-linker';

/**
 * Import of a plan written elsewhere (Word, Markdown, text): read, parse, link to this
 * system's organizations and issued plans, and, when asked, save it as a draft of the
 * drafter's organization together with the import report, in one transaction.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly access: PlanAccessService,
    private readonly config: AppConfig,
  ) {}

  async import(actor: Actor, file: UploadedPlanFile | undefined, query: ImportPlanQueryDto): Promise<ImportResultDto> {
    const organizationId = this.issuingOrganization(actor, query);
    const source = await readUpload(file, this.config.importMaxBytes);
    const parsed = parsePlan(source);
    const result = await this.link(actor, parsed, organizationId);
    if (!query.save) return { ...result, planId: null };

    if (!organizationId) this.access.draftingOrganization(actor, undefined);
    const validated = validatePlanContent(result.content);
    if (!validated.ok) throw PlanError.invalid(validated.errors, 'Nội dung nhận ra từ tệp chưa hợp lệ để lưu thành dự thảo');
    const upload = file!;
    const planId = await this.dataSource.transaction(async (manager) => {
      const id = await this.plans.createDraft(manager, { organizationId: organizationId!, authorId: actor.id, content: result.content });
      await manager.insert(PlanImportReport, {
        planId: id,
        fileName: uploadedName(upload) || 'tệp không tên',
        fileSha256: createHash('sha256').update(upload.buffer).digest('hex'),
        fileSize: upload.buffer.length,
        source: result.detected.source.slice(0, 40),
        report: result.report,
        detected: result.detected,
        importedById: actor.id,
      });
      return id;
    });
    return { ...result, planId };
  }

  /** The import report kept with a plan made from a file (404 when the plan was not imported or is not readable). */
  async reportOf(actor: Actor, planId: string): Promise<PlanImportReport> {
    await this.access.readable(actor, planId);
    const row = await this.dataSource.manager.findOne(PlanImportReport, { where: { planId } });
    if (!row) throw new ImportError(ImportErrorCode.PlanNotFound, 'Kế hoạch này không được nhập từ tệp.');
    return row;
  }

  /** The drafter's organization: the one asked for (checked), the only one, or none yet (preview). */
  private issuingOrganization(actor: Actor, query: ImportPlanQueryDto): string | null {
    if (query.organizationId || query.save) return this.access.draftingOrganization(actor, query.organizationId);
    try {
      return this.access.draftingOrganization(actor, undefined);
    } catch {
      // A drafter of several organizations previews without linking short names.
      return null;
    }
  }

  private async link(actor: Actor, parsed: ImportResult, organizationId: string | null): Promise<Omit<ImportResultDto, 'planId'>> {
    const manager = this.dataSource.manager;
    const report = new ReportBuilder(parsed.report);
    const organizations = await manager.find(Organization, {
      select: { id: true, parentId: true, fullName: true, shortName: true, placeName: true, family: true },
    });
    const issuer = organizations.find((o) => o.id === organizationId) ?? null;
    if (issuer && parsed.detected.family && issuer.family !== parsed.detected.family) {
      report.warn(
        `Văn bản có dạng văn bản ${parsed.detected.family === 'party' ? 'của Đảng' : 'hành chính Nhà nước'} nhưng tổ chức soạn thảo thuộc khối ${issuer.family === 'party' ? 'Đảng' : 'Nhà nước'}.`,
      );
    }
    // Without a header the plan is the importing organization's, of its family.
    const family = parsed.detected.family ?? issuer?.family ?? null;
    const detected = { ...parsed.detected, family };
    if (!parsed.detected.family && family)
      report.warn(`Không thấy phần đầu văn bản: coi là văn bản ${family === 'party' ? 'của Đảng' : 'hành chính Nhà nước'} như tổ chức soạn thảo.`);
    const plans = await this.citedPlans(actor, parsed, manager);
    const content = linkContent(parsed.content, { organizations, issuer, plans }, report);
    for (const recipient of content.recipients) {
      if (recipient.purpose !== 'archive' || recipient.name) continue;
      // A bare "- Lưu." names no unit: the organization keeps its copy where it usually does.
      recipient.name = defaultArchiveUnit(family ?? 'state');
      report.warn(`Dòng "Lưu" không ghi nơi lưu: ghi "${recipient.name}", hãy kiểm tra.`);
    }
    return { content: fitContent(content, report), report: report.report, detected };
  }

  /** Issued plans the actor may read whose number and symbol a reference cites. */
  private async citedPlans(actor: Actor, parsed: ImportResult, manager: EntityManager): Promise<LinkablePlan[]> {
    const cited = parsed.content.preamble.references.map((r) => r.numberSymbol).filter((s): s is string => !!s);
    const numbers = [...new Set(cited.map((s) => Number(/^\d+/.exec(s)?.[0])).filter((n) => Number.isInteger(n)))];
    if (!numbers.length) return [];
    // By the number column first; the symbols are compared loosely (spaces, dashes, case) below.
    const symbols = new Set(cited.map(normalizeNumberSymbol));
    const candidates = (await manager.find(Plan, { where: { number: In(numbers) } })).filter(
      (p) => p.numberSymbol && symbols.has(normalizeNumberSymbol(p.numberSymbol)),
    );
    const readable: LinkablePlan[] = [];
    for (const plan of candidates) {
      if (await this.access.canRead(actor, plan, manager)) readable.push({ id: plan.id, numberSymbol: plan.numberSymbol!, issuedOn: plan.issuedOn });
    }
    return readable;
  }
}
