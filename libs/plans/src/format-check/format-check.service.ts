import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isValidIsoDate, toIsoDate, vietnamDate } from '@app/common';
import { isCollectiveBody, Organization, UsersService } from '@app/identity';
import { Plan } from '../entities/plan.entity';
import { PlanAccessService } from '../services/plan-access.service';
import { PlansService } from '../services/plans.service';
import { PlanError, PlanErrorCode } from '../plan.error';
import { checkFormat, FormatCheckResult } from './format-rules';

export interface FormatCheckReport extends FormatCheckResult {
  planId: string;
  version: number;
  /** The date the rules were checked against. */
  date: string;
  family: 'party' | 'state';
  passed: boolean;
}

export interface FormatCheckOptions {
  /** The expected date of the plan (YYYY-MM-DD); default: its date line, else today in Vietnam. */
  date?: string;
  /** Default: the current version. */
  version?: number;
  manager?: EntityManager;
}

/** Kiểm tra thể thức: the format rules of domain.md on a plan, with the signer's authority from the database. */
@Injectable()
export class FormatCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly access: PlanAccessService,
    private readonly users: UsersService,
  ) {}

  /** For the API: the actor must be able to read the plan. */
  async checkFor(actor: Actor, planId: string, date?: string): Promise<FormatCheckReport> {
    const plan = await this.access.readable(actor, planId);
    if (date !== undefined && !isValidIsoDate(date)) {
      throw new PlanError(PlanErrorCode.InvalidRequest, 'Ngày kiểm tra không hợp lệ', {
        errors: [{ path: 'date', code: 'invalid_date', message: `date: ngày ${date} không có trên lịch` }],
      });
    }
    return this.check(plan, { date });
  }

  /** The check itself; the workflow blocks submission when `errors` is not empty. */
  async check(plan: Plan, options: FormatCheckOptions = {}): Promise<FormatCheckReport> {
    const manager = options.manager ?? this.dataSource.manager;
    const version = options.version ?? plan.currentVersion;
    const content = await this.plans.contentOf(plan, version, manager);
    const org = await manager.findOneOrFail(Organization, { where: { id: plan.organizationId } });
    const date = options.date ?? plan.issuedOn ?? toIsoDate(vietnamDate(new Date()));
    const signerId = content.signature.signerUserId;
    const signerAuthorities = signerId
      ? (await this.users.authoritiesOn(signerId, plan.organizationId, date, manager)).map((a) => ({ id: a.id, capacityLines: a.capacityLines }))
      : undefined;
    const result = checkFormat(content, { family: org.family, planDate: date, signerAuthorities, collectiveBody: isCollectiveBody(org) });
    return { planId: plan.id, version, date, family: org.family, passed: result.errors.length === 0, ...result };
  }
}
