import { Injectable } from '@nestjs/common';
import { Actor, DomainError, FieldProblem, hasRole } from '@app/common';
import { OrganizationDto, OrganizationsService, UsersService } from '@app/identity';
import { Clock } from '@app/jobs';
import {
  Appendix,
  BodyNode,
  DOCUMENT_TYPES,
  FormatCheckService,
  numberPlan,
  Part,
  PlanContent,
  PlansService,
  RECIPIENT_PURPOSE_LABELS,
  RECIPIENT_PURPOSES,
} from '@app/plans';
import { planStateLabel } from '@workflows/plan-labels';
import { organizationOptions } from '../admin/admin-views.service';
import { PlanWorkflowViewsService } from '../workflow/plan-workflow-views.service';
import { FormBody, list, optional, text } from '../forms';
import { contentFromForm, TIMEFRAME_KINDS } from './plan-form';
import { applyOp, childKinds, OpContext } from './plan-ops';
import { byField, PlacedProblem, placeProblem } from './plan-problems';
import { tableEditorView } from './table-editor-view';

// Roman-numeral parts are "Mục" and their numbered items "Điểm", as an office cites them ("điểm 1 Mục II").
const KIND_NAMES: Record<string, string> = {
  part: 'Mục',
  appendix: 'Phụ lục',
  item: 'Điểm',
  paragraph: 'Đoạn văn',
  bullet: 'Gạch đầu dòng',
  table: 'Bảng',
};
const TIMEFRAME_NAMES: Record<string, string> = { ongoing: 'Thường xuyên', date: 'Đến ngày', quarter: 'Quý', year: 'Năm', text: 'Ghi bằng lời' };
const ROMAN = ['I', 'II', 'III', 'IV'];

/** What a post of the editor led to. */
export type EditorOutcome =
  | { saved: true; version: number; changed: boolean; focus: string | null }
  | { saved: false; status: number; message: string; problems: PlacedProblem[]; focus: string | null; model: Record<string, unknown> | null };

interface Working {
  content: PlanContent;
  baseVersion: number;
  problems: PlacedProblem[];
  message: string;
  /** The node or row to put the focus in. */
  focus?: string | null;
  /** The message is a notice (nothing wrong), not an error. */
  notice?: boolean;
}

/**
 * The plan editor: the page's view model, and a post of the form (with or without a
 * structural operation) turned into a new version through PlansService.saveContent.
 * Content that does not validate yet is shown again with the errors beside the fields.
 */
@Injectable()
export class PlanEditorService {
  constructor(
    private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly formatCheck: FormatCheckService,
    private readonly workflow: PlanWorkflowViewsService,
  ) {}

  async submit(actor: Actor, id: string, body: FormBody, withModel = true): Promise<EditorOutcome> {
    const content = contentFromForm(body);
    const postedVersion = Number.parseInt(text(body, 'baseVersion'), 10) || 0;
    let baseVersion = postedVersion;
    const op = text(body, 'op');
    let focus: string | null = null;
    if (op && op !== 'save') {
      // What was typed before the button was pressed is kept first, so that adding an empty
      // item (not valid until filled in) never holds back the text already written.
      baseVersion = await this.saveQuietly(actor, id, baseVersion, structuredClone(content));
      const plan = await this.plans.get(actor, id);
      focus = applyOp(content, op, await this.opContext(plan.organizationId, body));
    }
    try {
      const saved = await this.plans.saveContent(actor, id, { baseVersion, content });
      return { saved: true, version: saved.currentVersion, changed: saved.currentVersion !== postedVersion, focus };
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
      const problems = ((error.details.errors ?? []) as FieldProblem[]).map((p) => placeProblem(content, p));
      // What a button just added is empty by nature: that is a form to fill in, not an error.
      const justAdded = error.kind === 'invalid' && !!focus && problems.length > 0 && problems.every((p) => p.anchor === `el-${focus}`);
      if (justAdded) {
        const message = 'Đã thêm. Nhập nội dung vào ô đang chọn; dự thảo được lưu khi nội dung hợp lệ.';
        const model = withModel ? await this.page(actor, id, { content, baseVersion, problems: [], message, focus, notice: true }) : null;
        return { saved: false, status: 200, message, problems: [], focus, model };
      }
      const message =
        error.kind === 'conflict'
          ? `${error.message}. Các thay đổi của bạn chưa được lưu.`
          : `Chưa lưu: nội dung còn ${problems.length} lỗi cần sửa (đánh dấu bên dưới).`;
      const status = error.kind === 'conflict' ? 409 : 422;
      const model = withModel ? await this.page(actor, id, { content, baseVersion, problems, message, focus }) : null;
      return { saved: false, status, message, problems, focus, model };
    }
  }

