import { INBOX_KIND_INFO, INBOX_NOTICE_KINDS, InboxNoticeDto } from '@app/inbox';
import { inboxSection, noticeHref } from './inbox-section';

const PLAN = '11111111-1111-4111-8111-111111111111';
const DOC = '22222222-2222-4222-8222-222222222222';

function notice(kind: InboxNoticeDto['kind'], read = false): InboxNoticeDto {
  const info = INBOX_KIND_INFO[kind];
  return {
    id: `${kind}-id`,
    kind,
    source: info.source,
    kindLabel: info.label,
    planId: PLAN,
    organizationId: null,
    incomingDocumentId: kind === 'incoming_document' || kind === 'plan_revoked' || kind === 'plan_replaced' ? DOC : null,
    dueDate: null,
    message: kind,
    createdAt: '2026-12-06T00:00:00.000Z',
    readAt: read ? '2026-12-06T01:00:00.000Z' : null,
  };
}

describe('the inbox section of the work page', () => {
  it('leads each kind to the page where the person acts on it', () => {
    expect(Object.fromEntries(INBOX_NOTICE_KINDS.map((kind) => [kind, noticeHref(notice(kind))]))).toEqual({
      consultation_request: `/plans/${PLAN}/consult`,
      consultation_closed: `/plans/${PLAN}`,
      review_request: `/plans/${PLAN}/review`,
      signature_request: `/plans/${PLAN}/sign`,
      returned: `/plans/${PLAN}/edit`,
      signed: `/plans/${PLAN}`,
      reminder: `/plans/${PLAN}`,
      escalation: `/plans/${PLAN}`,
      incoming_document: `/incoming#in-${DOC}`,
      child_plan_assigned: `/plans/${PLAN}/edit`,
      due_reminder: `/plans/${PLAN}`,
      overdue: `/plans/${PLAN}`,
      plan_revoked: `/incoming#in-${DOC}`,
      plan_replaced: `/incoming#in-${DOC}`,
      parent_revoked: `/plans/${PLAN}`,
      parent_replaced: `/plans/${PLAN}`,
    });
    // the replacement told to a recipient of the new plan only: no copy of the old one, the new plan itself
    expect(noticeHref({ kind: 'plan_replaced', planId: PLAN, incomingDocumentId: null })).toBe(`/plans/${PLAN}`);
    expect(noticeHref({ kind: 'reminder', planId: null, incomingDocumentId: null })).toBeNull();
  });

  it('shows as many as it has room for and says how many unread are left out', () => {
    const notices = [...Array.from({ length: 12 }, () => notice('review_request')), notice('signed', true)];
    const section = inboxSection(notices, 12, 10);
    expect(section.notices).toHaveLength(10);
    expect(section.notices.every((n) => n.unread && n.kindLabel === 'Đề nghị thẩm định')).toBe(true);
    expect(section.moreUnread).toBe(2);
    expect(inboxSection([notice('signed', true)], 0).notices[0]).toMatchObject({ unread: false, href: `/plans/${PLAN}`, source: 'workflow' });
  });
});
