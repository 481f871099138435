import { Injectable } from '@nestjs/common';
import { Actor } from '@app/common';
import { CascadeLevelCountsDto, CascadeLinksService, CascadeNodeDto, PlanReportsService, ReportDutyOwedDto } from '@app/cascade';
import { planStateLabel } from '@workflows/plan-labels';

const STATUS_NAMES: Record<string, string> = {
  issued: 'Đã ban hành',
  in_progress: 'Đang xây dựng',
  not_started: 'Chưa bắt đầu',
  cancelled: 'Đã hủy',
};

interface TreeNode extends CascadeNodeDto {
  stateLabel: string;
  statusName: string;
  children: TreeNode[];
}

/** The cascade tree page: the plan and its descendants nested, with progress per level. */
export interface CascadeTreeView {
  title: string;
  root: TreeNode;
  today: string;
  total: number;
  overdue: number;
  levels: (CascadeLevelCountsDto & { percent: number })[];
}

/** The report form: the duty chosen and the others the person's organizations owe on the plan. */
export interface ReportFormView {
  title: string;
  duty: ReportDutyOwedDto | null;
  duties: { value: string; org: string; label: string; selected: boolean }[];
  planId: string;
}

/** The cascade tree as nested lists with per-level progress. */
@Injectable()
export class CascadeViewsService {
  constructor(
    private readonly links: CascadeLinksService,
    private readonly reports: PlanReportsService,
  ) {}

  async treePage(actor: Actor, id: string): Promise<CascadeTreeView> {
    const tree = await this.links.tree(actor, id);
    const decorate = (n: CascadeNodeDto): TreeNode => ({
      ...n,
      stateLabel: planStateLabel(n.state),
      statusName: STATUS_NAMES[n.status] ?? n.status,
      children: [],
    });
    const root = decorate(tree.root);
    const byId = new Map<string, TreeNode>([[root.id, root]]);
    for (const node of tree.descendants) {
      const view = decorate(node);
      byId.set(view.id, view);
      (byId.get(node.parentPlanId ?? '') ?? root).children.push(view);
    }
    return {
      title: `Triển khai: ${tree.root.summary || 'kế hoạch'}`,
      root,
      today: tree.today,
      total: tree.total,
      overdue: tree.descendants.filter((d) => d.overdue).length,
      levels: tree.levels.filter((l) => l.depth > 0).map((l) => ({ ...l, percent: l.total ? Math.round((l.issued / l.total) * 100) : 0 })),
    };
  }

  /** The report form for one duty the person's organization owes on the plan. */
  async reportForm(actor: Actor, planId: string, dutyId?: string, orgId?: string): Promise<ReportFormView> {
    const owed = (await this.reports.owed(actor)).filter((r) => r.plan.id === planId);
    const duty = owed.find((r) => r.dutyId === dutyId && (!orgId || r.organization.id === orgId)) ?? owed[0] ?? null;
    return {
      title: 'Báo cáo kết quả',
      duty,
      duties: owed.map((r) => ({
        value: r.dutyId,
        org: r.organization.id,
        label: `${r.what}${r.period ? ` (${r.period})` : ''}, hạn ${r.deadline.split('-').reverse().join('/')}`,
        selected: r === duty,
      })),
      planId,
    };
  }
}
