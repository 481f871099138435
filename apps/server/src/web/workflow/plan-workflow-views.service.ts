import { Injectable } from '@nestjs/common';
import { Actor, issuanceYear, toIsoDate, vietnamDate } from '@app/common';
import { AppConfig } from '@app/config';
import { OrganizationDto, OrganizationsService, UsersService } from '@app/identity';
import { Clock, DAY_MS } from '@app/jobs';
import { documentTypeName, numberPlan, PlanContent, PlanDetailDto, PlansService } from '@app/plans';
import { IssuanceDeskService } from '@app/issuance';
import { RenderingService } from '@app/rendering';
import { CommentDto, PlanWorkflowQueriesService, WorkflowViewDto } from '@app/workflow';
import { planStateLabel } from '@workflows/plan-labels';
import { diffView } from '../plans/plan-diff-view';
import { documentModeOf } from '../plans/plan-document';
import { eventLabel, formKey } from './plan-event-form';

/** Where the plan goes after signature, in order: what the progress page shows. */
export const ISSUANCE_STEPS = [
  { state: 'awaitingIssue', label: 'Đã ký, chờ văn thư cấp số' },
  { state: 'signed', label: 'Đang cấp số' },
  { state: 'numbered', label: 'Đã cấp số, ngày' },
  { state: 'issued', label: 'Đã ban hành (PDF đã ký số)' },
  { state: 'distributing', label: 'Đang gửi đến nơi nhận' },
  { state: 'distributed', label: 'Đã gửi xong' },
];

/** Parts and items as "II.", "II.1.", "II.1.a)" for anchors (comments, notes of a return). */
export function anchorLabels(content: PlanContent, family: 'party' | 'state'): { id: string; label: string }[] {
  const numbers = numberPlan(content, family);
  const out: { id: string; label: string }[] = [];
  const short = (t: string | null | undefined) => (t ? (t.length > 60 ? `${t.slice(0, 57)}...` : t) : '');
  content.parts.forEach((part) => {
    const partLabel = numbers[part.id] ?? '';
    out.push({ id: part.id, label: `Mục ${partLabel} ${short(part.title)}` });
    const walk = (nodes: PlanContent['parts'][number]['children'], prefix: string) => {
      for (const node of nodes) {
        if (node.kind !== 'item') continue;
        const label = `${prefix}${numbers[node.id] ?? ''}`;
        out.push({ id: node.id, label: `Điểm ${label} ${short(node.heading ?? node.text)}` });
        walk(node.children, label);
      }
    };
    walk(part.children, partLabel.replace(/[-.]$/, '.'));
  });
  return out;
}

/** View models of the pages where people move a plan: actions, review, signature, progress, consultation. */
@Injectable()
export class PlanWorkflowViewsService {
  constructor(
    private readonly plans: PlansService,
    private readonly queries: PlanWorkflowQueriesService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly rendering: RenderingService,
    private readonly desk: IssuanceDeskService,
  ) {}

  /** The year an undated plan shows: the year it would be dated if signed now, by the application's clock. */
  signingYear(): number {
    return issuanceYear(this.clock.now(), this.config.holidays);
  }

  /**
   * The plan as the PDF prints it, to embed in a page (with /document.css): the renderer's own
   * view and templates; `marked` highlights the parts and items that comments point at.
   */
  document(issuer: OrganizationDto, plan: PlanDetailDto, marked: string[] = []): string {
    return this.rendering.documentHtml({ issuer, content: plan.content, mode: documentModeOf(plan, this.signingYear()) }, { marked });
  }

  /** What the person may do with the plan now, as forms (each with the row version and a one-time key). */
  async actions(actor: Actor, plan: PlanDetailDto, workflow?: WorkflowViewDto) {
    const view = workflow ?? (await this.queries.view(actor, plan.id));
    const allowed = new Set(view.allowedEvents);
    const names = new Map((await this.users.directory()).map((u) => [u.id, u.fullName]));
    const comments = await this.queries.comments(actor, plan.id);
    const anchors = new Map(anchorLabels(plan.content, plan.family).map((a) => [a.id, a.label]));
    const consultees = allowed.has('CIRCULATE')
      ? (await this.users.directory())
          .filter((u) => u.id !== actor.id && u.memberships.some((m) => m.roles.includes('consultee')))
          .map((u) => ({
            id: u.id,
            label: `${u.fullName} (${u.memberships
              .filter((m) => m.roles.includes('consultee'))
              .map((m) => m.organizationName)
              .join(', ')})`,
          }))
      : [];
    return {
      rowVersion: view.rowVersion,
      key: formKey(),
      allowed: Object.fromEntries([...allowed].map((e) => [e, true])),
      allowedLabels: [...allowed].map(eventLabel),
      stateLabel: view.stateLabel,
      chain: view.chain.map((s) => ({
        ...s,
        approvedByName: s.approvedBy ? (names.get(s.approvedBy) ?? '') : '',
        current: view.currentStep === s.position,
      })),
      consultation: view.consultation && {
        ...view.consultation,
        people: view.consultation.consultees.map((id) => ({ name: names.get(id) ?? id, answered: view.consultation!.answered.includes(id) })),
      },
      lastReturn: view.lastReturn ? { ...view.lastReturn, byName: names.get(String(view.lastReturn.by)) ?? '' } : null,
      comments: comments.map((c) => this.commentView(c, anchors, view.openComments)),
      openComments: view.openComments.length,
      consultees,
      defaultDeadline: toIsoDate(vietnamDate(new Date(this.clock.now().getTime() + 5 * DAY_MS))),
      today: this.clock.today(),
    };
  }