  async page(actor: Actor, id: string, working?: Working) {
    const plan = await this.plans.get(actor, id);
    const [orgs, authorities, check] = await Promise.all([
      this.organizations.list(),
      this.users.listAuthorities(plan.organizationId),
      this.formatCheck.checkFor(actor, id),
    ]);
    const org = orgs.find((o) => o.id === plan.organizationId)!;
    const content = working?.content ?? plan.content;
    const errors = byField(working?.problems ?? []);
    const labels = numberPlan(content, org.family);
    const today = this.clock.today();
    const others = orgs.filter((o) => o.id !== org.id);
    const orgChoices = (selected: string[]) => organizationOptions(others, null).map((o) => ({ ...o, selected: selected.includes(o.id) }));

    const appendixIds = new Set(content.appendices.map((a) => a.id));
    const nodeView = (
      node: Part | Appendix | BodyNode,
      parentId: string,
      index: number,
      siblings: (Part | Appendix | BodyNode)[],
    ): Record<string, unknown> => {
      const kind = 'kind' in node ? node.kind : appendixIds.has(node.id) ? 'appendix' : 'part';
      const prev = siblings[index - 1];
      const err = (field: string) => errors[`b.${node.id}.${field}`];
      return {
        id: node.id,
        kind,
        kindName: KIND_NAMES[kind],
        value: `${kind}|${node.id}|${parentId}`,
        label: labels[node.id] ?? '',
        isPart: kind === 'part' || kind === 'appendix',
        isAppendix: kind === 'appendix',
        appendix:
          'attachmentLine' in node
            ? {
                attachmentLine: node.attachmentLine,
                orientations: [
                  ['', 'Tự động (ngang khi bảng rộng)'],
                  ['portrait', 'Dọc'],
                  ['landscape', 'Ngang'],
                ].map(([code, name]) => ({ code, name, selected: (node.orientation ?? '') === code })),
              }
            : null,
        isItem: kind === 'item',
        table: 'kind' in node && node.kind === 'table' ? tableEditorView(node, errors) : null,
        title: 'title' in node ? node.title : '',
        group: 'group' in node && !!node.group,
        heading: 'heading' in node ? (node.heading ?? '') : '',
        text: 'text' in node ? (node.text ?? '') : '',
        isTask: 'task' in node && !!node.task,
        err: { title: err('title'), heading: err('heading'), text: err('text'), node: errors[`b.${node.id}`] },
        first: index === 0,
        last: index === siblings.length - 1,
        canIndent: kind !== 'part' && !!prev && 'kind' in prev && (prev.kind === 'item' || (prev.kind === 'bullet' && kind === 'bullet')),
        canOutdent:
          kind !== 'part' &&
          kind !== 'appendix' &&
          !!parentId &&
          !content.parts.some((p) => p.id === parentId) &&
          !appendixIds.has(parentId) &&
          !(kind !== 'bullet' && isBullet(content, parentId)),
        addKinds: childKinds(node).map((k) => ({ kind: k, name: KIND_NAMES[k] })),
        children: 'children' in node ? (node.children as (Part | BodyNode)[]).map((c, i, all) => nodeView(c, node.id, i, all)) : [],
      };
    };

    const tasks: Record<string, unknown>[] = [];
    const collectTasks = (nodes: BodyNode[]) => {
      for (const n of nodes) {
        if (n.kind === 'item') {
          if (n.task) {
            const tf = n.task.timeframe;
            const err = (field: string) => errors[`b.${n.id}.${field}`];
            tasks.push({
              id: n.id,
              label: labels[n.id] ?? '',
              summary: excerpt(n.heading ?? n.text ?? ''),
              directedBy: n.task.directedBy ?? '',
              carriedOutBy: n.task.carriedOutBy,
              assignees: orgChoices(n.task.assigneeOrganizationIds),
              timeKinds: TIMEFRAME_KINDS.map((k) => ({ code: k, name: TIMEFRAME_NAMES[k], selected: k === tf.kind })),
              timeDate: tf.kind === 'date' ? tf.date : '',
              quarters: [1, 2, 3, 4].map((q) => ({ q, roman: ROMAN[q - 1], checked: tf.kind === 'quarter' && tf.quarters.includes(q) })),
              timeYear: tf.kind === 'quarter' || tf.kind === 'year' ? tf.year : '',
              timeText: tf.text ?? '',
              err: {
                directedBy: err('directedBy'),
                carriedOutBy: err('carriedOutBy'),
                timeKind: err('timeKind'),
                timeDate: err('timeDate'),
                timeQuarters: err('timeQuarters'),
                timeYear: err('timeYear'),
                timeText: err('timeText'),
              },
            });
          }
          collectTasks(n.children);
        }
      }
    };
    content.parts.forEach((p) => collectTasks(p.children));

    const validAuthorities = authorities.filter((a) => a.validFrom <= today && (!a.validTo || a.validTo >= today));
    const checkProblems = (list: FieldProblem[]) => list.map((p) => placeProblem(plan.content, p));
    const drafter = hasRole(actor, 'drafter', plan.organizationId);
    const actions = await this.workflow.actions(actor, plan);
    return {
      actions,
      title: `Soạn thảo: ${plan.summary || 'kế hoạch mới'}`,
      plan: { ...plan, stateLabel: planStateLabel(plan.state) },
      organization: org,
      editable: plan.state === 'draft' && drafter,
      baseVersion: working?.baseVersion ?? plan.currentVersion,
      unsaved: !!working,
      message: working?.message ?? null,
      notice: working?.notice ?? false,
      focus: working?.focus ?? null,
      problems: working?.problems ?? [],
      errors,
      form: {
        documentType: content.documentType,
        summary: content.summary,
        place: content.place ?? '',
        preamble: content.preamble.paragraphs.join('\n'),
        closing: content.closing.join('\n'),
        capacityLines: content.signature.capacityLines.join('\n'),
        signerName: content.signature.signerName,
        signerUserId: content.signature.signerUserId ?? '',
        authorityId: content.signature.authorityId ?? '',
      },
      types: Object.entries(DOCUMENT_TYPES).map(([code, name]) => ({ code, name, selected: code === content.documentType })),
      parts: content.parts.map((p, i, all) => nodeView(p, '', i, all)),
      appendices: content.appendices.map((a, i, all) => nodeView(a, '', i, all)),
      tasks,
      references: content.preamble.references.map((r) => ({
        ...r,
        numberSymbol: r.numberSymbol ?? '',
        date: r.date ?? '',
        issuer: r.issuer ?? '',
        title: r.title ?? '',
        planId: r.planId ?? '',
        err: rowErrors(errors, 'ref', r.id),
      })),
      duties: content.reportingDuties.map((d) => ({
        ...d,
        period: d.period ?? '',
        organizations: organizationOptions(orgs, d.toOrganizationId),
        reporters: orgChoices(d.reporterOrganizationIds),
        err: rowErrors(errors, 'duty', d.id),
      })),
      recipients: content.recipients.map((r, i, all) => ({
        ...r,
        note: r.note ?? '',
        email: r.email ?? '',
        implementationDueDate: r.implementationDueDate ?? '',
        organizations: organizationOptions(others, r.organizationId),
        purposes: RECIPIENT_PURPOSES.map((code) => ({ code, name: RECIPIENT_PURPOSE_LABELS[code], selected: code === r.purpose })),
        first: i === 0,
        last: i === all.length - 1,
        err: rowErrors(errors, 'rcp', r.id),
      })),
      picker: organizationOptions(others, null),
      pickerPurposes: RECIPIENT_PURPOSES.filter((p) => p !== 'archive').map((code) => ({ code, name: RECIPIENT_PURPOSE_LABELS[code] })),
      authorities: validAuthorities.map((a) => ({
        id: a.id,
        label: `${a.userFullName}: ${a.capacityLines.join(' / ')}`,
        selected: a.id === content.signature.authorityId,
      })),
      footnotes: content.footnotes.map((f) => ({ ...f, err: rowErrors(errors, 'fn', f.id) })),
      check: { ...check, errors: checkProblems(check.errors), warnings: checkProblems(check.warnings) },
    };
  }

