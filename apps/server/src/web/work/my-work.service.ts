import { Injectable } from '@nestjs/common';
import { Actor, hasRole, organizationsWithRole, Role, toIsoDate, vietnamDate } from '@app/common';
import { OrganizationsService } from '@app/identity';
import { PlansService } from '@app/plans';
import { planStateLabel } from '@workflows/plan-labels';
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
  { key: 'issuing', heading: 'Chờ vào sổ, phát hành', roles: ['clerk'], empty: 'Không có văn bản nào chờ vào sổ hoặc phát hành.' },
  { key: 'incoming', heading: 'Văn bản đến cần xác nhận', roles: [], empty: 'Không có văn bản đến nào chờ xác nhận.' },
  { key: 'childPlans', heading: 'Kế hoạch cần xây dựng theo cấp trên', roles: ['drafter'], empty: 'Không có kế hoạch triển khai nào phải xây dựng.' },
  { key: 'reports', heading: 'Báo cáo đến hạn', roles: [], empty: 'Không có báo cáo nào sắp đến hạn.' },
];

type SectionItem = WorkItem & { section: string };

/** Deadlines passed first (the longest overdue on top), then the nearest, then those without one. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  if (a.deadline && b.deadline) return a.deadline.localeCompare(b.deadline);
  return a.deadline ? -1 : b.deadline ? 1 : a.title.localeCompare(b.title, 'vi');
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** "Việc cần làm": what the person has to do across the organizations they belong to. */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly plans: PlansService,
  ) {}

  async forActor(actor: Actor) {
    const today = toIsoDate(vietnamDate(new Date()));
    const items = (await Promise.all([this.drafts(actor)])).flat();
    const sections = WORK_SECTIONS.filter((s) => !s.roles.length || s.roles.some((role) => hasRole(actor, role))).map((section) => {
      const mine = items
        .filter((item) => item.section === section.key)
        .sort(byUrgency)
        .map((item) => {
          const days = item.deadline ? daysBetween(today, item.deadline) : null;
          return { ...item, overdue: days !== null && days < 0, dueSoon: days !== null && days >= 0 && days <= 3, daysLate: days !== null && days < 0 ? -days : 0, daysLeft: days };
        });
      return { ...section, items: mine, overdueCount: mine.filter((i) => i.overdue).length };
    });
    const orgs = await this.organizations.list();
    const mine = actor.memberships.map((m) => ({ organization: orgs.find((o) => o.id === m.organizationId), roles: m.roles.map((r) => ROLE_NAMES[r]) }));
    return {
      title: 'Việc cần làm',
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
}
