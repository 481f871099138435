import { Injectable } from '@nestjs/common';
import { Actor, DomainError, hasRole, organizationsWithRole, Role, toIsoDate, vietnamDate } from '@app/common';
import { PlanReportsService } from '@app/cascade';
import { AppConfig } from '@app/config';
import { IncomingService, INCOMING_ROLES } from '@app/distribution';
import { OrganizationDto, OrganizationsService } from '@app/identity';
import { InboxService } from '@app/inbox';
import { Clock, DAY_MS } from '@app/jobs';
import { PlanDto, PlansService } from '@app/plans';
import { PlanWorkflowQueriesService } from '@app/workflow';
import { planStateLabel } from '@workflows/plan-labels';
import { inboxSection, InboxSectionView } from '../inbox/inbox-section';
import { ROLE_NAMES } from '../view-helpers';

/** One thing a person has to do, with its deadline. */
export interface WorkItem {
  title: string;
  href: string;
  organizationName: string;
  /** What is asked ("Soạn dự thảo", "Thẩm định", "Ký ban hành"...). */
  action: string;
  /** Where the plan stands, in Vietnamese. */
  status: string;
  /** ISO date, or null when there is none. */
  deadline: string | null;
}

interface WorkSection {
  key: string;
  heading: string;
  /** Who sees the section: holders of one of these roles, or everybody when empty. */
  roles: Role[];
  empty: string;
}

/** The sections of "Việc cần làm", in the order of the road a plan takes. */
export const WORK_SECTIONS: WorkSection[] = [
  { key: 'drafts', heading: 'Dự thảo cần soạn, sửa', roles: ['drafter'], empty: 'Không có dự thảo nào đang chờ bạn soạn hoặc sửa.' },
  { key: 'consultations', heading: 'Dự thảo cần góp ý', roles: ['consultee'], empty: 'Không có dự thảo nào đang xin ý kiến bạn.' },
  { key: 'reviews', heading: 'Cần thẩm định', roles: ['reviewer', 'format_checker'], empty: 'Không có dự thảo nào chờ thẩm định.' },
  { key: 'signatures', heading: 'Chờ ký ban hành', roles: ['signer'], empty: 'Không có văn bản nào chờ bạn ký.' },
  { key: 'issuing', heading: 'Chờ cấp số', roles: ['clerk'], empty: 'Không có văn bản đã ký nào chờ cấp số.' },
  { key: 'incoming', heading: 'Văn bản đến cần xác nhận', roles: [...INCOMING_ROLES], empty: 'Không có văn bản đến nào chờ xác nhận.' },
  { key: 'childPlans', heading: 'Kế hoạch cần xây dựng theo cấp trên', roles: ['drafter'], empty: 'Không có kế hoạch triển khai nào phải xây dựng.' },
  { key: 'reports', heading: 'Báo cáo đến hạn', roles: ['drafter', 'clerk', 'signer', 'reviewer'], empty: 'Không có báo cáo nào sắp đến hạn.' },
];

type SectionItem = WorkItem & { section: string };

/** The states where a plan may wait for the person, and the section it then shows in. */
const PENDING_STATES = [
  { state: 'consultation', section: 'consultations' },
  { state: 'review', section: 'reviews' },
  { state: 'awaitingSignature', section: 'signatures' },
  { state: 'awaitingIssue', section: 'issuing' },
];

/** How many candidates' workflow views are looked up at once (a few of the pool's connections). */
const VIEWS_AT_ONCE = 4;

/** Whether someone holding `roles` sees the section (consultees are named people, whatever their roles). */
function sectionOpenTo(key: string, roles: readonly Role[]): boolean {
  const section = WORK_SECTIONS.find((s) => s.key === key)!;
  return key === 'consultations' || !section.roles.length || section.roles.some((role) => roles.includes(role));
}

export interface WorkItemView extends WorkItem {
  overdue: boolean;
  dueSoon: boolean;
  daysLate: number;
  daysLeft: number | null;
}

export interface WorkSectionView extends WorkSection {
  items: WorkItemView[];
  overdueCount: number;
}

/** The work page: the inbox, the sections of work, the person's organizations and roles. */
export interface MyWorkView {
  title: string;
  inbox: InboxSectionView;
  sections: WorkSectionView[];
  total: number;
  overdue: number;
  mine: { organization: OrganizationDto | undefined; roles: string[] }[];
  /** ISO date, the application's today in Vietnam. */
  today: string;
}

