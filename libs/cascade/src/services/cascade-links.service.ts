import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, compareVietnamese } from '@app/common';
import { Clock } from '@app/jobs';
import { Plan } from '@app/plans';
import { CascadeError, CascadeErrorCode } from '../cascade.error';
import { CascadeTreeDto, PlanLinkDto } from '../dtos/cascade-tree.dto';
import { CascadePlansService, toCascadeOrganization } from './cascade-plans.service';
import { ISSUED_STATES } from '@workflows/index';
import { loadCascadeTree } from './cascade-tree.query';

/** The cascade seen from one plan: the whole tree below it, its parent, its children. */
@Injectable()
export class CascadeLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly plans: CascadePlansService,
  ) {}

  async tree(actor: Actor, planId: string): Promise<CascadeTreeDto> {
    await this.plans.readable(actor, planId);
    const today = this.clock.today();
    const tree = await loadCascadeTree(this.dataSource.manager, planId, today);
    if (!tree) throw new CascadeError(CascadeErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${planId}`);
    return { root: tree.root, today, total: tree.descendants.length, levels: tree.levels, descendants: tree.descendants };
  }

  /** The plan this one implements, as its preamble cites it. */
  async parent(actor: Actor, planId: string): Promise<PlanLinkDto> {
    const plan = await this.plans.readable(actor, planId);
    if (!plan.parentPlanId) throw new CascadeError(CascadeErrorCode.NoParent, 'Kế hoạch này không thực hiện kế hoạch nào trong hệ thống');
    const parent = await this.dataSource.manager.findOne(Plan, { where: { id: plan.parentPlanId } });
    if (!parent) throw new CascadeError(CascadeErrorCode.NoParent, 'Không tìm thấy kế hoạch cấp trên');
    // Whoever drafts the child has received the parent: reading it needs no other right.
    return (await this.links([parent]))[0];
  }

  /** The plans drafted to implement this one, in Vietnamese order of their organizations. */
  async children(actor: Actor, planId: string): Promise<PlanLinkDto[]> {
    await this.plans.readable(actor, planId);
    const children = await this.dataSource.manager.find(Plan, { where: { parentPlanId: planId } });
    const links = await this.links(children);
    return links.sort((a, b) => compareVietnamese(a.organization.fullName, b.organization.fullName));
  }

  private async links(plans: Plan[]): Promise<PlanLinkDto[]> {
    const orgs = await this.plans.organizations(plans.map((p) => p.organizationId));
    const today = this.clock.today();
    return plans.map((p) => ({
      id: p.id,
      organization: toCascadeOrganization(orgs.get(p.organizationId)!),
      documentType: p.documentType,
      state: p.state,
      summary: p.summary,
      numberSymbol: p.numberSymbol,
      issuedOn: p.issuedOn,
      dueDate: p.dueDate,
      overdue: !!p.dueDate && p.dueDate < today && !ISSUED_STATES.includes(p.state) && p.state !== 'cancelled',
    }));
  }
}
