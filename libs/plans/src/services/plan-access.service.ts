import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audits, hasRole, organizationsWithRole } from '@app/common';
import { Plan } from '../entities/plan.entity';
import { PlanError, PlanErrorCode } from '../plan.error';

/**
 * How much of a plan a reader sees (need to know). `whole`: drafts, versions, comments, return
 * reasons, history (its organization, its auditors, the bodies above a child plan). Otherwise
 * only these content versions: the one circulated to a consultee, the issued one for a recipient.
 */
export interface PlanReading {
  whole: boolean;
  versions: number[];
}

export const WHOLE_PLAN: PlanReading = { whole: true, versions: [] };

/** An extra way to read a plan (for example: an organization the issued plan was sent to); null: none. */
export type PlanReadRule = (actor: Actor, plan: Plan, manager: EntityManager) => Promise<PlanReading | null>;

/**
 * Who may read and write a plan. Members of the plan's organization and its auditors (those
 * assigned to it or to an organization above it) read the whole of it; other domains add read
 * rules (`addReadRule`) that may give a part. Drafters of the organization write its drafts. To
 * anyone else the plan does not exist (404, not 403), so a stranger learns nothing.
 */
@Injectable()
export class PlanAccessService {
  private readonly readRules: PlanReadRule[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  addReadRule(rule: PlanReadRule): void {
    this.readRules.push(rule);
  }

  /** Whether the actor reads the whole of its plans by standing alone (a member or an auditor of the organization), no read rule asked. */
  readsWholeByStanding(actor: Actor, plan: Pick<Plan, 'organizationId'>): boolean {
    return audits(actor, plan.organizationId) || actor.memberships.some((m) => m.organizationId === plan.organizationId);
  }

  /** What of the plan the actor may read; null: nothing. */
  async reading(actor: Actor, plan: Plan, manager: EntityManager = this.dataSource.manager): Promise<PlanReading | null> {
    if (this.readsWholeByStanding(actor, plan)) return WHOLE_PLAN;
    let versions: number[] | null = null;
    for (const rule of this.readRules) {
      const given = await rule(actor, plan, manager);
      if (given?.whole) return WHOLE_PLAN;
      if (given) versions = [...new Set([...(versions ?? []), ...given.versions])].sort((a, b) => a - b);
    }
    return versions && { whole: false, versions };
  }

  async canRead(actor: Actor, plan: Plan, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return !!(await this.reading(actor, plan, manager));
  }

  /**
   * The plan if the actor may read the whole of it (drafts, comments, history...): 403
   * `need_to_know` for a consultee or recipient who sees only a version, 404 for anyone else.
   * `lock` takes a row lock in a transaction.
   */
  async readable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Plan> {
    const { plan, reading } = await this.readableInPart(actor, id, manager, lock);
    if (!reading.whole) throw PlanError.needToKnow(id, reading.versions);
    return plan;
  }

  /** The plan and what of it the actor may read (a part for consultees and recipients); 404 when nothing. */
  async readableInPart(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<{ plan: Plan; reading: PlanReading }> {
    const locking = lock && !!manager.queryRunner?.isTransactionActive;
    const plan = await manager.findOne(Plan, { where: { id }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const reading = plan && (await this.reading(actor, plan, manager));
    if (!plan || !reading) throw PlanError.notFound(id);
    return { plan, reading };
  }

  /** 403 `need_to_know` unless the reading includes this content version. */
  requireVersion(plan: Plan, reading: PlanReading, version: number): void {
    if (!reading.whole && !reading.versions.includes(version)) throw PlanError.needToKnow(plan.id, reading.versions);
  }

  /** Who drafts what amends an issued plan (its replacement, a correction notice): the issuing organization's drafters and signers. */
  amendsIssued(actor: Actor, plan: Pick<Plan, 'organizationId'>): boolean {
    return hasRole(actor, 'drafter', plan.organizationId) || hasRole(actor, 'signer', plan.organizationId);
  }

  canWrite(actor: Actor, plan: Pick<Plan, 'organizationId'>): boolean {
    return hasRole(actor, 'drafter', plan.organizationId);
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

  /** Organizations whose plans the actor lists: their own and those they audit. */
  listableOrganizations(actor: Actor): string[] {
    return [...new Set([...actor.memberships.map((m) => m.organizationId), ...(actor.auditedOrganizations ?? [])])];
  }
}
