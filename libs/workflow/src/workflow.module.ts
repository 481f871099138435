import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { DelegationsController } from './controllers/delegations.controller';
import { NotificationsController } from './controllers/notifications.controller';
import { PlanWorkflowController } from './controllers/plan-workflow.controller';
import { ReviewChainController } from './controllers/review-chain.controller';
import { ConsultationComment } from './entities/consultation-comment.entity';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { Notification } from './entities/notification.entity';
import { PlanWorkflow } from './entities/plan-workflow.entity';
import { ReviewChainStep } from './entities/review-chain-step.entity';
import { WorkflowJobsService } from './jobs/workflow-jobs.service';
import { DelegationsService } from './services/delegations.service';
import { NotificationsService } from './services/notifications.service';
import { PlanHandOversService } from './services/plan-hand-overs.service';
import { PlanWorkflowQueriesService } from './services/plan-workflow-queries.service';
import { ReviewChainService } from './services/review-chain.service';
import { WorkflowEffectsService } from './services/workflow-effects.service';
import { WorkflowFactsService } from './services/workflow-facts.service';
import { WorkflowService } from './services/workflow.service';

/** Runs the plan machine: events, review chains, consultation, signature and delegation, reminders, notifications. */
@Module({
  imports: [IdentityModule, PlansModule, AuditModule, TypeOrmModule.forFeature([PlanWorkflow, IdempotencyKey, ReviewChainStep, ConsultationComment, Notification])],
  controllers: [PlanWorkflowController, ReviewChainController, DelegationsController, NotificationsController],
  providers: [
    WorkflowService,
    WorkflowFactsService,
    WorkflowEffectsService,
    WorkflowJobsService,
    PlanWorkflowQueriesService,
    ReviewChainService,
    DelegationsService,
    NotificationsService,
    PlanHandOversService,
  ],
  exports: [WorkflowService, ReviewChainService, NotificationsService, PlanWorkflowQueriesService, PlanHandOversService],
})
export class WorkflowModule {}
