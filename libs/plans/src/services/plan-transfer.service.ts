import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@app/common';
import { Organization } from '@app/identity';
import { validatePlanContent } from '../content/plan-content.validator';
import { ImportedPlanDto, ImportPlanDto, PLAN_EXPORT_FORMAT, PlanExportDto } from '../dtos/plan.dto';
import { PlanError } from '../plan.error';
import { unknownBindings } from './content-bindings';
import { PlanAccessService } from './plan-access.service';
import { PlansService } from './plans.service';

/** A whole plan as one JSON document: export from here, import a plan written here or elsewhere. */
@Injectable()
export class PlanTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly plans: PlansService,
  ) {}

  async export(actor: Actor, id: string): Promise<PlanExportDto> {
    const plan = await this.access.readable(actor, id);
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: plan.organizationId } });
    const content = await this.plans.contentOf(plan);
    return {
      format: PLAN_EXPORT_FORMAT,
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      plan: {
        id: plan.id,
        organizationId: org.id,
        organizationCode: org.code,
        organizationName: org.fullName,
        family: org.family,
        documentType: plan.documentType,
        state: plan.state,
        version: plan.currentVersion,
        number: plan.number,
        numberSymbol: plan.numberSymbol,
        issuedOn: plan.issuedOn,
        parentPlanId: plan.parentPlanId,
      },
      content,
    };
  }

  /**
   * Loads an exported plan as a new draft of the actor's organization. Links to organizations,
   * people or plans that do not exist in this system are dropped and listed as warnings.
   */
  async import(actor: Actor, dto: ImportPlanDto): Promise<ImportedPlanDto> {
    const organizationId = this.access.draftingOrganization(actor, dto.organizationId);
    const validated = validatePlanContent(dto.content);
    if (!validated.ok) throw PlanError.invalid(validated.errors, 'Nội dung kế hoạch nhập vào không hợp lệ');
    const { id, warnings } = await this.dataSource.transaction(async (manager) => {
      const warnings = await unknownBindings(manager, validated.content, { unbind: true });
      const id = await this.plans.createDraft(manager, { organizationId, authorId: actor.id, content: validated.content });
      return { id, warnings };
    });
    return { ...(await this.plans.get(actor, id)), warnings };
  }
}
