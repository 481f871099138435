import { Injectable } from '@nestjs/common';
import { Actor, audits, csvCell } from '@app/common';
import { AuditEventDto, AuditService } from '@app/audit';
import { documentTypeName, PlansService } from '@app/plans';
import { PlanWorkflowQueriesService } from '@app/workflow';
import { PLAN_EVENT_LABELS, planStateLabel } from '@workflows/plan-labels';
import { LATEST_PLAN_MACHINE_VERSION, planMachineVersion } from '@workflows/index';
import { viDateTime } from '../view-helpers';
import { buildStatechart, MachineDefinition } from './statechart';

/** Events of the trail that are not transitions of the machine. */
const OTHER_EVENTS: Record<string, string> = {
  CREATED: 'Tạo dự thảo',
  CONTENT_SAVED: 'Lưu nội dung',
  STEP_UP_FAILED: 'Nhập sai mật khẩu khi ký',
  JOB_COMPLETED: 'Hệ thống hoàn thành việc nền',
  JOB_FAILED: 'Việc nền bị lỗi, sẽ thử lại',
  JOB_REJECTED: 'Việc nền bị từ chối',
  NUMBER_VOIDED: 'Hủy số đã cấp',
  DELIVERY_RESENT: 'Gửi lại văn bản',
  INCOMING_ACKNOWLEDGED: 'Nơi nhận xác nhận đã nhận',
  INCOMING_HANDLING_REPORTED: 'Nơi nhận báo cáo xử lý',
  REVIEW_CHAIN_CHANGED: 'Đổi quy trình duyệt',
  DELEGATED: 'Ủy quyền ký',
  CORRECTION_ISSUED: 'Ban hành văn bản đính chính',
  REPLACEMENT_STARTED: 'Soạn văn bản thay thế',
};

/** An approval names its review step ("Duyệt nội dung", "Kiểm tra thể thức"), recorded with the event. */
export function eventName(event: string, data?: Record<string, unknown> | null): string {
  if (event === 'APPROVE' && typeof data?.label === 'string' && data.label) return data.label;
  if (event === 'CORRECTION_ISSUED' && typeof data?.numberSymbol === 'string') {
    const type = documentTypeName(String(data.documentType), 'Văn bản');
    return `Đã đính chính bởi ${type} số ${data.numberSymbol}`;
  }
  return PLAN_EVENT_LABELS[event] ?? OTHER_EVENTS[event] ?? event;
}

const CSV_COLUMNS = [
  'seq',
  'at',
  'atVietnam',
  'actorId',
  'actorName',
  'event',
  'eventName',
  'fromState',
  'toState',
  'reason',
  'contentVersion',
  'contentSha256',
  'requestId',
  'prevHash',
  'hash',
  'data',
];

/** A plan's history as CSV (UTF-8 with BOM, so that spreadsheet programs read the Vietnamese). */
export function historyCsv(events: AuditEventDto[]): string {
  const rows = events.map((e) =>
    [
      e.seq,
      e.at,
      viDateTime(e.at),
      e.actorId,
      e.actorName,
      e.event,
      eventName(e.event, e.data),
      e.fromState,
      e.toState,
      e.reason,
      e.contentVersion,
      e.contentSha256,
      e.requestId,
      e.prevHash,
      e.hash,
      e.data,
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The auditor's pages: a plan's history as a timeline, the statechart with the path taken, the verification of the chain. */
@Injectable()
export class AuditViewsService {
  constructor(
    private readonly plans: PlansService,
    private readonly queries: PlanWorkflowQueriesService,
    private readonly audit: AuditService,
  ) {}

  async history(actor: Actor, id: string): Promise<AuditEventDto[]> {
    return this.queries.history(actor, id);
  }

  /** `all`: every event; otherwise a run of content saves by one person shows as one line. */
  async historyPage(actor: Actor, id: string, all = false) {
    const plan = await this.plans.get(actor, id);
    const events = await this.queries.history(actor, id);
    const path = events.filter((e) => e.fromState || e.toState).map((e) => ({ from: e.fromState, to: e.toState, event: e.event }));
    const chart = buildStatechart(planMachineVersion(LATEST_PLAN_MACHINE_VERSION).machine.config as MachineDefinition, plan.state, path);
    const auditor = audits(actor, plan.organizationId);
    const report = auditor ? await this.audit.verify([plan.organizationId]) : null;
    const broken = report?.broken.find((b) => b.planId === id) ?? null;
    const views = events.map((e) => ({
      ...e,
      eventName: eventName(e.event, e.data),
      fromLabel: e.fromState ? planStateLabel(e.fromState) : null,
      toLabel: e.toState ? planStateLabel(e.toState) : null,
      moved: !!e.fromState && !!e.toState && e.fromState !== e.toState,
      shortHash: e.hash.slice(0, 12),
      shortContent: e.contentSha256?.slice(0, 12) ?? null,
      system: e.actorId === null,
      broken: broken?.seq === e.seq,
      savedRun: null as null | { count: number; fromVersion: number | null; toVersion: number | null; firstAt: string },
    }));
    const shown: typeof views = [];
    for (const view of views) {
      const last = shown[shown.length - 1];
      if (
        !all &&
        view.event === 'CONTENT_SAVED' &&
        last?.event === 'CONTENT_SAVED' &&
        last.actorId === view.actorId &&
        !view.broken &&
        !last.broken
      ) {
        const run = last.savedRun ?? { count: 1, fromVersion: last.contentVersion, toVersion: last.contentVersion, firstAt: last.at };
        shown[shown.length - 1] = { ...view, savedRun: { ...run, count: run.count + 1, toVersion: view.contentVersion } };
      } else shown.push(view);
    }
    return {
      title: `Lịch sử: ${plan.summary || 'kế hoạch'}`,
      plan: { ...plan, stateLabel: planStateLabel(plan.state) },
      events: shown,
      total: events.length,
      collapsed: shown.length < events.length,
      all,
      chart,
      auditor,
      report,
      broken,
    };
  }

  /** The auditor's start: the verification of every chain and the plans to look into. */
  async overview(actor: Actor, q?: string) {
    const [report, list] = await Promise.all([
      this.audit.verify(actor.auditedOrganizations ?? []),
      this.plans.list(actor, { q: q || undefined, pageSize: 50 }),
    ]);
    return {
      title: 'Kiểm tra, giám sát',
      report,
      q: q ?? '',
      plans: list.items.map((p) => ({ ...p, stateLabel: planStateLabel(p.state) })),
      total: list.total,
    };
  }
}
