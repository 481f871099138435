import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, hasRole } from '@app/common';
import { Organization } from '@app/identity';
import { Plan, PlanVersion, type PlanContent } from '@app/plans';
import { CascadeError, CascadeErrorCode } from '../cascade.error';
import { CascadeOrganizationDto } from '../dtos/cascade-tree.dto';
import { ISSUED_STATES } from './cascade-tree.query';

/** Reads plans for the cascade: the plan, its issued content, its organization, and who may see it. */
@Injectable()
export class CascadePlansService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The plan if the actor may read it; 404 otherwise, so that a stranger learns nothing. */
  async readable(actor: Actor, planId: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await manager.findOne(Plan, { where: { id: planId } });
    if (!plan || !(await this.canRead(actor, plan, manager))) throw new CascadeError(CascadeErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${planId}`);
    return plan;
  }

  /**
   * Members of the issuing organization and of the organizations above it read its plans;
   * auditors read everything; an issued plan is also read by the organizations it was sent to.
   */
  async canRead(actor: Actor, plan: Plan, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (hasRole(actor, 'auditor') || hasRole(actor, 'admin')) return true;
    const mine = new Set(actor.memberships.map((m) => m.organizationId));
    if (!mine.size) return false;
    const above: { id: string }[] = await manager.query(
      `WITH RECURSIVE up(id, parent_id, n) AS (SELECT id, parent_id, 0 FROM organization WHERE id = $1
         UNION ALL SELECT o.id, o.parent_id, up.n + 1 FROM organization o JOIN up ON o.id = up.parent_id WHERE up.n < 64)
       SELECT id FROM up`,
      [plan.organizationId],
    );
    if (above.some((o) => mine.has(o.id))) return true;
    if (!ISSUED_STATES.includes(plan.state)) return false;
    const content = await this.issuedContent(plan, manager);
    return content.recipients.some((r) => r.organizationId && mine.has(r.organizationId));
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
