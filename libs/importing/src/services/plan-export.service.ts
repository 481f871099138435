import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, vietnamDate } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { PlanAccessService, PlansService } from '@app/plans';
import { planToDocx } from '../export/plan-docx';

export interface DocxFile {
  bytes: Buffer;
  /** "04-KH-BCĐ.docx", "du-thao-1a2b3c4d.docx". */
  filename: string;
}

/** A plan's current version as a Word document, for whoever may read the plan. */
@Injectable()
export class PlanExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
    private readonly config: AppConfig,
  ) {}

  async docx(actor: Actor, planId: string): Promise<DocxFile> {
    const plan = await this.access.readable(actor, planId);
    const [organization, content] = await Promise.all([
      this.dataSource.manager.findOneByOrFail(Organization, { id: plan.organizationId }),
      this.plans.contentOf(plan),
    ]);
    const issued = !!(plan.numberSymbol && plan.issuedOn);
    const bytes = await planToDocx(
      {
        issuer: organization,
        content,
        mode: issued
          ? { kind: 'issued', numberSymbol: plan.numberSymbol!, issuedOn: plan.issuedOn!, stamp: null }
          : { kind: 'draft', round: plan.draftRound, year: vietnamDate(new Date()).year },
      },
      {
        margins: organization.family === 'party' ? this.config.pageMarginsParty : this.config.pageMarginsState,
        partySummaryRule: this.config.partySummaryRule,
      },
    );
    const filename = issued ? `${plan.numberSymbol!.replace(/\//g, '-')}.docx` : `du-thao-${plan.id.slice(0, 8)}-v${plan.currentVersion}.docx`;
    return { bytes, filename };
  }
}