/** Deadlines passed first (the longest overdue on top), then the nearest, then those without one. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  if (a.deadline && b.deadline) return a.deadline.localeCompare(b.deadline);
  return a.deadline ? -1 : b.deadline ? 1 : a.title.localeCompare(b.title, 'vi');
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/** "Việc cần làm": what the person has to do across the organizations they belong to. */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly plans: PlansService,
    private readonly queries: PlanWorkflowQueriesService,
    private readonly inbox: InboxService,
    private readonly incomingDocuments: IncomingService,
    private readonly reports: PlanReportsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async forActor(actor: Actor): Promise<MyWorkView> {
    const today = this.clock.today();
    const [notices, unread] = await Promise.all([this.inbox.list(actor), this.inbox.unreadCount(actor)]);
    const items = (await Promise.all([this.drafts(actor), this.pending(actor), this.incoming(actor), this.reportsDue(actor)])).flat();
    const sections = WORK_SECTIONS.filter((s) => !s.roles.length || s.roles.some((role) => hasRole(actor, role))).map((section) => {
      const mine = items
        .filter((item) => item.section === section.key)
        .sort(byUrgency)
        .map((item): WorkItemView => {
          const days = item.deadline ? daysBetween(today, item.deadline) : null;
          return {
            ...item,
            overdue: days !== null && days < 0,
            dueSoon: days !== null && days >= 0 && days <= 3,
            daysLate: days !== null && days < 0 ? -days : 0,
            daysLeft: days,
          };
        });
      return { ...section, items: mine, overdueCount: mine.filter((i) => i.overdue).length };
    });
    // Only the person's own organizations: the whole tree is 50,000 of them at a nation's size.
    const orgs = await Promise.all(actor.memberships.map((m) => this.organizations.get(m.organizationId)));
    const mine = actor.memberships.map((m, i) => ({
      organization: orgs[i],
      roles: m.roles.map((r) => ROLE_NAMES[r]),
    }));
    return {
      title: 'Việc cần làm',
      inbox: inboxSection(notices, unread.unread),
      sections,
      total: sections.reduce((n, s) => n + s.items.length, 0),
      overdue: sections.reduce((n, s) => n + s.overdueCount, 0),
      mine,
      today,
    };
  }

  /** Drafts at the organizations where the person drafts; a returned draft says so. */
  private async drafts(actor: Actor): Promise<SectionItem[]> {
    const out: SectionItem[] = [];
    for (const org of organizationsWithRole(actor, 'drafter')) {
      const page = await this.plans.list(actor, { status: 'draft', org, pageSize: 100 });
      for (const plan of page.items) {
        out.push({
          section: plan.parentPlanId ? 'childPlans' : 'drafts',
          title: plan.summary || '(chưa có trích yếu)',
          href: `/plans/${plan.id}/edit`,
          organizationName: plan.organizationName,
          action: plan.draftRound > 1 ? `Sửa dự thảo lần ${plan.draftRound}` : 'Soạn dự thảo',
          status: `${planStateLabel(plan.state)} · bản ${plan.currentVersion}`,
          deadline: plan.dueDate,
        });
      }
    }
    return out;
  }

  /**
   * Plans waiting for the person: to review, to sign, to comment on. Candidates are the plans
   * under way at their organizations and those their notifications name (a consultee may belong
   * elsewhere); the workflow says which event each allows them now. A review or signature is due
   * REMINDER_DAYS after the plan reached the step, when the person is reminded.
   */
  private async pending(actor: Actor): Promise<SectionItem[]> {
    // Each candidate: when it reached the step (null for a notice's plan) and, when a list found it, the plan as listed.
    const candidates = new Map<string, { since: string | null; listed: PlanDto | null }>();
    for (const { organizationId: org, roles } of actor.memberships) {
      // Only the states someone with these roles at this organization could act in: each candidate costs
      // its workflow view, and a busy organization has hundreds under review that a drafter cannot approve.
      const states = PENDING_STATES.filter(({ section }) => sectionOpenTo(section, roles)).map(({ state }) => state);
      const page = await this.plans.list(actor, { status: states.join(','), org, pageSize: 100 });
      // A consultation asks named people: the others are left out in one query, not one view each.
      const consulting = await this.queries.consulting(
        actor,
        page.items.filter((plan) => plan.state === 'consultation').map((plan) => plan.id),
      );
      for (const plan of page.items) {
        if (plan.state !== 'consultation' || consulting.has(plan.id)) candidates.set(plan.id, { since: plan.updatedAt, listed: plan });
      }
    }
    for (const planId of await this.inbox.unreadPlanIds(actor, 'workflow')) {
      if (!candidates.has(planId)) candidates.set(planId, { since: null, listed: null });
    }
    // The plans a list gave are the person's organizations': their views in one batch. The rest
    // (a notice's plan, perhaps another body's) one by one, a few at a time.
    const entries = [...candidates];
    const batched = await this.queries.viewsOf(
      actor,
      entries.filter(([, { listed }]) => listed).map(([id]) => id),
    );
    const found = new Map<string, Awaited<ReturnType<MyWorkService['planAndWorkflow']>>>();
    for (const [id, { listed }] of entries) if (listed && batched.has(id)) found.set(id, { plan: listed, view: batched.get(id)! });
    const alone = entries.filter(([id]) => !found.has(id));
    for (let i = 0; i < alone.length; i += VIEWS_AT_ONCE) {
      const chunk = alone.slice(i, i + VIEWS_AT_ONCE);
      const views = await Promise.all(chunk.map(([id, { listed }]) => this.planAndWorkflow(actor, id, listed)));
      chunk.forEach(([id], j) => found.set(id, views[j]));
    }
    const out: SectionItem[] = [];
    entries.forEach(([id, { since }]) => {
      const looked = found.get(id);
      if (!looked) return;
      const { plan, view } = looked;
      const allowed = new Set(view.allowedEvents);
      const due = since ? toIsoDate(vietnamDate(new Date(Date.parse(since) + this.config.reminderDays * DAY_MS))) : null;
      const base = { title: plan.summary || '(chưa có trích yếu)', organizationName: plan.organizationName, status: planStateLabel(plan.state) };
      if (allowed.has('APPROVE')) {
        const step = view.chain.find((s) => s.position === view.currentStep);
        out.push({ ...base, section: 'reviews', href: `/plans/${id}/review`, action: step ? step.label : 'Duyệt', deadline: due });
      } else if (allowed.has('SIGN')) {
        out.push({ ...base, section: 'signatures', href: `/plans/${id}/sign`, action: 'Ký ban hành', deadline: due });
      } else if (allowed.has('ISSUE')) {
        out.push({ ...base, section: 'issuing', href: `/plans/${id}/issue`, action: 'Cấp số, đóng dấu, ban hành', deadline: due });
      } else if (allowed.has('COMMENT') || allowed.has('NO_COMMENT')) {
        const deadline = view.consultation ? toIsoDate(vietnamDate(new Date(view.consultation.deadline))) : null;
        out.push({ ...base, section: 'consultations', href: `/plans/${id}/consult`, action: 'Góp ý', deadline });
      }
    });
    return out;
  }

  /**
   * A plan a notice named, with its workflow view. A notice outlives the person's access (the
   * plan was cancelled, they left the organization): such a plan is not theirs to act on, so it is
   * left out; any other failure is a bug and goes up. A plan the list gave is not read again: its
   * summary, organization and state are what the page shows, and reading it whole (its content,
   * canonicalised and numbered) was most of the page's time at a busy organization.
   */
  private async planAndWorkflow(actor: Actor, id: string, listed: PlanDto | null) {
    try {
      const [plan, view] = await Promise.all([listed ?? this.plans.get(actor, id), this.queries.view(actor, id)]);
      return { plan, view };
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'forbidden')) return null;
      throw error;
    }
  }

  /** Documents received and not yet acknowledged, at the organizations whose inbox the person keeps. */
  private async incoming(actor: Actor): Promise<SectionItem[]> {
    if (!INCOMING_ROLES.some((role) => hasRole(actor, role))) return [];
    const page = await this.incomingDocuments.list(actor, { unacknowledged: 'true', limit: 50 });
    if (!page.items.length) return [];
    const names = new Map((await this.organizations.list()).map((o) => [o.id, o.shortName]));
    return page.items.map((d) => ({
      section: 'incoming',
      title: `${d.numberSymbol ? `Số ${d.numberSymbol}: ` : ''}${d.summary}`,
      href: `/incoming#in-${d.id}`,
      organizationName: `Gửi ${names.get(d.organizationId) ?? ''}, từ ${names.get(d.senderOrganizationId) ?? d.senderName}`,
      action: 'Xác nhận đã nhận',
      status: `Nhận ${toIsoDate(vietnamDate(new Date(d.receivedAt)))
        .split('-')
        .reverse()
        .join('/')}`,
      deadline: null,
    }));
  }

  /** Reports the person's organizations owe on the plans they implement, not yet sent. */
  private async reportsDue(actor: Actor): Promise<SectionItem[]> {
    const owed = await this.reports.owed(actor);
    return owed
      .filter((r) => r.status === 'pending' || r.status === 'overdue')
      .map((r) => ({
        section: 'reports',
        title: `Báo cáo ${r.what}${r.period ? ` (${r.period})` : ''}`,
        href: `/plans/${r.plan.id}/reports/new?duty=${encodeURIComponent(r.dutyId)}&org=${r.organization.id}`,
        organizationName: `${r.organization.shortName} → ${r.to}`,
        action: `Theo kế hoạch ${r.plan.numberSymbol ?? r.plan.summary}`,
        status: '',
        deadline: r.deadline,
      }));
  }
}
