import { InboxNoticeDto, InboxSource } from '@app/inbox';

/** One notice as the work page shows it. */
export interface InboxNoticeView {
  id: string;
  kindLabel: string;
  source: InboxSource;
  message: string;
  /** Where the notice leads (the plan at the step it asks for, the incoming document), if anywhere. */
  href: string | null;
  createdAt: string;
  unread: boolean;
}

/** "Thông báo": the person's one inbox, on the work page. */
export interface InboxSectionView {
  unread: number;
  notices: InboxNoticeView[];
  /** Unread notices not shown for want of room. */
  moreUnread: number;
}

/** The page a notice of each kind leads to: the step it asks for, else the plan. */
export function noticeHref(notice: Pick<InboxNoticeDto, 'kind' | 'planId' | 'incomingDocumentId'>): string | null {
  // A document received, or the notice of its revocation or replacement: its copy in Văn bản đến (the receipt, the link to
  // the replacing plan); a recipient of the replacing plan only has no copy and goes to that plan.
  if (notice.kind === 'incoming_document' || ((notice.kind === 'plan_revoked' || notice.kind === 'plan_replaced') && notice.incomingDocumentId)) {
    return notice.incomingDocumentId ? `/incoming#in-${notice.incomingDocumentId}` : '/incoming';
  }
  if (!notice.planId) return null;
  const plan = `/plans/${notice.planId}`;
  switch (notice.kind) {
    case 'consultation_request':
      return `${plan}/consult`;
    case 'review_request':
      return `${plan}/review`;
    case 'signature_request':
      return `${plan}/sign`;
    case 'returned':
    case 'child_plan_assigned':
      return `${plan}/edit`;
    default:
      return plan;
  }
}

/** The newest notices, unread first, as many as the section shows. */
export function inboxSection(notices: InboxNoticeDto[], unread: number, shown = 10): InboxSectionView {
  const views = notices.slice(0, shown).map((n) => ({
    id: n.id,
    kindLabel: n.kindLabel,
    source: n.source,
    message: n.message,
    href: noticeHref(n),
    createdAt: n.createdAt,
    unread: !n.readAt,
  }));
  return { unread, notices: views, moreUnread: Math.max(0, unread - views.filter((v) => v.unread).length) };
}