  /** The review page: the submitted draft, what changed since the last round, the comments, approve or return. */
  async reviewPage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const [org, workflow, history] = await Promise.all([
      this.organizations.get(plan.organizationId),
      this.queries.view(actor, id),
      this.queries.history(actor, id),
    ]);
    const submits = history.filter((e) => e.event === 'SUBMIT' && e.contentVersion).map((e) => e.contentVersion as number);
    const current = plan.submittedVersion ?? plan.currentVersion;
    const previous = [...submits].reverse().find((v) => v < current) ?? null;
    const diff = previous ? diffView(await this.plans.diff(actor, id, previous, current)) : null;
    const actions = await this.actions(actor, plan, workflow);
    const commented = actions.comments.map((c) => c.anchorId).filter((anchor): anchor is string => Boolean(anchor));
    const step = workflow.chain.find((s) => s.position === workflow.currentStep);
    return {
      title: `Duyệt: ${plan.summary || 'kế hoạch'}`,
      plan: this.planFacts(plan),
      organization: org,
      document: this.document(org, plan, commented),
      diff,
      previous,
      current,
      step,
      actions,
      anchors: anchorLabels(plan.content, org.family),
    };
  }

  /** The signature page: the final text, the capacity printed on it, the password again. */
  async signPage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const [org, workflow] = await Promise.all([this.organizations.get(plan.organizationId), this.queries.view(actor, id)]);
    const actions = await this.actions(actor, plan, workflow);
    const today = this.clock.today();
    const held = (await this.users.listAuthorities(plan.organizationId)).filter(
      (a) => a.userId === actor.id && a.validFrom <= today && (!a.validTo || a.validTo >= today),
    );
    return {
      title: `Ký ban hành: ${plan.summary || 'kế hoạch'}`,
      plan: this.planFacts(plan),
      organization: org,
      document: this.document(org, plan),
      capacity: plan.content.signature.capacityLines,
      // The name printed is the signer's own (identity), never the one typed in the draft.
      signerName: actor.fullName,
      held: held.map((a) => a.capacityLines.join(' / ')),
      actions,
      anchors: anchorLabels(plan.content, org.family),
    };
  }

  /**
   * The clerk's desk for one signed plan ("Chờ cấp số"): the document as signed, the register
   * (default by type) with the number it gives now, the date, and the forms to issue or refuse.
   */
  async issuePage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const [org, workflow, desk] = await Promise.all([
      this.organizations.get(plan.organizationId),
      this.queries.view(actor, id),
      this.desk.plan(actor, id),
    ]);
    const actions = await this.actions(actor, plan, workflow);
    const signer = (await this.users.directory()).find((u) => u.id === desk.signedById);
    return {
      title: `Cấp số: ${plan.summary || 'kế hoạch'}`,
      plan: this.planFacts(plan),
      organization: org,
      document: this.document(org, plan),
      signerName: signer?.fullName ?? '',
      desk,
      actions,
    };
  }

  /** Progress after signature: numbering, rendering and distribution run as jobs. */
  async progressPage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const index = ISSUANCE_STEPS.findIndex((s) => s.state === plan.state);
    const steps = ISSUANCE_STEPS.map((s, i) => ({ ...s, done: index >= 0 && i <= index, current: i === index }));
    const finished = plan.state === 'distributed';
    return {
      title: `Ban hành: ${plan.summary || 'kế hoạch'}`,
      plan: this.planFacts(plan),
      steps,
      percent: index < 0 ? 0 : Math.round(((index + 1) / ISSUANCE_STEPS.length) * 100),
      issued: ['issued', 'distributing', 'distributed'].includes(plan.state),
      finished,
      inProgress: index >= 0 && !finished,
      refreshSeconds: index >= 0 && !finished ? 3 : null,
    };
  }

  /** A consultee's page: the draft and the form to comment on parts and items, or to say there is nothing to add. */
  async consultPage(actor: Actor, id: string) {
    const plan = await this.plans.get(actor, id);
    const [org, workflow] = await Promise.all([this.organizations.get(plan.organizationId), this.queries.view(actor, id)]);
    const actions = await this.actions(actor, plan, workflow);
    return {
      title: `Góp ý: ${plan.summary || 'dự thảo'}`,
      plan: this.planFacts(plan),
      organization: org,
      document: this.document(org, plan),
      actions,
      anchors: anchorLabels(plan.content, org.family),
      deadline: workflow.consultation?.deadline ?? null,
      mine: actions.comments.filter((c) => c.consulteeId === actor.id),
    };
  }

  private planFacts(plan: PlanDetailDto) {
    return {
      ...plan,
      stateLabel: planStateLabel(plan.state),
      typeName: documentTypeName(plan.documentType),
    };
  }

  private commentView(c: CommentDto, anchors: Map<string, string>, open: string[]) {
    return {
      ...c,
      anchorLabel: c.anchorId ? (anchors.get(c.anchorId) ?? 'Mục, điểm đã bị xóa') : 'Toàn văn',
      open: open.includes(c.id),
      resolutionLabel: c.resolution === 'accepted' ? 'Tiếp thu' : c.resolution === 'declined' ? 'Giải trình' : null,
    };
  }
}
