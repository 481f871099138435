import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor, issuanceDate, organizationsWithRole } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization } from '@app/identity';
import { Clock } from '@app/jobs';
import { NumberingService, Register } from '@app/numbering';
import { documentTypeName, Plan, PlanVersion } from '@app/plans';
import { DeskIssueDto, DeskPlanDto, DeskRegisterDto } from '../dtos/issuance-desk.dto';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';
import { IssuanceService } from './issuance.service';

const AT_DESK = 'awaitingIssue';

/**
 * The clerk's desk ("Chờ cấp số"): signed plans waiting at the organizations where the person
 * is a văn thư, and for one of them the registers it may be numbered from, the number each
 * would give now and the date. Reading only: the clerk issues (or refuses) with the plan's
 * ISSUE / REFUSE_ISSUE events, and the issuance job numbers for good.
 */
@Injectable()
export class IssuanceDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbering: NumberingService,
    private readonly issuance: IssuanceService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Signed plans at the desks the person keeps, oldest signature first. */
  async queue(actor: Actor): Promise<DeskPlanDto[]> {
    const desks = organizationsWithRole(actor, 'clerk');
    if (!desks.length) return [];
    const plans = await this.dataSource.manager.find(Plan, {
      where: { state: AT_DESK, organizationId: In(desks) },
      order: { signedAt: 'ASC' },
    });
    const names = await this.organizationNames(plans.map((p) => p.organizationId));
    return plans.map((plan) => this.deskPlan(plan, names.get(plan.organizationId) ?? ''));
  }

  /** One plan at the desk: only a clerk of its organization sees it there. */
  async plan(actor: Actor, planId: string): Promise<DeskIssueDto> {
    const manager = this.dataSource.manager;
    const plan = await manager.findOne(Plan, { where: { id: planId } });
    if (!plan) throw new IssuanceError(IssuanceErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${planId}`);
    if (!organizationsWithRole(actor, 'clerk').includes(plan.organizationId)) {
      throw new IssuanceError(IssuanceErrorCode.NotClerk, 'Chỉ văn thư của cơ quan ban hành mới cấp số cho kế hoạch này');
    }
    if (plan.state !== AT_DESK) {
      throw new IssuanceError(IssuanceErrorCode.NotAtDesk, 'Kế hoạch không ở bàn văn thư (chờ cấp số)', { state: plan.state });
    }
    const [organization, version] = await Promise.all([
      manager.findOneByOrFail(Organization, { id: plan.organizationId }),
      manager.findOneByOrFail(PlanVersion, { planId, version: plan.submittedVersion ?? plan.currentVersion }),
    ]);
    const now = this.clock.now();
    const issuedOn = issuanceDate(now, this.config.holidays);
    const { symbolOf } = this.issuance.numberRequest(organization, version.content, issuedOn, now);
    const registers = await manager.find(Register, { where: { organizationId: organization.id }, order: { createdAt: 'ASC' } });
    const own = registers.find((r) => r.documentType === plan.documentType) ?? registers.find((r) => r.documentType === null);
    const options: DeskRegisterDto[] = [];
    for (const register of registers) {
      const next = await this.nextNumber(register, organization, issuedOn);
      options.push({ id: register.id, label: registerLabel(register), isDefault: register === own, nextNumberSymbol: symbolOf(next) });
    }
    // No register yet for this type: the first number creates it, as the automatic issuance does.
    if (!own) {
      const party = organization.family === 'party';
      const label = registerLabel({ documentType: party ? plan.documentType : null, period: party ? 'term' : 'year' });
      options.unshift({ id: null, label, isDefault: true, nextNumberSymbol: symbolOf(1) });
    }
    return { ...this.deskPlan(plan, organization.fullName), registers: options, issuedOn };
  }

  private async nextNumber(register: Register, organization: Organization, issuedOn: string): Promise<number> {
    const manager = this.dataSource.manager;
    const periodKey = await this.numbering.periodKey(manager, register, organization, issuedOn);
    const [counter]: { last_number: number }[] = await manager.query(
      'SELECT last_number FROM register_counter WHERE register_id = $1 AND period_key = $2',
      [register.id, periodKey],
    );
    return (counter?.last_number ?? 0) + 1;
  }

  private async organizationNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const orgs = await this.dataSource.manager.find(Organization, { where: { id: In([...new Set(ids)]) } });
    return new Map(orgs.map((o) => [o.id, o.fullName]));
  }

  private deskPlan(plan: Plan, organizationName: string): DeskPlanDto {
    return {
      planId: plan.id,
      organizationId: plan.organizationId,
      organizationName,
      summary: plan.summary,
      documentType: plan.documentType,
      signedAt: plan.signedAt?.toISOString() ?? null,
      signedById: plan.signedById ?? null,
    };
  }
}

/** "Sổ Kế hoạch (theo nhiệm kỳ)", "Sổ chung (theo năm)". */
export function registerLabel(register: Pick<Register, 'documentType' | 'period'>): string {
  const type = register.documentType ? `Sổ ${documentTypeName(register.documentType)}` : 'Sổ chung';
  return `${type} (${register.period === 'term' ? 'theo nhiệm kỳ' : 'theo năm'})`;
}
