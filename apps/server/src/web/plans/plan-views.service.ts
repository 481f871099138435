import { Injectable } from '@nestjs/common';
import { Actor, audits, citedDocumentDate, organizationsWithRole, parseIsoDate } from '@app/common';
import { OrganizationsService } from '@app/identity';
import { CorrectionsService } from '@app/corrections';
import { Clock } from '@app/jobs';
import {
  archiveRecipient,
  DOCUMENT_TYPES,
  documentTypeName,
  FormatCheckService,
  PlanContent,
  PlansService,
  ReplacementLinkDto,
  ReplacementService,
} from '@app/plans';
import { VerificationService } from '@app/verification';
import { ISSUED_STATES } from '@workflows/index';
import { PLAN_STATE_LABELS, planStateLabel } from '@workflows/plan-labels';
import { organizationOptions } from '../admin/admin-views.service';
import { PlanWorkflowViewsService } from '../workflow/plan-workflow-views.service';
import { diffView } from './plan-diff-view';

export const PAGE_SIZE = 20;

export interface PlanListFilter {
  q?: string;
  status?: string;
  org?: string;
  page?: string;
}

/** A new plan's content: the general anatomy of a plan (domain.md), for the drafter to fill in. */
export function newPlanContent(family: 'party' | 'state', documentType: string, summary: string): PlanContent {
  const part = (id: string, title: string) => ({ id, title, children: [] });
  return {
    schemaVersion: 1,
    documentType: (documentType in DOCUMENT_TYPES ? documentType : 'KH') as PlanContent['documentType'],
    summary,
    place: null,
    preamble: { paragraphs: [], references: [] },
    parts: [part('p1', 'MỤC ĐÍCH, YÊU CẦU'), part('p2', 'NỘI DUNG, NHIỆM VỤ'), part('p3', 'TỔ CHỨC THỰC HIỆN')],
    closing: [],
    appendices: [],
    reportingDuties: [],
    recipients: [archiveRecipient('luu', family === 'party' ? 'VP' : 'VT')],
    signature: { capacityLines: [], signerName: '', signerUserId: null, authorityId: null },
    footnotes: [],
  };
}

/** View models of the plan list, the new-plan form and the read-only plan page. */
@Injectable()
export class PlanViewsService {
  constructor(
    private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly organizations: OrganizationsService,
    private readonly formatCheck: FormatCheckService,
    private readonly workflow: PlanWorkflowViewsService,
    private readonly verification: VerificationService,
    private readonly corrections: CorrectionsService,
    private readonly replacement: ReplacementService,
  ) {}

