import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { AdminAuthoritiesController } from './admin/admin-authorities.controller';
import { AdminOrganizationsController } from './admin/admin-organizations.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminViewsService } from './admin/admin-views.service';
import { PlanEditorService } from './plans/plan-editor.service';
import { PlanViewsService } from './plans/plan-views.service';
import { PlansWebController } from './plans/plans-web.controller';
import { SessionPool } from './session-pool';
import { WebAuthController } from './web-auth.controller';
import { WebLayoutInterceptor } from './web-page';
import { MyWorkService } from './work/my-work.service';
import { WorkController } from './work/work.controller';

/** The server-rendered web UI (Handlebars views, a little JavaScript). */
@Module({
  imports: [IdentityModule, PlansModule],
  controllers: [WebAuthController, WorkController, PlansWebController, AdminOrganizationsController, AdminUsersController, AdminAuthoritiesController],
  providers: [SessionPool, WebLayoutInterceptor, AdminViewsService, MyWorkService, PlanViewsService, PlanEditorService],
  exports: [SessionPool],
})
export class WebModule {}
