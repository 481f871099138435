import { citedDate, parseIsoDate } from '@app/common';

/** What every channel says about an issued plan: fixed once the plan is issued. */
export interface IssuedPlanFacts {
  planId: string;
  documentType: string;
  /** "Kế hoạch". */
  documentTypeName: string;
  number: number | null;
  /** "04-KH/BCĐ". */
  numberSymbol: string;
  /** ISO date of the date line. */
  issuedOn: string;
  summary: string;
  pdfSha256: string;
  issuer: { id: string; code: string; fullName: string };
}

/** What the revocation notice says (plan columns written by REVOKE): fixed once revoked. */
export interface RevocationFacts {
  /** ISO instant. */
  revokedAt: string;
  reason: string;
  /** "12-QĐ/TU", or null. */
  decisionNumber: string | null;
}

/** What the replacement notice says: the plan that replaces this one, fixed once it is issued. */
export interface ReplacementFacts {
  planId: string;
  documentTypeName: string;
  /** "05-KH/BCĐ". */
  numberSymbol: string;
  /** ISO date of its date line. */
  issuedOn: string;
  summary: string;
}

/** "Kế hoạch số 04-KH/BCĐ ngày 24/01/2024: triển khai ...": the mail subject. */
export function mailSubject(plan: IssuedPlanFacts): string {
  return `${plan.documentTypeName} số ${plan.numberSymbol} ngày ${citedDate(parseIsoDate(plan.issuedOn))}: ${oneLine(plan.summary)}`;
}

export function mailText(plan: IssuedPlanFacts, recipientName: string, viewUrl: string): string {
  return [
    `Kính gửi: ${recipientName}`,
    '',
    `${plan.issuer.fullName} gửi ${plan.documentTypeName.toLowerCase()} số ${plan.numberSymbol} ngày ${citedDate(parseIsoDate(plan.issuedOn))} về ${oneLine(plan.summary)}.`,
    'Văn bản gốc (PDF có chữ ký số) được đính kèm thư này.',
    `Xem trên hệ thống: ${viewUrl}`,
    '',
    'Thư được gửi tự động, xin không trả lời thư này.',
  ].join('\n');
}

/** "Thu hồi Kế hoạch số 04-KH/BCĐ ngày 24/01/2024: triển khai ...": the subject of the revocation notice. */
export function revocationMailSubject(plan: IssuedPlanFacts): string {
  return `Thu hồi ${mailSubject(plan)}`;
}

/** The revocation notice (Nghị định 30 Art. 18: electronic recipients delete the copy and tell the sender). */
export function revocationMailText(plan: IssuedPlanFacts, revocation: RevocationFacts, recipientName: string, viewUrl: string): string {
  const cited = `${plan.documentTypeName.toLowerCase()} số ${plan.numberSymbol} ngày ${citedDate(parseIsoDate(plan.issuedOn))}`;
  return [
    `Kính gửi: ${recipientName}`,
    '',
    `${plan.issuer.fullName} thông báo thu hồi ${cited} về ${oneLine(plan.summary)}${revocation.decisionNumber ? ` (theo Quyết định số ${revocation.decisionNumber})` : ''}.`,
    `Lý do: ${oneLine(revocation.reason)}`,
    'Đề nghị quý cơ quan hủy bản điện tử đã nhận, không tiếp tục thực hiện văn bản này và xác nhận đã nhận thông báo thu hồi.',
    `Xem trên hệ thống: ${viewUrl}`,
    '',
    'Thư được gửi tự động, xin không trả lời thư này.',
  ].join('\n');
}

/** "Thay thế Kế hoạch số 04-KH/BCĐ ngày 24/01/2024: triển khai ...": the subject of the replacement notice. */
export function replacementMailSubject(plan: IssuedPlanFacts): string {
  return `Thay thế ${mailSubject(plan)}`;
}

/** The replacement notice (Nghị định 30 Art. 18): the old document is no longer in force, the new one is. */
export function replacementMailText(plan: IssuedPlanFacts, replacement: ReplacementFacts, recipientName: string, viewUrl: string): string {
  const cited = `${plan.documentTypeName.toLowerCase()} số ${plan.numberSymbol} ngày ${citedDate(parseIsoDate(plan.issuedOn))}`;
  const by = `${replacement.documentTypeName} số ${replacement.numberSymbol} ngày ${citedDate(parseIsoDate(replacement.issuedOn))}`;
  return [
    `Kính gửi: ${recipientName}`,
    '',
    `${plan.issuer.fullName} thông báo ${cited} về ${oneLine(plan.summary)} đã được thay thế bằng ${by} về ${oneLine(replacement.summary)}.`,
    `Kể từ ngày ${citedDate(parseIsoDate(replacement.issuedOn))}, ${plan.documentTypeName.toLowerCase()} số ${plan.numberSymbol} hết hiệu lực; đề nghị quý cơ quan thực hiện theo văn bản thay thế.`,
    `Xem trên hệ thống: ${viewUrl}`,
    '',
    'Thư được gửi tự động, xin không trả lời thư này.',
  ].join('\n');
}

/** File name of the attached PDF: "04-KH-BCĐ.pdf" (no slash in file names). */
export function pdfFileName(plan: IssuedPlanFacts): string {
  return `${plan.numberSymbol.replace(/[\\/:*?"<>|\s]+/g, '-')}.pdf`;
}

/** Stable Message-ID of a delivery's mail: a resend carries the same id, so a repeat is recognizable. */
export function deliveryMessageId(deliveryId: string): string {
  return `<${deliveryId}@kehoach>`;
}

/**
 * The webhook body: the same bytes on every attempt of one delivery (no send time in it), so the
 * receiver can compare repeats and the signature stays the same.
 */
export function webhookPayload(
  plan: IssuedPlanFacts,
  delivery: { id: string; recipientId: string; recipientName: string },
  pdfUrl: string,
  revocation: RevocationFacts | null = null,
  replacement: ReplacementFacts | null = null,
): string {
  return JSON.stringify({
    event: revocation ? 'plan.revoked' : replacement ? 'plan.replaced' : 'plan.issued',
    deliveryId: delivery.id,
    // edXML's BussinessDocType: new, revoke (thu hồi), replace (thay thế)
    businessType: revocation ? 'revoke' : replacement ? 'replace' : 'new',
    ...(revocation ? { revocation } : {}),
    ...(replacement ? { replacedBy: replacement } : {}),
    recipient: { id: delivery.recipientId, name: delivery.recipientName },
    plan: {
      id: plan.planId,
      documentType: plan.documentType,
      documentTypeName: plan.documentTypeName,
      number: plan.number,
      numberSymbol: plan.numberSymbol,
      issuedOn: plan.issuedOn,
      summary: plan.summary,
      issuer: plan.issuer,
      pdfSha256: plan.pdfSha256,
      pdfUrl,
    },
  });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
