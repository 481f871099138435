import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CascadeModule } from '@app/cascade';
import { CorrectionsModule } from '@app/corrections';
import { DistributionModule } from '@app/distribution';
import { IdentityModule } from '@app/identity';
import { InboxModule } from '@app/inbox';
import { IssuanceModule } from '@app/issuance';
import { NumberingModule } from '@app/numbering';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { VerificationModule } from '@app/verification';
import { WorkflowModule } from '@app/workflow';
import { AccountWebController } from './account/account-web.controller';
import { AdminAuthoritiesController } from './admin/admin-authorities.controller';
import { AdminOrganizationsController } from './admin/admin-organizations.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminViewsService } from './admin/admin-views.service';
import { AuditViewsService } from './audit/audit-views.service';
import { AuditWebController } from './audit/audit-web.controller';
import { CascadeViewsService } from './cascade/cascade-views.service';
import { CascadeWebController } from './cascade/cascade-web.controller';
import { CorrectionsWebController } from './corrections/corrections-web.controller';
import { ReportsWebController } from './cascade/reports-web.controller';
import { DemoMailWebController } from './demo-mail/demo-mail-web.controller';
import { DistributionViewsService } from './distribution/distribution-views.service';
import { DistributionWebController } from './distribution/distribution-web.controller';
import { InboxWebController } from './inbox/inbox-web.controller';
import { DocumentStylesController } from './plans/document-styles.controller';
import { PlanEditorService } from './plans/plan-editor.service';
import { PlanViewsService } from './plans/plan-views.service';
import { PlansWebController } from './plans/plans-web.controller';
import { RegisterViewsService } from './registers/register-views.service';
import { RegistersWebController } from './registers/registers-web.controller';
import { SessionPool } from './session-pool';
import { WebAuthController } from './web-auth.controller';
import { WebLayoutInterceptor } from './web-page';
import { MyWorkService } from './work/my-work.service';
import { WorkController } from './work/work.controller';
import { PlanEventsWebService } from './workflow/plan-events-web.service';
import { PlanWorkflowViewsService } from './workflow/plan-workflow-views.service';
import { PlanWorkflowWebController } from './workflow/plan-workflow-web.controller';

/** The server-rendered web UI (Handlebars views, a little JavaScript), through the domains' exported services only. */
@Module({
  imports: [
    IdentityModule,
    PlansModule,
    WorkflowModule,
    AuditModule,
    CascadeModule,
    CorrectionsModule,
    NumberingModule,
    RenderingModule,
    DistributionModule,
    InboxModule,
    VerificationModule,
    IssuanceModule,
  ],
  controllers: [
    WebAuthController,
    AccountWebController,
    WorkController,
    PlansWebController,
    DocumentStylesController,
    PlanWorkflowWebController,
    AuditWebController,
    CascadeWebController,
    RegistersWebController,
    DistributionWebController,
    InboxWebController,
    ReportsWebController,
    CorrectionsWebController,
    AdminOrganizationsController,
    AdminUsersController,
    AdminAuthoritiesController,
    DemoMailWebController,
  ],
  providers: [
    SessionPool,
    WebLayoutInterceptor,
    AdminViewsService,
    MyWorkService,
    PlanViewsService,
    PlanEditorService,
    PlanWorkflowViewsService,
    PlanEventsWebService,
    AuditViewsService,
    CascadeViewsService,
    RegisterViewsService,
    DistributionViewsService,
  ],
  exports: [SessionPool],
})
export class WebModule {}
