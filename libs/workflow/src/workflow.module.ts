import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { InboxModule } from '@app/inbox';
import { PlansModule } from '@app/plans';
import { DelegationsController } from './controllers/delegations.controller';
import { PlanWorkflowController } from './controllers/plan-workflow.controller';
import { ReviewChainController } from './controllers/review-chain.controller';
import { ConsultationComment } from './entities/consultation-comment.entity';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { PlanWorkflow } from './entities/plan-workflow.entity';
import { ReviewChainStep } from './entities/review-chain-step.entity';
import { WorkflowJobsService } from './jobs/workflow-jobs.service';
import { DelegationsService } from './services/delegations.service';
import { PlanHandOversService } from './services/plan-hand-overs.service';
import { PlanWorkflowQueriesService } from './services/plan-workflow-queries.service';
import { ReviewChainService } from './services/review-chain.service';
import { WorkflowEffectsService } from './services/workflow-effects.service';
import { WorkflowFactsService } from './services/workflow-facts.service';
import { WorkflowService } from './services/workflow.service';

/** Runs the plan machine: events, review chains, consultation, signature and delegation, reminders; its notices go to the inbox. */
@Module({
  imports: [
    IdentityModule,
    PlansModule,
    AuditModule,
    InboxModule,
    TypeOrmModule.forFeature([PlanWorkflow, IdempotencyKey, ReviewChainStep, ConsultationComment]),
  ],
  controllers: [PlanWorkflowController, ReviewChainController, DelegationsController],
  providers: [
    WorkflowService,
    WorkflowFactsService,
    WorkflowEffectsService,
    WorkflowJobsService,
    PlanWorkflowQueriesService,
    ReviewChainService,
    DelegationsService,
    PlanHandOversService,
  ],
  exports: [WorkflowService, ReviewChainService, PlanWorkflowQueriesService, PlanHandOversService],
})
export class WorkflowModule {}
