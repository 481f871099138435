/** How states and events read in the UI and in messages (Vietnamese). */
export const PLAN_STATE_LABELS: Record<string, string> = {
  draft: 'Dự thảo',
  consultation: 'Đang xin ý kiến',
  review: 'Đang duyệt',
  awaitingSignature: 'Chờ ký',
  signed: 'Đã ký',
  numbered: 'Đã cấp số',
  issued: 'Đã ban hành',
  distributing: 'Đang phát hành',
  distributed: 'Đã phát hành',
  cancelled: 'Đã hủy',
};

export const PLAN_EVENT_LABELS: Record<string, string> = {
  SUBMIT: 'Trình duyệt',
  CIRCULATE: 'Xin ý kiến',
  COMMENT: 'Góp ý',
  NO_COMMENT: 'Không có ý kiến',
  DEADLINE: 'Hết hạn góp ý',
  RESOLVE_COMMENT: 'Tiếp thu / giải trình góp ý',
  APPROVE: 'Duyệt',
  RETURN: 'Trả lại',
  SIGN: 'Ký ban hành',
  WITHDRAW: 'Rút lại',
  CANCEL: 'Hủy',
  NUMBERED: 'Cấp số',
  ISSUED: 'Ban hành',
  DISTRIBUTION_STARTED: 'Bắt đầu phát hành',
  DISTRIBUTED: 'Phát hành xong',
};

export function planStateLabel(state: string): string {
  return PLAN_STATE_LABELS[state] ?? state;
}
