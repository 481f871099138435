import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, foldVietnamese } from '@app/common';
import { Organization, User } from '@app/identity';
import { isContentEditable, ISSUED_STATES } from '@workflows/index';
import { canonicalContent, contentSha256 } from '../content/plan-canonical';
import type { PlanContent } from '../content/plan-content';
import { validatePlanContent } from '../content/plan-content.validator';
import { diffPlans, PlanDiff } from '../diff/plan-diff';
import {
  CreatePlanDto,
  ListPlansQueryDto,
  PlanDetailDto,
  PlanDto,
  PlanPageDto,
  PlanVersionDetailDto,
  PlanVersionDto,
  SavePlanContentDto,
} from '../dtos/plan.dto';
import { PlanVersion } from '../entities/plan-version.entity';
import { Plan } from '../entities/plan.entity';
import { PlanError, PlanErrorCode } from '../plan.error';
import { insertDraft, insertDrafts, NewDraft, searchTextOf, validContent, ValidatedDraft } from './draft-writer';
import { PlanAccessService } from './plan-access.service';
import { planLinkOf, revocationOf, toPlanDetailDto, toPlanDto, toPlanVersionDetailDto, toPlanVersionDto } from './plan.mapper';

/** Above this many organizations, the list's scope is matched as text (see list()). */
const SCOPE_AS_LIST = 2_000;

