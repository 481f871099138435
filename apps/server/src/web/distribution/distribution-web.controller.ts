import { Controller, Get, Param, ParseUUIDPipe, Render } from '@nestjs/common';
import { Actor, CurrentActor, Roles } from '@app/common';
import { OrganizationsService } from '@app/identity';
import { AppConfig } from '@app/config';
import { emailEnabled, HANDLING_STATUS_LABEL, HANDLING_STATUSES } from '@app/distribution';
import { PlansService } from '@app/plans';
import { planStateLabel } from '@workflows/plan-labels';
import { WebPage } from '../web-page';

/** The roles that keep an organization's inbox (as the distribution domain has them): clerks and leaders. */
const INBOX_ROLES = ['clerk', 'signer', 'reviewer'] as const;

/**
 * Văn bản đến and the distribution board. The distribution domain exposes these through its
 * REST API only (its services are not exported to other modules), so the pages are drawn by the
 * script in public/app.js from /api/incoming and /api/plans/:id/deliveries; the server gives the
 * frame, the labels and the organizations.
 */
@WebPage()
@Controller()
export class DistributionWebController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly plans: PlansService,
    private readonly config: AppConfig,
  ) {}

  @Get('incoming')
  @Roles(...INBOX_ROLES)
  @Render('distribution/incoming')
  async incoming(@CurrentActor() actor: Actor) {
    const mine = new Set(actor.memberships.filter((m) => m.roles.some((r) => (INBOX_ROLES as readonly string[]).includes(r))).map((m) => m.organizationId));
    const organizations = (await this.organizations.list()).filter((o) => mine.has(o.id));
    return {
      title: 'Văn bản đến',
      organizations,
      labels: JSON.stringify(Object.fromEntries(HANDLING_STATUSES.map((s) => [s, HANDLING_STATUS_LABEL[s]]))),
      drafts: actor.memberships.some((m) => m.roles.includes('drafter')),
    };
  }

  @Get('plans/:id/distribution')
  @Render('distribution/board')
  async board(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const plan = await this.plans.get(actor, id);
    // Told once, on the board, in an office's words: no mail server, no e-mail deliveries at all.
    const mailNotice = emailEnabled(this.config)
      ? null
      : 'Hệ thống chưa có hộp thư điện tử để gửi đi: văn bản đến các đơn vị qua mục “Văn bản đến” trong hệ thống; nơi nhận ngoài hệ thống cần gửi theo cách khác (bản giấy).';
    return { title: `Phát hành: ${plan.numberSymbol ?? plan.summary}`, plan: { ...plan, stateLabel: planStateLabel(plan.state) }, mailNotice };
  }
}
