import type { Recipient } from '@app/plans';
import type { DeliveryChannel } from '../delivery-states';

/** What the planner needs to know of an organization named on a recipient line. */
export interface RecipientOrganization {
  id: string;
  email: string | null;
  webhookUrl: string | null;
}

export interface PlannedDelivery {
  recipientId: string;
  recipientName: string;
  channel: DeliveryChannel;
  target: string;
  organizationId: string | null;
}

/**
 * The deliveries a plan's "Nơi nhận" calls for, one per line and channel:
 * - the archive line ("Lưu VT, VP") files the original at the issuing organization;
 * - a line naming an organization of this system goes to its inbox, to its e-mail when it
 *   has one (the line's own address wins) and to its webhook when it has one;
 * - a free-text line goes by e-mail when it carries an address, otherwise on paper (no delivery).
 * Without a mail server (`channels.email` false) e-mail is not a channel: no e-mail delivery is
 * planned, rather than deliveries that could only fail.
 */
export function planDeliveries(
  recipients: Recipient[],
  issuingOrganizationId: string,
  organizations: Map<string, RecipientOrganization>,
  channels: { email: boolean } = { email: true },
): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  for (const line of recipients) {
    const base = { recipientId: line.id, recipientName: line.name };
    if (line.purpose === 'archive') {
      planned.push({ ...base, channel: 'archive', target: issuingOrganizationId, organizationId: issuingOrganizationId });
      continue;
    }
    const org = line.organizationId ? organizations.get(line.organizationId) : undefined;
    if (org) {
      planned.push({ ...base, channel: 'inbox', target: org.id, organizationId: org.id });
      const email = line.email ?? org.email;
      if (email && channels.email) planned.push({ ...base, channel: 'email', target: email, organizationId: org.id });
      if (org.webhookUrl) planned.push({ ...base, channel: 'webhook', target: org.webhookUrl, organizationId: org.id });
    } else if (line.email && channels.email) {
      planned.push({ ...base, channel: 'email', target: line.email, organizationId: null });
    }
  }
  return planned;
}