/** Drafting: create a plan, save immutable versions, read, list and search. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreatePlanDto): Promise<PlanDetailDto> {
    const organizationId = this.access.draftingOrganization(actor, dto.organizationId);
    const id = await this.dataSource.transaction((manager) =>
      this.createDraft(manager, { organizationId, authorId: actor.id, content: dto.content }),
    );
    return this.get(actor, id);
  }

  /**
   * Writes a new draft with its version 1 in the caller's transaction (also used by import,
   * the demo loader and the cascade). Throws 422 when the content is invalid; writes nothing then.
   */
  async createDraft(manager: EntityManager, draft: NewDraft): Promise<string> {
    const id = await insertDraft(manager, draft);
    await this.recordSave(manager, id, draft.authorId, 1);
    return id;
  }

  /**
   * Writes many drafts whose content is already validated, with their version 1, in the caller's
   * transaction and a few statements (the cascade's child plans). The caller writes their audit
   * rows, with its own facts. Returns each draft's id and content hash, in order.
   */
  createDrafts(manager: EntityManager, drafts: ValidatedDraft[]): Promise<{ id: string; contentSha256: string }[]> {
    return insertDrafts(manager, drafts);
  }

  /** Every content save is in the plan's audit trail, written in the save's own transaction. */
  private async recordSave(manager: EntityManager, planId: string, authorId: string, version: number): Promise<void> {
    // One after the other: a transaction is one connection, which runs one query at a time.
    const plan = await manager.findOneOrFail(Plan, { where: { id: planId } });
    const saved = await manager.findOneOrFail(PlanVersion, { where: { planId, version } });
    const author = await manager.findOne(User, { where: { id: authorId } });
    await this.audit.contentSaved(manager, {
      planId,
      organizationId: plan.organizationId,
      actor: { id: authorId, fullName: author?.fullName ?? authorId },
      version,
      contentSha256: saved.contentSha256,
      state: plan.state,
    });
  }

  /** Saves a new version when the actor edited the current one; a stale edit is 409 and saves nothing. */
  async saveContent(actor: Actor, id: string, dto: SavePlanContentDto): Promise<PlanDetailDto> {
    const validated = validatePlanContent(dto.content);
    await this.dataSource.transaction(async (manager) => {
      const plan = await this.access.writable(actor, id, manager);
      if (!isContentEditable(plan.state)) {
        throw new PlanError(PlanErrorCode.NotDraft, `Kế hoạch đang ở trạng thái "${plan.state}": chỉ sửa được nội dung khi còn là dự thảo`, {
          state: plan.state,
        });
      }
      if (dto.baseVersion !== plan.currentVersion) {
        throw new PlanError(
          PlanErrorCode.StaleVersion,
          `Bạn đã sửa phiên bản ${dto.baseVersion} nhưng kế hoạch đã có phiên bản ${plan.currentVersion}: hãy tải lại và sửa trên phiên bản mới nhất`,
          { baseVersion: dto.baseVersion, currentVersion: plan.currentVersion },
        );
      }
      if (!validated.ok) throw PlanError.invalid(validated.errors);
      const content = await validContent(manager, validated.content);
      const sha = contentSha256(content);
      const current = await manager.findOneOrFail(PlanVersion, { where: { planId: plan.id, version: plan.currentVersion } });
      // Saving the same content again makes no new version: a retried request is harmless.
      if (current.contentSha256 === sha) return;
      const version = plan.currentVersion + 1;
      await manager.insert(PlanVersion, { planId: plan.id, version, content, contentSha256: sha, authorId: actor.id });
      plan.currentVersion = version;
      plan.summary = content.summary;
      plan.documentType = content.documentType;
      plan.searchText = searchTextOf(content);
      await manager.save(Plan, plan);
      await this.recordSave(manager, plan.id, actor.id, version);
    });
    return this.get(actor, id);
  }

  /** The plan with its current content; a consultee or recipient gets the version given to them (the latest of them). */
  async get(actor: Actor, id: string): Promise<PlanDetailDto> {
    const { plan, reading } = await this.access.readableInPart(actor, id);
    const shown = reading.whole ? plan.currentVersion : Math.max(...reading.versions);
    const [org, version] = await Promise.all([
      this.dataSource.manager.findOneOrFail(Organization, { where: { id: plan.organizationId } }),
      this.dataSource.manager.findOneOrFail(PlanVersion, { where: { planId: plan.id, version: shown } }),
    ]);
    const detail = { ...toPlanDetailDto(plan, org, version), ...(await this.replacementLinks(plan)) };
    return reading.whole ? detail : { ...detail, version: shown, currentVersion: shown, partialReading: true };
  }

  /** Thay thế, both ways: the plan this one replaces, and its own replacement under way or issued. */
  private async replacementLinks(plan: Plan): Promise<Pick<PlanDetailDto, 'replaces' | 'replacedBy'>> {
    const manager = this.dataSource.manager;
    const replaces = plan.replacesPlanId ? await manager.findOne(Plan, { where: { id: plan.replacesPlanId } }) : null;
    const replacedBy = ISSUED_STATES.includes(plan.state)
      ? await manager.findOne(Plan, { where: { replacesPlanId: plan.id, state: Not('cancelled') } })
      : null;
    return { replaces: replaces && planLinkOf(replaces), replacedBy: replacedBy && planLinkOf(replacedBy) };
  }

  /**
   * "Văn bản cấp trên đã bị thu hồi": the revocation of the plan a child plan implements, or null.
   * Shown with the child (its organization was among the parent's recipients).
   */
  async parentRevocation(plan: Pick<PlanDto, 'parentPlanId'>): Promise<PlanDto['revocation']> {
    if (!plan.parentPlanId) return null;
    const parent = await this.dataSource.manager.findOne(Plan, { where: { id: plan.parentPlanId } });
    return parent ? revocationOf(parent) : null;
  }

  /** Plans the actor may read, newest change first; `q` matches with or without diacritics. */
  async list(actor: Actor, query: ListPlansQueryDto): Promise<PlanPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.dataSource.manager.createQueryBuilder(Plan, 'p');
    const scope = this.access.listableOrganizations(actor);
    if (scope) {
      if (!scope.length) return { items: [], total: 0, page, pageSize };
      if (scope.length <= SCOPE_AS_LIST) qb.andWhere('p.organization_id IN (:...scope)', { scope });
      // A central auditor's scope is tens of thousands of organizations: as a list of uuids the
      // planner estimates each one against the index (half a second of planning for 50,000);
      // compared as text it is one hashed lookup per row and the newest-first index walk stops
      // at the page. The ids come from the database, in its canonical text form.
      else qb.andWhere('p.organization_id::text = ANY(:scope)', { scope });
    }
    if (query.status) qb.andWhere('p.state IN (:...states)', { states: query.status.split(',') });
    if (query.org) qb.andWhere('p.organization_id = :org', { org: query.org });
    const folded = query.q ? foldVietnamese(query.q) : '';
    if (folded) {
      const like = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('p.search_text LIKE :like', { like })));
    }
    // A plain COUNT(*) beside the page: getManyAndCount counts DISTINCT ids, a sort of every
    // matching row (most of a second at a million plans) where one row per plan is given.
    const [plans, total] = await Promise.all([
      qb
        .clone()
        .orderBy('p.updated_at', 'DESC')
        .addOrderBy('p.id', 'ASC')
        .offset((page - 1) * pageSize)
        .limit(pageSize)
        .getMany(),
      qb
        .clone()
        .select('COUNT(*)', 'total')
        .getRawOne<{ total: string }>()
        .then((row) => Number(row?.total ?? 0)),
    ]);
    const orgs = await this.organizations(plans.map((p) => p.organizationId));
    return { items: plans.map((p) => toPlanDto(p, orgs.get(p.organizationId)!)), total, page, pageSize };
  }

  /** The versions of the plan; a consultee or recipient lists those given to them only. */
  async versions(actor: Actor, id: string): Promise<PlanVersionDto[]> {
    const { plan, reading } = await this.access.readableInPart(actor, id);
    const versions = await this.dataSource.manager.find(PlanVersion, {
      where: { planId: plan.id, ...(reading.whole ? {} : { version: In(reading.versions) }) },
      order: { version: 'ASC' },
    });
    const authors = await this.authorNames(versions);
    return versions.map((v) => toPlanVersionDto(v, authors.get(v.authorId) ?? ''));
  }

  async version(actor: Actor, id: string, n: number): Promise<PlanVersionDetailDto> {
    const { plan, reading } = await this.access.readableInPart(actor, id);
    this.access.requireVersion(plan, reading, n);
    const version = await this.findVersion(plan.id, n);
    const [authors, org] = await Promise.all([
      this.authorNames([version]),
      this.dataSource.manager.findOneOrFail(Organization, { where: { id: plan.organizationId } }),
    ]);
    return toPlanVersionDetailDto(version, authors.get(version.authorId) ?? '', org.family);
  }

  /** What changed between two versions: parts, items, tasks, recipients by id, with a word redline. */
  async diff(actor: Actor, id: string, from: number, to: number): Promise<PlanDiff> {
    const plan = await this.access.readable(actor, id);
    const [a, b] = await Promise.all([this.findVersion(plan.id, from), this.findVersion(plan.id, to)]);
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: plan.organizationId } });
    return diffPlans(canonicalContent(a.content), canonicalContent(b.content), { from, to, family: org.family });
  }

  /** The content of a version (the current one by default), for other services of this domain. */
  async contentOf(plan: Plan, version = plan.currentVersion, manager: EntityManager = this.dataSource.manager): Promise<PlanContent> {
    const row = await manager.findOne(PlanVersion, { where: { planId: plan.id, version } });
    if (!row) throw new PlanError(PlanErrorCode.VersionNotFound, `Kế hoạch không có phiên bản ${version}`);
    return canonicalContent(row.content);
  }

  private async findVersion(planId: string, n: number): Promise<PlanVersion> {
    const version = await this.dataSource.manager.findOne(PlanVersion, { where: { planId, version: n } });
    if (!version) throw new PlanError(PlanErrorCode.VersionNotFound, `Kế hoạch không có phiên bản ${n}`, { version: n });
    return version;
  }

  private async organizations(ids: string[]): Promise<Map<string, Organization>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.manager.find(Organization, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((o) => [o.id, o]));
  }

  private async authorNames(versions: PlanVersion[]): Promise<Map<string, string>> {
    const ids = [...new Set(versions.map((v) => v.authorId))];
    if (!ids.length) return new Map();
    const users = await this.dataSource.manager.find(User, { select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(users.map((u) => [u.id, u.fullName]));
  }
}
