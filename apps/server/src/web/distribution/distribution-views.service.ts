import { Injectable } from '@nestjs/common';
import { Actor } from '@app/common';
import { AppConfig } from '@app/config';
import { CascadeLinksService } from '@app/cascade';
import {
  DeliveriesService,
  DeliveryDto,
  emailEnabled,
  HANDLING_STATUS_LABEL,
  IncomingDocumentDto,
  IncomingService,
  incomingOrganizations,
  PlanDeliveriesDto,
} from '@app/distribution';
import { OrganizationsService } from '@app/identity';
import { PlansService } from '@app/plans';
import { planStateLabel } from '@workflows/plan-labels';
import { viDate, viDateTime } from '../view-helpers';

export interface IncomingFilter {
  organizationId?: string;
  unacknowledged?: boolean;
}

export interface IncomingDocumentView {
  id: string;
  heading: string;
  summary: string;
  /** "Nơi gửi: … · nhận lúc … · ngày văn bản …". */
  origin: string;
  acknowledged: boolean;
  acknowledgedLabel: string;
  handlingStatusLabel: string;
  handlingNote: string | null;
  pdfHref: string;
  statusOptions: { value: string; label: string }[];
  /** The receiving organization's implementing plan, once the cascade drafted it. */
  childPlan: { href: string; label: string } | null;
  /** The sender revoked it: "Đã thu hồi ngày …", the reason, and whether the notice was acknowledged. */
  revoked: { label: string; reason: string; acknowledged: boolean; acknowledgedLabel: string } | null;
  /** The sender replaced it: "Đã được thay thế bởi văn bản số …", and where the replacing plan is. */
  replaced: { label: string; href: string } | null;
}

/** Văn bản đến, drawn by the server. */
export interface IncomingPageView {
  title: string;
  organizations: { id: string; fullName: string; selected: boolean }[];
  /** "Mọi đơn vị của tôi" when the person keeps more than one inbox. */
  allOption: boolean;
  unacknowledgedOnly: boolean;
  /** What the filter found, in a sentence. */
  count: string;
  documents: IncomingDocumentView[];
  /** The page with its filter, where the forms come back to. */
  back: string;
}

export interface DeliveryRowView {
  /** The recipient's name on its first delivery's row (spanning the others). */
  recipient: string | null;
  rowspan: number;
  channel: string;
  statusLabel: string;
  status: string;
  badge: string;
  attempts: number;
  note: string;
  resend: { deliveryId: string; label: string } | null;
}

/** The distribution board of one plan, drawn by the server (a script refreshes it while deliveries run). */
export interface DistributionBoardView {
  title: string;
  plan: { id: string; numberSymbol: string | null; summary: string; stateLabel: string };
  percent: number;
  counts: string;
  /** How far the revocation notices went, once the plan was revoked. */
  revocationCounts: string | null;
  rows: DeliveryRowView[];
  /** Deliveries still under way: the page refreshes itself. */
  live: boolean;
  refreshSeconds: number | null;
  /** Why there are no e-mail deliveries, when the installation has no mail server. */
  mailNotice: string | null;
}

/** States between the signature and the end of distribution, while the deliveries may not exist yet. */
const ON_THE_WAY = ['awaitingIssue', 'signed', 'numbered', 'issued', 'distributing'];

const BADGE: Partial<Record<DeliveryDto['status'], string>> = {
  delivered: 'badge-ok',
  acknowledged: 'badge-ok',
  failed: 'badge-warn',
  dead: 'badge-err',
};

/** View models of văn bản đến and the distribution board, from the distribution domain's exported services. */
@Injectable()
export class DistributionViewsService {
  constructor(
    private readonly incoming: IncomingService,
    private readonly deliveries: DeliveriesService,
    private readonly links: CascadeLinksService,
    private readonly organizations: OrganizationsService,
    private readonly plans: PlansService,
    private readonly config: AppConfig,
  ) {}

  async incomingPage(actor: Actor, filter: IncomingFilter): Promise<IncomingPageView> {
    const mine = new Set(incomingOrganizations(actor));
    const organizations = (await this.organizations.list()).filter((o) => mine.has(o.id));
    const page = await this.incoming.list(actor, {
      organizationId: filter.organizationId,
      unacknowledged: filter.unacknowledged ? 'true' : undefined,
    });
    const waiting = page.items.filter((d) => !d.acknowledgedAt && !d.revokedAt).length;
    const revoked = page.items.filter((d) => d.revokedAt).length;
    const query = new URLSearchParams();
    if (filter.organizationId) query.set('organizationId', filter.organizationId);
    if (filter.unacknowledged) query.set('unacknowledged', 'true');
    return {
      title: 'Văn bản đến',
      organizations: organizations.map((o) => ({ id: o.id, fullName: o.fullName, selected: o.id === filter.organizationId })),
      allOption: organizations.length !== 1,
      unacknowledgedOnly: !!filter.unacknowledged,
      count: `${page.total} văn bản đến${waiting ? `, ${waiting} chưa xác nhận` : ''}${revoked ? `, ${revoked} đã bị thu hồi` : ''}.`,
      documents: await Promise.all(page.items.map((doc) => this.documentView(actor, doc))),
      back: `/incoming${query.size ? `?${query}` : ''}`,
    };
  }

