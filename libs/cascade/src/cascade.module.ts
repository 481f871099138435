import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { InboxModule } from '@app/inbox';
import { PlanAccessService, PlansModule } from '@app/plans';
import { ReportDutiesController } from './controllers/report-duties.controller';
import { WorkflowModule } from '@app/workflow';
import { CascadeController } from './controllers/cascade.controller';
import { PlanReportsController } from './controllers/plan-reports.controller';
import { ChildPlan } from './entities/child-plan.entity';
import { PlanReportAttachment } from './entities/plan-report-attachment.entity';
import { PlanReport } from './entities/plan-report.entity';
import { CascadeJobsWorker } from './jobs/cascade-jobs.worker';
import { CascadeLinksService } from './services/cascade-links.service';
import { CascadePlansService } from './services/cascade-plans.service';
import { CascadeService } from './services/cascade.service';
import { ChildDeadlinesService } from './services/child-deadlines.service';
import { ChildPlansService } from './services/child-plans.service';
import { PlanReportsService } from './services/plan-reports.service';
import { ancestorsMayRead } from './services/ancestor-read.rule';
import { ParentReplacementService } from './services/parent-replacement.service';
import { ParentRevocationService } from './services/parent-revocation.service';

/**
 * Cascading child plans (kế hoạch thực hiện): when a plan is issued, every recipient marked to
 * implement it gets a prefilled draft linked to it, with a due date, reminders and an overdue
 * notice; the parent sees the whole tree below it and the implementing bodies' reports.
 * The machine's ISSUED names `handOverToCascade`: taken in that transaction as the job that creates the children.
 */
@Module({
  imports: [
    AuditModule,
    IdentityModule,
    PlansModule,
    InboxModule,
    WorkflowModule,
    TypeOrmModule.forFeature([ChildPlan, PlanReport, PlanReportAttachment]),
  ],
  controllers: [CascadeController, PlanReportsController, ReportDutiesController],
  providers: [
    CascadeService,
    CascadePlansService,
    CascadeLinksService,
    ChildPlansService,
    ChildDeadlinesService,
    PlanReportsService,
    CascadeJobsWorker,
    ParentRevocationService,
    ParentReplacementService,
  ],
  exports: [CascadeService, CascadeLinksService, ChildPlansService, ChildDeadlinesService, PlanReportsService],
})
export class CascadeModule implements OnModuleInit {
  constructor(private readonly planAccess: PlanAccessService) {}

  onModuleInit(): void {
    // Whoever issued a plan follows the plans drafted below it to implement it.
    this.planAccess.addReadRule(ancestorsMayRead);
  }
}
