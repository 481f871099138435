import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { parseIsoDate } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization, SigningAuthority } from '@app/identity';
import { Clock } from '@app/jobs';
import { InboxService } from '@app/inbox';
import { documentTypeName, Plan, type PlanContent, PlansService, type Recipient, type ValidatedDraft, validatePlanContent } from '@app/plans';
import { ChildPlan } from '../entities/child-plan.entity';
import { citedDocumentDate } from '../prefill/cascade-dates';
import { ChildOrganizationFacts, ChildPlanPrefill, OrganizationFacts, ParentPlanFacts, prefillChildPlan } from '../prefill/child-plan-prefill';
import { cascadeNoticeKey, NOTICE_ROLES } from './cascade-notices';
import { CascadePlansService } from './cascade-plans.service';
import { ChildDeadlinesService } from './child-deadlines.service';
import { ISSUED_STATES, REPLACED_STATES, REVOKED_STATES } from '@workflows/index';

/** Children written per transaction: a retry redoes at most one batch, and locks stay short. */
const BATCH_SIZE = 100;
const PARALLEL_BATCHES = 3;

export interface CascadeRunResult {
  parentPlanId: string;
  /** Recipient organizations marked to implement the plan. */
  implementing: number;
  created: number;
  /** Children that existed already (an earlier run, a retry). */
  existing: number;
  /** Lines whose organization no longer exists. */
  skipped: number;
}

/**
 * Creates the child plans of an issued plan: one draft at every recipient organization marked
 * to implement it, prefilled from the parent, linked to it, with its due date, its drafters told
 * and its deadline jobs scheduled, all in the same transaction. Idempotent: the unique index on
 * (parent_plan_id, organization_id) and advisory locks per parent and organization make a second
 * run, or two runs at once, create nothing more.
 */
