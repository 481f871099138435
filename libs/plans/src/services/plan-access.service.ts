import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole, organizationsWithRole } from '@app/common';
import { Plan } from '../entities/plan.entity';
import { PlanError, PlanErrorCode } from '../plan.error';

/** An extra way to read a plan (for example: an organization the issued plan was sent to). */
export type PlanReadRule = (actor: Actor, plan: Plan, manager: EntityManager) => Promise<boolean>;

/**
 * Who may read and write a plan. Members of the plan's organization and auditors read it;
 * drafters of the organization write its drafts. To anyone else the plan does not exist (404,
 * not 403), so a stranger learns nothing. Other domains add read rules with `addReadRule`.
 */
@Injectable()
export class PlanAccessService {
  private readonly readRules: PlanReadRule[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  addReadRule(rule: PlanReadRule): void {
    this.readRules.push(rule);
  }

  async canRead(actor: Actor, plan: Plan, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (hasRole(actor, 'auditor')) return true;
    if (actor.memberships.some((m) => m.organizationId === plan.organizationId)) return true;
    for (const rule of this.readRules) if (await rule(actor, plan, manager)) return true;
    return false;
  }

  canWrite(actor: Actor, plan: Pick<Plan, 'organizationId'>): boolean {
    return hasRole(actor, 'drafter', plan.organizationId);
  }

  /** The plan if the actor may read it; 404 otherwise. `lock` takes a row lock when the manager is in a transaction. */
  async readable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Plan> {
    const locking = lock && !!manager.queryRunner?.isTransactionActive;
    const plan = await manager.findOne(Plan, { where: { id }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!plan || !(await this.canRead(actor, plan, manager))) throw PlanError.notFound(id);
    return plan;
  }

  /**
   * The plan if the actor drafts for its organization: 404 for strangers, 403 for readers who may
   * not write. Inside a transaction the row stays locked until it ends.
   */
  async writable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await this.readable(actor, id, manager, true);
    if (!this.canWrite(actor, plan)) {
      throw new PlanError(PlanErrorCode.NotDrafter, 'Chỉ chuyên viên soạn thảo của cơ quan ban hành mới được sửa kế hoạch này');
    }
    return plan;
  }

  /** The organization a new plan is drafted at: the one asked for, or the actor's only drafting organization. */
  draftingOrganization(actor: Actor, organizationId: string | undefined): string {
    const mine = organizationsWithRole(actor, 'drafter');
    if (organizationId) {
      if (!mine.includes(organizationId)) {
        throw new PlanError(PlanErrorCode.NotDrafter, 'Bạn không phải chuyên viên soạn thảo của tổ chức này');
      }
      return organizationId;
    }
    if (mine.length === 1) return mine[0];
    if (!mine.length) throw new PlanError(PlanErrorCode.NotDrafter, 'Bạn không có vai trò soạn thảo ở tổ chức nào');
    throw new PlanError(PlanErrorCode.OrganizationRequired, 'Cần chọn tổ chức ban hành', {
      errors: [{ path: 'organizationId', code: 'required', message: 'organizationId: bạn soạn thảo cho nhiều tổ chức, cần chọn một' }],
    });
  }

  /** Organizations whose plans the actor lists; null = all (auditors). */
  listableOrganizations(actor: Actor): string[] | null {
    if (hasRole(actor, 'auditor')) return null;
    return [...new Set(actor.memberships.map((m) => m.organizationId))];
  }
}
