/** Ways a plan reaches a recipient line (see shared domain.md, "Exchange between systems"). */
export const DELIVERY_CHANNELS = ['inbox', 'email', 'webhook', 'archive'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * What a delivery carries: the issued plan itself, or the notice that it was revoked (thu hồi),
 * sent later through the same channel to every recipient the plan reached.
 */
export const DELIVERY_PURPOSES = ['issue', 'revocation', 'replacement'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

export const DELIVERY_PURPOSE_LABEL: Record<DeliveryPurpose, string> = {
  issue: 'Gửi văn bản',
  revocation: 'Thông báo thu hồi',
  replacement: 'Thông báo thay thế',
};

/**
 * queued: waiting for its first attempt; sent: an attempt has handed it to its channel and its
 * outcome is not recorded yet (a `sent` delivery whose claim expired was interrupted by a crash
 * and is attempted again); delivered: the channel took it; acknowledged: the receiving body
 * said "đã nhận"; failed: the last attempt failed and another is scheduled; dead: out of
 * attempts, waiting for a clerk to resend it.
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'acknowledged', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A delivery has ended when nothing more will happen to it without a person: delivered,
 * acknowledged, or dead. A plan is `distributed` when every delivery has ended; dead ones
 * are counted and shown, and a clerk may still resend them.
 */
export const ENDED_STATUSES: readonly DeliveryStatus[] = ['delivered', 'acknowledged', 'dead'];
/** The others: still to happen (the partial index idx_delivery_open_by_plan lists them too). */
export const OPEN_STATUSES: readonly DeliveryStatus[] = ['queued', 'sent', 'failed'];

/** Handling status reported by the receiving body, with the edXML (QCVN 102:2016) status codes. */
export const HANDLING_STATUSES = ['arrived', 'rejected', 'accepted', 'assigned', 'in_progress', 'done'] as const;
export type HandlingStatus = (typeof HANDLING_STATUSES)[number];

export const EDXML_STATUS_CODE: Record<HandlingStatus, string> = {
  arrived: '01',
  rejected: '02',
  accepted: '03',
  assigned: '04',
  in_progress: '05',
  done: '06',
};

export const HANDLING_STATUS_LABEL: Record<HandlingStatus, string> = {
  arrived: 'Đã đến',
  rejected: 'Từ chối tiếp nhận',
  accepted: 'Đã tiếp nhận',
  assigned: 'Đã phân công',
  in_progress: 'Đang xử lý',
  done: 'Hoàn thành',
};

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  queued: 'Đang chờ gửi',
  sent: 'Đang gửi',
  delivered: 'Đã đến',
  acknowledged: 'Đã nhận',
  failed: 'Lỗi, đang thử lại',
  dead: 'Gửi không thành công',
};

export const CHANNEL_LABEL: Record<DeliveryChannel, string> = {
  inbox: 'Hộp văn bản đến',
  email: 'Thư điện tử',
  webhook: 'Kết nối liên thông (webhook)',
  archive: 'Lưu',
};

/** Accepts the English code or the edXML number ("05" or "in_progress"). */
export function parseHandlingStatus(value: string): HandlingStatus | null {
  if ((HANDLING_STATUSES as readonly string[]).includes(value)) return value as HandlingStatus;
  const found = Object.entries(EDXML_STATUS_CODE).find(([, code]) => code === value);
  return found ? (found[0] as HandlingStatus) : null;
}

/**
 * What a receiving body may report next. Reporting a later step implies the earlier ones
 * (assigning a document accepts it); rejected and done are final.
 */
export const HANDLING_NEXT: Record<HandlingStatus, HandlingStatus[]> = {
  arrived: ['accepted', 'rejected', 'assigned', 'in_progress', 'done'],
  accepted: ['assigned', 'in_progress', 'done'],
  assigned: ['in_progress', 'done'],
  in_progress: ['done'],
  rejected: [],
  done: [],
};
