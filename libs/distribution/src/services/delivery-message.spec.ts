import {
  deliveryMessageId,
  IssuedPlanFacts,
  mailSubject,
  mailText,
  pdfFileName,
  ReplacementFacts,
  replacementMailSubject,
  replacementMailText,
  RevocationFacts,
  revocationMailSubject,
  revocationMailText,
  webhookPayload,
} from './delivery-message';

const plan: IssuedPlanFacts = {
  planId: '5c1d6b1e-9f0a-4a53-8f4e-2d1c0b9a8e7f',
  documentType: 'KH',
  documentTypeName: 'Kế hoạch',
  number: 4,
  numberSymbol: '04-KH/BCĐ',
  issuedOn: '2024-01-24',
  summary: 'triển khai một số nhiệm vụ trọng tâm\nthực hiện dân chủ ở cơ sở năm 2024',
  pdfSha256: 'a'.repeat(64),
  issuer: { id: 'org-1', code: 'bcd-duk', fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở' },
};

describe('what the channels say about an issued plan', () => {
  it('puts type, number, cited date and the summary on one line in the subject', () => {
    expect(mailSubject(plan)).toBe('Kế hoạch số 04-KH/BCĐ ngày 24/1/2024: triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024');
  });

  it('addresses the recipient line and links the plan', () => {
    const text = mailText(plan, 'Đảng ủy Sở Tài chính', 'https://kehoach.example/plans/x');
    expect(text.split('\n')[0]).toBe('Kính gửi: Đảng ủy Sở Tài chính');
    expect(text).toContain('Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở gửi kế hoạch số 04-KH/BCĐ ngày 24/1/2024 về triển khai');
    expect(text).toContain('https://kehoach.example/plans/x');
  });

  it('names the PDF after its number without slashes', () => {
    expect(pdfFileName(plan)).toBe('04-KH-BCĐ.pdf');
    expect(pdfFileName({ ...plan, numberSymbol: '48/KH-UBND' })).toBe('48-KH-UBND.pdf');
  });

  it('gives each delivery one Message-ID and one webhook body, whatever the attempt', () => {
    expect(deliveryMessageId('d-1')).toBe('<d-1@kehoach>');
    const delivery = { id: 'd-1', recipientId: 'r1', recipientName: 'Đảng ủy Sở Y tế' };
    const first = webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf');
    expect(webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf')).toBe(first);
    expect(JSON.parse(first)).toMatchObject({
      event: 'plan.issued',
      deliveryId: 'd-1',
      businessType: 'new',
      plan: { numberSymbol: '04-KH/BCĐ', pdfUrl: 'https://kehoach.example/api/plans/x/pdf' },
    });
  });
});

describe('what the channels say when the plan is revoked', () => {
  const revocation: RevocationFacts = {
    revokedAt: '2024-02-01T03:00:00.000Z',
    reason: 'Ban hành không đúng thẩm quyền',
    decisionNumber: '15-QĐ/ĐUK',
  };

  it('cites the plan, the decision and the reason, and asks for the copy to be deleted and the notice acknowledged', () => {
    expect(revocationMailSubject(plan)).toBe(`Thu hồi ${mailSubject(plan)}`);
    const text = revocationMailText(plan, revocation, 'Đảng ủy Sở Tài chính', 'https://kehoach.example/plans/x');
    expect(text.split('\n')).toEqual([
      'Kính gửi: Đảng ủy Sở Tài chính',
      '',
      'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thông báo thu hồi kế hoạch số 04-KH/BCĐ ngày 24/1/2024 về triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024 (theo Quyết định số 15-QĐ/ĐUK).',
      'Lý do: Ban hành không đúng thẩm quyền',
      'Đề nghị quý cơ quan hủy bản điện tử đã nhận, không tiếp tục thực hiện văn bản này và xác nhận đã nhận thông báo thu hồi.',
      'Xem trên hệ thống: https://kehoach.example/plans/x',
      '',
      'Thư được gửi tự động, xin không trả lời thư này.',
    ]);
    expect(revocationMailText(plan, { ...revocation, decisionNumber: null }, 'X', 'u')).not.toContain('Quyết định');
  });

  it('sends plan.revoked (businessType revoke) with the revocation, the same bytes on every attempt', () => {
    const delivery = { id: 'd-2', recipientId: 'r1', recipientName: 'Đảng ủy Sở Y tế' };
    const body = webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf', revocation);
    expect(webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf', revocation)).toBe(body);
    expect(JSON.parse(body)).toMatchObject({
      event: 'plan.revoked',
      businessType: 'revoke',
      deliveryId: 'd-2',
      revocation,
      plan: { id: plan.planId },
    });
  });
});

describe('what the channels say when the plan is replaced', () => {
  const replacement: ReplacementFacts = {
    planId: '7e2b8c40-1d3f-4b6a-9c5e-8f0a1b2c3d4e',
    documentTypeName: 'Kế hoạch',
    numberSymbol: '09-KH/BCĐ',
    issuedOn: '2024-03-21',
    summary: 'triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024 (điều chỉnh)',
  };

  it('cites the old plan and the one that replaces it, from which day, and leads to the new one', () => {
    expect(replacementMailSubject(plan)).toBe(`Thay thế ${mailSubject(plan)}`);
    const text = replacementMailText(plan, replacement, 'Đảng ủy Sở Tài chính', `https://kehoach.example/plans/${replacement.planId}`);
    expect(text.split('\n')).toEqual([
      'Kính gửi: Đảng ủy Sở Tài chính',
      '',
      'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thông báo kế hoạch số 04-KH/BCĐ ngày 24/1/2024 về triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024 đã được thay thế bằng Kế hoạch số 09-KH/BCĐ ngày 21/3/2024 về triển khai một số nhiệm vụ trọng tâm thực hiện dân chủ ở cơ sở năm 2024 (điều chỉnh).',
      'Kể từ ngày 21/3/2024, kế hoạch số 04-KH/BCĐ hết hiệu lực; đề nghị quý cơ quan thực hiện theo văn bản thay thế.',
      `Xem trên hệ thống: https://kehoach.example/plans/${replacement.planId}`,
      '',
      'Thư được gửi tự động, xin không trả lời thư này.',
    ]);
  });

  it('sends plan.replaced (businessType replace) with the replacing plan, the same bytes on every attempt', () => {
    const delivery = { id: 'd-3', recipientId: 'r1', recipientName: 'Đảng ủy Sở Y tế' };
    const body = webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf', null, replacement);
    expect(webhookPayload(plan, delivery, 'https://kehoach.example/api/plans/x/pdf', null, replacement)).toBe(body);
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ event: 'plan.replaced', businessType: 'replace', replacedBy: replacement, plan: { id: plan.planId } });
    expect(payload.revocation).toBeUndefined();
  });
});