  async listPage(actor: Actor, filter: PlanListFilter) {
    const page = Math.max(1, Number.parseInt(filter.page ?? '1', 10) || 1);
    const status = filter.status && /^[A-Za-z_]{1,40}$/.test(filter.status) ? filter.status : undefined;
    const orgs = await this.organizations.list();
    const mine = new Set(actor.memberships.map((m) => m.organizationId));
    const choices = orgs.filter((o) => mine.has(o.id) || audits(actor, o.id));
    const org = choices.some((o) => o.id === filter.org) ? filter.org : undefined;
    const q = (filter.q ?? '').slice(0, 200);
    const result = await this.plans.list(actor, { q: q || undefined, status, org, page, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const link = (p: number) =>
      `/plans?${new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}), ...(org ? { org } : {}), page: String(p) })}`;
    return {
      title: 'Kế hoạch',
      q,
      items: result.items.map((p) => ({
        ...p,
        stateLabel: planStateLabel(p.state),
        typeName: documentTypeName(p.documentType),
      })),
      total: result.total,
      page,
      pages,
      previous: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      states: Object.entries(PLAN_STATE_LABELS).map(([code, label]) => ({ code, label, selected: code === status })),
      organizations: organizationOptions(choices, org),
      canCreate: organizationsWithRole(actor, 'drafter').length > 0,
    };
  }

  async newPage(actor: Actor, typed?: Record<string, string>) {
    const drafting = new Set(organizationsWithRole(actor, 'drafter'));
    const orgs = (await this.organizations.list()).filter((o) => drafting.has(o.id));
    return {
      title: 'Soạn kế hoạch mới',
      organizations: organizationOptions(orgs, typed?.organizationId ?? orgs[0]?.id),
      single: orgs.length === 1 ? orgs[0] : null,
      types: Object.entries(DOCUMENT_TYPES).map(([code, name]) => ({ code, name, selected: code === (typed?.documentType ?? 'KH') })),
      form: typed ?? { summary: '' },
    };
  }

  /** The plan as a document, with its state, versions and format check. */
  async planPage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const [org, versions] = await Promise.all([this.organizations.get(plan.organizationId), this.plans.versions(actor, id)]);
    const check = plan.state === 'draft' && !plan.partialReading ? await this.formatCheck.checkFor(actor, id) : null;
    const actions = await this.workflow.actions(actor, plan);
    return {
      actions,
      parentRevocation: await this.plans.parentRevocation(plan),
      title: plan.summary || 'Kế hoạch',
      plan: {
        ...plan,
        stateLabel: planStateLabel(plan.state),
        typeName: documentTypeName(plan.documentType),
      },
      organization: org,
      document: this.workflow.document(org, plan),
      versions: [...versions].reverse().slice(0, 8),
      moreVersions: versions.length > 8,
      check,
      // The public verification page, once the plan is issued (the address its QR code carries).
      verificationPath: plan.numberSymbol ? await this.verification.publicPathFor(plan.id) : null,
      ...(await this.correctionLinks(actor, plan)),
      canEdit: plan.state === 'draft' && actor.memberships.some((m) => m.organizationId === plan.organizationId && m.roles.includes('drafter')),
      canReplace: this.replacement.mayStart(actor, { ...plan, replacementUnderWay: !!plan.replacedBy }),
      replaces: plan.replaces && this.linkView(plan.replaces),
      replacedBy: plan.replacedBy && this.linkView(plan.replacedBy),
      today: this.clock.today(),
    };
  }

  /**
   * Đính chính: the notices of this plan (issued ones for the banner, drafts for its
   * organization), the plan a notice corrects, and whether the actor may draft one now.
   */
  private async correctionLinks(actor: Actor, plan: Awaited<ReturnType<PlansService['get']>>) {
    const notices = (await this.corrections.list(actor, plan.id)).map((n) => ({
      ...n,
      label: `${documentTypeName(n.documentType)}${n.numberSymbol ? ` số ${n.numberSymbol}` : ''}${n.issuedOn ? ` ngày ${citedDocumentDate(parseIsoDate(n.issuedOn))}` : ''}`,
      stateLabel: planStateLabel(n.state),
      issued: !!n.numberSymbol,
    }));
    const original = plan.correctsPlanId ? await this.plans.get(actor, plan.correctsPlanId).catch(() => null) : null;
    return {
      corrections: notices.filter((n) => n.issued),
      correctionDrafts: notices.filter((n) => !n.issued),
      corrects: original && {
        id: original.id,
        label: `${documentTypeName(original.documentType)} số ${original.numberSymbol} ngày ${citedDocumentDate(parseIsoDate(original.issuedOn!))}`,
      },
      canCorrect: this.corrections.mayDraft(actor, { ...plan, revoked: !!plan.revocation }),
    };
  }

  /** The other end of a replacement as the page names it: "Kế hoạch số 05-KH/BCĐ" (or the draft under way). */
  private linkView(link: ReplacementLinkDto) {
    const typeName = documentTypeName(link.documentType);
    return {
      ...link,
      name: link.numberSymbol ? `${typeName} số ${link.numberSymbol}` : `dự thảo ${typeName.toLowerCase()} thay thế`,
      issued: ISSUED_STATES.includes(link.state),
    };
  }

  /** The versions of a plan and the redline between two of them (by default the last two). */
  async versionsPage(actor: Actor, id: string, from?: string, to?: string) {
    const plan = await this.plans.get(actor, id);
    const versions = await this.plans.versions(actor, id);
    const last = plan.currentVersion;
    const pick = (raw: string | undefined, fallback: number) => {
      const n = Number.parseInt(raw ?? '', 10);
      return n >= 1 && n <= last ? n : fallback;
    };
    const b = pick(to, last);
    const a = pick(from, Math.max(1, b - 1));
    const diff = a === b ? null : diffView(await this.plans.diff(actor, id, a, b));
    const option = (n: number, selected: number) => ({ n, selected: n === selected });
    return {
      title: `Các phiên bản: ${plan.summary || 'kế hoạch'}`,
      plan: { ...plan, stateLabel: planStateLabel(plan.state) },
      versions: [...versions].reverse(),
      fromOptions: versions.map((v) => option(v.version, a)),
      toOptions: versions.map((v) => option(v.version, b)),
      diff,
    };
  }
}