  private async documentView(actor: Actor, doc: IncomingDocumentDto): Promise<IncomingDocumentView> {
    const children = await this.links.children(actor, doc.planId);
    const child = children.find((c) => c.organization.id === doc.organizationId);
    const drafts = actor.memberships.some((m) => m.organizationId === doc.organizationId && m.roles.includes('drafter'));
    return {
      id: doc.id,
      heading: `${doc.documentTypeName}${doc.numberSymbol ? ` số ${doc.numberSymbol}` : ''}`,
      summary: doc.summary,
      origin: `Nơi gửi: ${doc.senderName} · nhận lúc ${viDateTime(doc.receivedAt)}${doc.issuedOn ? ` · ngày văn bản ${viDate(doc.issuedOn)}` : ''}`,
      acknowledged: !!doc.acknowledgedAt,
      acknowledgedLabel: doc.acknowledgedAt ? `Đã xác nhận ${viDateTime(doc.acknowledgedAt)}` : 'Chưa xác nhận',
      handlingStatusLabel: doc.handlingStatusLabel,
      handlingNote: doc.handlingNote,
      pdfHref: `/api/plans/${doc.planId}/pdf`,
      statusOptions: doc.allowedStatuses.map((s) => ({ value: s, label: HANDLING_STATUS_LABEL[s] })),
      childPlan: child
        ? {
            href: `/plans/${child.id}${drafts && child.state === 'draft' ? '/edit' : ''}`,
            label: `Kế hoạch triển khai của đơn vị${child.dueDate ? ` (hạn ${viDate(child.dueDate)})` : ''}`,
          }
        : null,
      revoked: doc.revokedAt
        ? {
            label: `Đã thu hồi ${viDateTime(doc.revokedAt)}${doc.revocationDecision ? ` theo Quyết định số ${doc.revocationDecision}` : ''}`,
            reason: doc.revocationReason ?? '',
            acknowledged: !!doc.revocationAcknowledgedAt,
            acknowledgedLabel: doc.revocationAcknowledgedAt
              ? `Đã nhận thông báo thu hồi ${viDateTime(doc.revocationAcknowledgedAt)}`
              : 'Chưa xác nhận thông báo thu hồi',
          }
        : null,
      // thay thế: the copy stays, the replacing plan is the one in force
      replaced: doc.replacedAt
        ? {
            label: `Đã được thay thế bởi văn bản số ${doc.replacedByNumberSymbol ?? ''} (${viDateTime(doc.replacedAt)})`,
            href: `/plans/${doc.replacedByPlanId}`,
          }
        : null,
    };
  }

  async board(actor: Actor, planId: string): Promise<DistributionBoardView> {
    const [plan, data] = await Promise.all([this.plans.get(actor, planId), this.deliveries.forPlan(actor, planId)]);
    const c = data.counts;
    const r = data.revocationCounts;
    const live = c.ended < c.total || (c.total === 0 && ON_THE_WAY.includes(data.state)) || (!!r && r.ended < r.total);
    return {
      title: `Phát hành: ${plan.numberSymbol ?? plan.summary}`,
      plan: { id: plan.id, numberSymbol: plan.numberSymbol, summary: plan.summary, stateLabel: planStateLabel(plan.state) },
      percent: c.percent,
      counts:
        `Đã xong ${c.ended}/${c.total} (${c.percent}%): đã đến ${c.delivered}, đã xác nhận ${c.acknowledged}, ` +
        `đang chờ ${c.queued}, đã gửi ${c.sent}, lỗi đang thử lại ${c.failed}, hỏng hẳn ${c.dead}.`,
      revocationCounts: r
        ? `Thông báo thu hồi: đã xong ${r.ended}/${r.total} (${r.percent}%), đã xác nhận đã nhận ${r.acknowledged}, lỗi đang thử lại ${r.failed}, hỏng hẳn ${r.dead}.`
        : null,
      rows: boardRows(data),
      live,
      refreshSeconds: live ? 3 : null,
      // Told once, on the board, in an office's words: no mail server, no e-mail deliveries at all.
      mailNotice: emailEnabled(this.config)
        ? null
        : 'Hệ thống chưa có hộp thư điện tử để gửi đi: văn bản đến các đơn vị qua mục “Văn bản đến” trong hệ thống; nơi nhận ngoài hệ thống cần gửi theo cách khác (bản giấy).',
    };
  }
}

function boardRows(data: PlanDeliveriesDto): DeliveryRowView[] {
  const rows: DeliveryRowView[] = [];
  for (const r of data.recipients) {
    if (!r.deliveries.length) {
      const label = r.paperOnly ? 'Gửi bản giấy' : 'Không gửi';
      rows.push({ recipient: r.name, rowspan: 1, channel: label, statusLabel: '', status: 'paper', badge: '', attempts: 0, note: '', resend: null });
      continue;
    }
    r.deliveries.forEach((d, i) => {
      const retry = d.nextAttemptAt && d.status === 'failed' ? ` · thử lại lúc ${viDateTime(d.nextAttemptAt)}` : '';
      rows.push({
        recipient: i === 0 ? r.name : null,
        rowspan: r.deliveries.length,
        channel: `${d.channelLabel}${d.target ? ` (${d.target})` : ''}`,
        statusLabel: d.statusLabel,
        status: d.status,
        badge: BADGE[d.status] ?? '',
        attempts: d.attempts,
        note: `${d.lastError ?? ''}${retry}${d.acknowledgedAt ? `Xác nhận lúc ${viDateTime(d.acknowledgedAt)}` : ''}`,
        resend: d.canResend ? { deliveryId: d.id, label: `Gửi lại cho ${r.name} qua ${d.channelLabel}` } : null,
      });
    });
  }
  return rows;
}
