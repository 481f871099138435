/**
 * Every kind of notice a person finds in the one inbox (hộp thông báo), with the domain that
 * writes it and its Vietnamese label. Kinds stay distinguishable: a client filters by kind or
 * by source.
 */
export const INBOX_NOTICE_KINDS = [
  // workflow: requests to act, returns, reminders
  'consultation_request',
  'consultation_closed',
  'review_request',
  'signature_request',
  'returned',
  'signed',
  'reminder',
  'escalation',
  // distribution: "Có văn bản đến", and its revocation
  'incoming_document',
  'plan_revoked',
  'plan_replaced',
  // cascade: a child plan to draft, its due date near, a child overdue
  'child_plan_assigned',
  'due_reminder',
  'overdue',
  'parent_revoked',
  'parent_replaced',
] as const;
export type InboxNoticeKind = (typeof INBOX_NOTICE_KINDS)[number];

export const INBOX_SOURCES = ['workflow', 'distribution', 'cascade'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

export const INBOX_KIND_INFO: Record<InboxNoticeKind, { source: InboxSource; label: string }> = {
  consultation_request: { source: 'workflow', label: 'Xin ý kiến góp ý' },
  consultation_closed: { source: 'workflow', label: 'Kết thúc lấy ý kiến' },
  review_request: { source: 'workflow', label: 'Đề nghị thẩm định' },
  signature_request: { source: 'workflow', label: 'Trình ký' },
  returned: { source: 'workflow', label: 'Trả lại dự thảo' },
  signed: { source: 'workflow', label: 'Đã ký' },
  reminder: { source: 'workflow', label: 'Nhắc việc' },
  escalation: { source: 'workflow', label: 'Báo cấp trên' },
  incoming_document: { source: 'distribution', label: 'Văn bản đến' },
  plan_revoked: { source: 'distribution', label: 'Thu hồi văn bản' },
  plan_replaced: { source: 'distribution', label: 'Văn bản được thay thế' },
  child_plan_assigned: { source: 'cascade', label: 'Kế hoạch cần xây dựng' },
  due_reminder: { source: 'cascade', label: 'Sắp đến hạn' },
  overdue: { source: 'cascade', label: 'Quá hạn' },
  parent_revoked: { source: 'cascade', label: 'Văn bản cấp trên đã bị thu hồi' },
  parent_replaced: { source: 'cascade', label: 'Văn bản cấp trên đã được thay thế' },
};

/** The kinds one domain writes. */
export function kindsOf(source: InboxSource): InboxNoticeKind[] {
  return INBOX_NOTICE_KINDS.filter((kind) => INBOX_KIND_INFO[kind].source === source);
}
