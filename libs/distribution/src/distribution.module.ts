import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { PlanAccessService, PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { PlanRowStateEvents } from './adapters/plan-row-state.events';
import { StoredPdfReader } from './adapters/stored-pdf.reader';
import { TableDistributionQueue } from './adapters/table-distribution.queue';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveriesController } from './controllers/deliveries.controller';
import { IncomingController } from './controllers/incoming.controller';
import { DistributionQueue, IssuedPdfReader, PlanStateEvents } from './distribution.ports';
import { EdxmlService } from './edxml/edxml.service';
import { Delivery } from './entities/delivery.entity';
import { IncomingDocument } from './entities/incoming-document.entity';
import { IncomingNotification } from './entities/incoming-notification.entity';
import { DeliveriesService } from './services/deliveries.service';
import { DeliveryRunnerService } from './services/delivery-runner.service';
import { DeliverySweeperService } from './services/delivery-sweeper.service';
import { DistributionProgressService } from './services/distribution-progress.service';
import { DistributionService } from './services/distribution.service';
import { IncomingService } from './services/incoming.service';
import { IssuedPlanFactsService } from './services/issued-plan-facts.service';
import { recipientsMayRead } from './services/recipient-read.rule';

/**
 * Distribution of issued plans: one delivery per recipient line and channel (inbox, e-mail,
 * webhook, archive), attempted by jobs with retries, receipts from the receiving bodies, and
 * the edXML export. Issuance calls DistributionService.createDeliveries in its ISSUED transaction.
 */
@Module({
  imports: [IdentityModule, PlansModule, RenderingModule, TypeOrmModule.forFeature([Delivery, IncomingDocument, IncomingNotification])],
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
    WebhookChannel,
    { provide: IssuedPdfReader, useClass: StoredPdfReader },
    { provide: PlanStateEvents, useClass: PlanRowStateEvents },
    { provide: DistributionQueue, useClass: TableDistributionQueue },
  ],
  exports: [DistributionService, DeliveryRunnerService, DeliverySweeperService],
})
export class DistributionModule implements OnModuleInit {
  constructor(private readonly planAccess: PlanAccessService) {}

  onModuleInit(): void {
    // Recipients of an issued plan read it, like its own organization does.
    this.planAccess.addReadRule(recipientsMayRead);
  }
}