@Injectable()
export class ChildPlansService {
  private readonly logger = new Logger('Cascade');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly cascadePlans: CascadePlansService,
    private readonly plans: PlansService,
    private readonly inbox: InboxService,
    private readonly deadlines: ChildDeadlinesService,
    private readonly audit: AuditService,
  ) {}

  async createChildren(parentPlanId: string): Promise<CascadeRunResult> {
    const manager = this.dataSource.manager;
    const parent = await manager.findOne(Plan, { where: { id: parentPlanId } });
    const result: CascadeRunResult = { parentPlanId, implementing: 0, created: 0, existing: 0, skipped: 0 };
    if (!parent) {
      this.logger.warn({ parentPlanId, message: 'cascade: plan not found' });
      return result;
    }
    if (
      !ISSUED_STATES.includes(parent.state) ||
      REVOKED_STATES.includes(parent.state) ||
      REPLACED_STATES.includes(parent.state) ||
      !parent.numberSymbol ||
      !parent.issuedOn
    ) {
      // Only an issued plan in force, with its number and date, can be cited by its children.
      this.logger.warn({ parentPlanId, state: parent.state, message: 'cascade: plan not issued, no child plan created' });
      return result;
    }
    const content = await this.cascadePlans.issuedContent(parent);
    const lines = implementingLines(content, parent.organizationId);
    result.implementing = lines.length;
    const done = await this.existingChildren(manager, parent.id);
    const todo = lines.filter((l) => !done.has(l.organizationId!));
    result.existing = lines.length - todo.length;
    const issuer = await manager.findOneOrFail(Organization, { where: { id: parent.organizationId } });
    const facts: ParentPlanFacts = {
      planId: parent.id,
      content,
      numberSymbol: parent.numberSymbol,
      issuedOn: parent.issuedOn,
      issuer: organizationFacts(issuer),
    };

    const batches: Recipient[][] = [];
    for (let i = 0; i < todo.length; i += BATCH_SIZE) batches.push(todo.slice(i, i + BATCH_SIZE));
    // A few batches at once: much of a batch's time is round trips, which overlap.
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const outcome = await this.dataSource.transaction((m) => this.createBatch(m, parent, facts, batch));
        result.created += outcome.created;
        result.existing += outcome.existing;
        result.skipped += outcome.skipped;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, lane));
    if (result.created) this.logger.log({ ...result, message: 'cascade: child plans created' });
    return result;
  }

  private async createBatch(manager: EntityManager, parent: Plan, facts: ParentPlanFacts, lines: Recipient[]) {
    const outcome = { created: 0, existing: 0, skipped: 0 };
    // Two runs of the same parent at once take turns on each organization (locks taken in one
    // order: no deadlock); other organizations and other parents go on in parallel.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kehoach:cascade:' || $1 || ':' || o)) FROM unnest($2::text[]) AS o ORDER BY o`, [
      parent.id,
      lines.map((l) => l.organizationId!),
    ]);
    const done = await this.existingChildren(
      manager,
      parent.id,
      lines.map((l) => l.organizationId!),
    );
    const wanted = lines.filter((l) => !done.has(l.organizationId!));
    outcome.existing = lines.length - wanted.length;
    if (!wanted.length) return outcome;

    const today = this.clock.today();
    const ids = wanted.map((l) => l.organizationId!);
    // In turn: the transaction's one connection runs one query at a time.
    const children = await this.childFacts(manager, ids, today);
    const drafters = await this.drafters(manager, ids);
    const options = { childReportMarginDays: this.config.childReportMarginDays, childPlanDueDays: this.config.childPlanDueDays, childDate: today };
    const drafts: (ValidatedDraft & { dueDate: string; line: Recipient; prefill: ChildPlanPrefill })[] = [];
    for (const line of wanted) {
      const child = children.get(line.organizationId!);
      if (!child) {
        outcome.skipped++;
        continue;
      }
      const prefill = prefillChildPlan(facts, child, options);
      const drafter = drafters.get(child.id);
      if (!drafter)
        this.logger.warn({
          parentPlanId: parent.id,
          organizationId: child.id,
          message: 'cascade: organization without a drafter, the parent drafter holds the child draft',
        });
      drafts.push({
        line,
        prefill,
        organizationId: child.id,
        // The plan's drafter (who may submit it) is the organization's own drafter.
        authorId: drafter ?? parent.createdById,
        content: this.acceptableContent(prefill, parent.id, child.id),
        parentPlanId: parent.id,
        dueDate: prefill.dueDate,
      });
    }
    const written = await this.plans.createDrafts(manager, drafts);
    // Each child's trail starts with its creation by the system, as a draft saved through the plans domain does.
    for (const [i, d] of drafts.entries()) {
      await this.audit.contentSaved(manager, {
        planId: written[i].id,
        organizationId: d.organizationId,
        actor: SYSTEM_AUDIT_ACTOR,
        version: 1,
        contentSha256: written[i].contentSha256,
        state: 'draft',
        data: {
          cascade: {
            parentPlanId: parent.id,
            parentNumberSymbol: parent.numberSymbol,
            recipientId: d.line.id,
            dueDate: d.dueDate,
            drafterId: d.authorId,
          },
        },
      });
    }
    const rows = drafts.map((d, i) =>
      manager.create(ChildPlan, {
        planId: written[i].id,
        parentPlanId: parent.id,
        organizationId: d.organizationId,
        recipientId: d.line.id,
        dueDate: d.dueDate,
        // The outline left out (see acceptableContent) marks nothing.
        assignedItems: d.content.parts.length ? d.prefill.assignedItems : [],
        overdueNotifiedAt: null,
      }),
    );
    if (!rows.length) return outcome;
    await manager.insert(ChildPlan, rows);
    const cited = `${documentTypeName(facts.content.documentType)} số ${parent.numberSymbol} ngày ${citedDocumentDate(parseIsoDate(parent.issuedOn!))} của ${facts.issuer.fullName}`;
    await this.inbox.notifyMembers(
      manager,
      rows.map((row) => ({
        kind: 'child_plan_assigned' as const,
        organizationId: row.organizationId,
        roles: NOTICE_ROLES.child_plan_assigned,
        planId: row.planId,
        dueDate: row.dueDate,
        dedupeKey: cascadeNoticeKey('child_plan_assigned', row.planId, row.dueDate),
        message: `Cần xây dựng kế hoạch thực hiện ${cited}: dự thảo đã được tạo sẵn, hạn ban hành ${citedDocumentDate(parseIsoDate(row.dueDate))}.`,
      })),
    );
    await this.deadlines.schedule(
      manager,
      parent.id,
      rows.map((r) => r.dueDate),
    );
    outcome.created = rows.length;
    return outcome;
  }

  /**
   * The content as the plans domain accepts it (validated, cleaned, defaults filled in). The
   * parent's outline may break the limits of a draft (a parent written elsewhere, imported
   * whole): the child then starts without the outline rather than not at all.
   */
  private acceptableContent(prefill: ChildPlanPrefill, parentPlanId: string, organizationId: string): PlanContent {
    const full = validatePlanContent(prefill.content);
    if (full.ok) return full.content;
    this.logger.warn({ parentPlanId, organizationId, problems: full.errors.slice(0, 5), message: 'cascade: outline left out of a child plan' });
    const bare = validatePlanContent({ ...prefill.content, parts: [], footnotes: [] });
    if (!bare.ok) throw new Error(`cascade: the prefill of a child plan is invalid: ${JSON.stringify(bare.errors.slice(0, 5))}`);
    return bare.content;
  }

  private async existingChildren(manager: EntityManager, parentPlanId: string, organizationIds?: string[]): Promise<Set<string>> {
    const rows = await manager.find(Plan, {
      select: { organizationId: true },
      where: { parentPlanId, ...(organizationIds ? { organizationId: In(organizationIds) } : {}) },
    });
    return new Set(rows.map((r) => r.organizationId));
  }

  /** The drafter of each organization who holds its child drafts: the longest-standing one. */
  private async drafters(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { organization_id: string; user_id: string }[] = await manager.query(
      `SELECT DISTINCT ON (m.organization_id) m.organization_id, m.user_id
       FROM membership m JOIN app_user u ON u.id = m.user_id AND u.active
       WHERE m.organization_id = ANY ($1::uuid[]) AND 'drafter' = ANY (m.roles)
       ORDER BY m.organization_id, m.created_at, m.user_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.organization_id, r.user_id]));
  }

  /** The child organizations with their subordinates and today's signing authorities, in three queries. */
  private async childFacts(manager: EntityManager, ids: string[], today: string): Promise<Map<string, ChildOrganizationFacts>> {
    const orgs = await manager.find(Organization, { where: { id: In(ids) } });
    const subordinates = await manager.find(Organization, { where: { parentId: In(ids) } });
    const authorities = await manager
      .createQueryBuilder(SigningAuthority, 'a')
      .innerJoinAndSelect('a.user', 'u')
      .where('a.organization_id IN (:...ids)', { ids })
      .andWhere('a.valid_from <= :today AND (a.valid_to IS NULL OR a.valid_to >= :today)', { today })
      .andWhere('u.active')
      .getMany();
    return new Map(
      orgs.map((org) => [
        org.id,
        {
          ...organizationFacts(org),
          subordinates: subordinates.filter((s) => s.parentId === org.id).map(organizationFacts),
          authorities: authorities
            .filter((a) => a.organizationId === org.id)
            .map((a) => ({ id: a.id, userId: a.userId, userFullName: a.user!.fullName, capacityLines: a.capacityLines })),
        },
      ]),
    );
  }
}

/** The recipient lines that ask for a child plan, one per organization, never the issuer itself. */
export function implementingLines(content: PlanContent, issuerId: string): Recipient[] {
  const seen = new Set<string>();
  return content.recipients.filter((r) => {
    if (!r.organizationId || !r.mustImplement || r.organizationId === issuerId || seen.has(r.organizationId)) return false;
    seen.add(r.organizationId);
    return true;
  });
}

function organizationFacts(org: Organization): OrganizationFacts {
  return { id: org.id, fullName: org.fullName, shortName: org.shortName, family: org.family };
}
