import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '@app/common';
import { Organization } from '@app/identity';
import { Plan, PlanAccessService, PlanVersion, type PlanContent } from '@app/plans';
import { CascadeError, CascadeErrorCode } from '../cascade.error';
import { CascadeOrganizationDto } from '../dtos/cascade-tree.dto';
import { ISSUED_STATES } from '@workflows/index';

/** Reads plans for the cascade: the plan as its reader may see it, its issued content, organizations. */
@Injectable()
export class CascadePlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
  ) {}

  /**
   * The plan if the actor may read it (the plans domain's rules, with the cascade's own); 404
   * otherwise. The recipients of an issued plan count: they implement it and report on it.
   */
  async readable(actor: Actor, planId: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    return (await this.access.readableInPart(actor, planId, manager)).plan;
  }

  /** The content as issued (the version frozen at submission), or the latest for a plan never submitted. */
  async issuedContent(plan: Plan, manager: EntityManager = this.dataSource.manager): Promise<PlanContent> {
    const version = await manager.findOne(PlanVersion, { where: { planId: plan.id, version: plan.submittedVersion ?? plan.currentVersion } });
    if (!version) throw new CascadeError(CascadeErrorCode.PlanNotFound, `Kế hoạch ${plan.id} không có nội dung`);
    return version.content;
  }

  requireIssued(plan: Plan): void {
    if (!ISSUED_STATES.includes(plan.state)) {
      throw new CascadeError(CascadeErrorCode.NotIssued, 'Kế hoạch chưa được ban hành', { state: plan.state });
    }
  }

  async organizations(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Organization>> {
    if (!ids.length) return new Map();
    const rows = await manager.find(Organization, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((o) => [o.id, o]));
  }
}

export function toCascadeOrganization(org: Pick<Organization, 'id' | 'code' | 'fullName' | 'shortName' | 'level'>): CascadeOrganizationDto {
  return { id: org.id, code: org.code, fullName: org.fullName, shortName: org.shortName, level: org.level };
}
