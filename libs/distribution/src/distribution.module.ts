import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { InboxModule } from '@app/inbox';
import { NumberingModule, RegistersService } from '@app/numbering';
import { PlanAccessService, PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { WorkflowModule } from '@app/workflow';
import { JobsDistributionQueue } from './adapters/jobs-distribution.queue';
import { StoredPdfReader } from './adapters/stored-pdf.reader';
import { WorkflowPlanEvents } from './adapters/workflow-plan.events';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveriesController } from './controllers/deliveries.controller';
import { IncomingController } from './controllers/incoming.controller';
import { DistributionQueue, IssuedPdfReader, PlanStateEvents } from './distribution.ports';
import { EdxmlService } from './edxml/edxml.service';
import { DemoMail } from './entities/demo-mail.entity';
import { Delivery } from './entities/delivery.entity';
import { IncomingDocument } from './entities/incoming-document.entity';
import { ReplacementNoticesService } from './services/replacement-notices.service';
import { RevocationNoticesService } from './services/revocation-notices.service';
import { DistributionJobsWorker } from './jobs/distribution-jobs.worker';
import { DemoMailService } from './mail-sink/demo-mail.service';
import { DemoMailSinkService } from './mail-sink/demo-mail-sink.service';
import { DeliveriesService } from './services/deliveries.service';
import { DeliveryRunnerService } from './services/delivery-runner.service';
import { DeliverySweeperService } from './services/delivery-sweeper.service';
import { DistributionProgressService } from './services/distribution-progress.service';
import { DistributionService } from './services/distribution.service';
import { IncomingService } from './services/incoming.service';
import { IssuedPlanFactsService } from './services/issued-plan-facts.service';
import { planSending } from './services/plan-sending.query';
import { recipientsMayRead } from './services/recipient-read.rule';

/**
 * Distribution of issued plans: one delivery per recipient line and channel (inbox, e-mail,
 * webhook, archive), attempted by jobs with retries, receipts from the receiving bodies, and
 * the edXML export. The machine's ISSUED names `handOverToDistribution`: taken in that transaction
 * as the job that creates the deliveries.
 */
@Module({
  imports: [
    IdentityModule,
    PlansModule,
    AuditModule,
    WorkflowModule,
    RenderingModule,
    InboxModule,
    NumberingModule,
    TypeOrmModule.forFeature([Delivery, IncomingDocument, DemoMail]),
  ],
  controllers: [DeliveriesController, IncomingController],
  providers: [
    DistributionService,
    DistributionProgressService,
    DeliveryRunnerService,
    DeliverySweeperService,
    DeliveriesService,
    IncomingService,
    EdxmlService,
    IssuedPlanFactsService,
    InboxChannel,
    EmailChannel,
    DemoMailSinkService,
    DemoMailService,
    WebhookChannel,
    { provide: IssuedPdfReader, useClass: StoredPdfReader },
    { provide: PlanStateEvents, useClass: WorkflowPlanEvents },
    { provide: DistributionQueue, useClass: JobsDistributionQueue },
    DistributionJobsWorker,
    RevocationNoticesService,
    ReplacementNoticesService,
  ],
  exports: [DistributionService, DeliveryRunnerService, DeliverySweeperService, DeliveriesService, IncomingService, DemoMailService],
})
export class DistributionModule implements OnModuleInit {
  constructor(
    private readonly planAccess: PlanAccessService,
    private readonly registers: RegistersService,
  ) {}

  onModuleInit(): void {
    // Recipients of an issued plan read it, like its own organization does.
    this.planAccess.addReadRule(recipientsMayRead);
    // The outgoing register shows when each document was sent and received.
    this.registers.setSendingSource(planSending);
  }
}
