import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { OrganizationsService } from '@app/identity';

/** The start page after sign-in. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Render('home')
  async home(@CurrentActor() actor: Actor) {
    const organizations = await this.organizations.list();
    const mine = actor.memberships.map((m) => ({ organization: organizations.find((o) => o.id === m.organizationId), roles: m.roles }));
    return { title: 'Trang chính', actor, mine, organizations };
  }
}
