import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { AdminAuthoritiesController } from './admin/admin-authorities.controller';
import { AdminOrganizationsController } from './admin/admin-organizations.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminViewsService } from './admin/admin-views.service';
import { SessionPool } from './session-pool';
import { WebAuthController } from './web-auth.controller';
import { WebLayoutInterceptor } from './web-page';
import { MyWorkService } from './work/my-work.service';
import { WorkController } from './work/work.controller';

/** The server-rendered web UI (Handlebars views, a little JavaScript). */
@Module({
  imports: [IdentityModule],
  controllers: [WebAuthController, WorkController, AdminOrganizationsController, AdminUsersController, AdminAuthoritiesController],
  providers: [SessionPool, WebLayoutInterceptor, AdminViewsService, MyWorkService],
  exports: [SessionPool],
})
export class WebModule {}
