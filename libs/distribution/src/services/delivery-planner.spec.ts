import type { Recipient } from '@app/plans';
import { recipientLine } from '@app/plans';
import { planDeliveries, RecipientOrganization } from './delivery-planner';

const line = (id: string, overrides: Partial<Recipient> = {}): Recipient => recipientLine(id, `Nơi nhận ${id}`, overrides);

describe('planDeliveries: the deliveries a "Nơi nhận" list calls for', () => {
  const orgs = new Map<string, RecipientOrganization>([
    ['org-inbox', { id: 'org-inbox', email: null, webhookUrl: null }],
    ['org-mail', { id: 'org-mail', email: 'vanthu@xa.gov.vn', webhookUrl: null }],
    ['org-all', { id: 'org-all', email: 'vp@huyen.gov.vn', webhookUrl: 'https://huyen.gov.vn/hook' }],
  ]);

  it('sends an organization of the system to its inbox, and to its e-mail and webhook when it has them', () => {
    const planned = planDeliveries(
      [line('a', { organizationId: 'org-inbox' }), line('b', { organizationId: 'org-mail' }), line('c', { organizationId: 'org-all' })],
      'issuer',
      orgs,
    );
    expect(planned.map((p) => `${p.recipientId}:${p.channel}:${p.target}`)).toEqual([
      'a:inbox:org-inbox',
      'b:inbox:org-mail',
      'b:email:vanthu@xa.gov.vn',
      'c:inbox:org-all',
      'c:email:vp@huyen.gov.vn',
      'c:webhook:https://huyen.gov.vn/hook',
    ]);
  });

  it("prefers the line's own address to the organization's", () => {
    const planned = planDeliveries([line('b', { organizationId: 'org-mail', email: 'giamdoc@xa.gov.vn' })], 'issuer', orgs);
    expect(planned.find((p) => p.channel === 'email')?.target).toBe('giamdoc@xa.gov.vn');
  });

  it('mails a free-text recipient with an address, and leaves one without to paper', () => {
    const planned = planDeliveries([line('x', { email: 'bao@example.vn' }), line('y')], 'issuer', orgs);
    expect(planned).toEqual([{ recipientId: 'x', recipientName: 'Nơi nhận x', channel: 'email', target: 'bao@example.vn', organizationId: null }]);
  });

  it('files the archive line at the issuing organization and sends it nowhere', () => {
    const planned = planDeliveries([line('luu', { purpose: 'archive', name: 'VT, VP', organizationId: 'org-all' })], 'issuer', orgs);
    expect(planned).toEqual([{ recipientId: 'luu', recipientName: 'VT, VP', channel: 'archive', target: 'issuer', organizationId: 'issuer' }]);
  });

  it('plans no e-mail at all when there is no mail server, so that nothing fails and retries in vain', () => {
    const planned = planDeliveries([line('c', { organizationId: 'org-all' }), line('x', { email: 'bao@example.vn' })], 'issuer', orgs, {
      email: false,
    });
    expect(planned.map((p) => p.channel)).toEqual(['inbox', 'webhook']);
  });

  it('treats a line naming an organization that no longer exists as free text', () => {
    expect(planDeliveries([line('gone', { organizationId: 'deleted', email: null })], 'issuer', orgs)).toEqual([]);
  });
});