  /** Saves when the content is valid; returns the version to build on (unchanged when nothing was saved). */
  private async saveQuietly(actor: Actor, id: string, baseVersion: number, content: PlanContent): Promise<number> {
    try {
      return (await this.plans.saveContent(actor, id, { baseVersion, content })).currentVersion;
    } catch (error) {
      if (error instanceof DomainError && ['invalid', 'conflict'].includes(error.kind)) return baseVersion;
      throw error;
    }
  }

  private async opContext(organizationId: string, body: FormBody): Promise<OpContext> {
    const [orgs, authorities] = await Promise.all([this.organizations.list(), this.users.listAuthorities(organizationId)]);
    return {
      organizationNames: new Map(orgs.filter((o: OrganizationDto) => o.id !== organizationId).map((o) => [o.id, o.fullName])),
      authorities: new Map(authorities.map((a) => [a.id, { capacityLines: a.capacityLines, userId: a.userId, userFullName: a.userFullName }])),
      picked: {
        organizationIds: list(body, 'pick.orgs'),
        purpose: text(body, 'pick.purpose'),
        mustImplement: text(body, 'pick.implement') === 'on',
        note: optional(body, 'pick.note'),
        authorityId: text(body, 'sig.choose'),
      },
    };
  }
}

function isBullet(content: PlanContent, id: string): boolean {
  const walk = (nodes: BodyNode[]): boolean | null => {
    for (const n of nodes) {
      if (n.id === id) return n.kind === 'bullet';
      if (n.kind === 'item' || n.kind === 'bullet') {
        const found = walk(n.children as BodyNode[]);
        if (found !== null) return found;
      }
    }
    return null;
  };
  for (const part of content.parts) {
    const found = walk(part.children);
    if (found !== null) return found;
  }
  return false;
}

function rowErrors(errors: Record<string, string>, area: string, id: string): Record<string, string> {
  const prefix = `${area}.${id}.`;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (field.startsWith(prefix)) out[field.slice(prefix.length)] = message;
  if (errors[`${area}.${id}`]) out.row = errors[`${area}.${id}`];
  return out;
}

function excerpt(value: string): string {
  return value.length > 90 ? `${value.slice(0, 87)}...` : value;
}
