import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_CHANNELS,
  DELIVERY_PURPOSES,
  DELIVERY_STATUSES,
  DeliveryChannel,
  DeliveryPurpose,
  DeliveryStatus,
  HANDLING_STATUSES,
  HandlingStatus,
} from '../delivery-states';

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() recipientId: string;
  @ApiProperty() recipientName: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: DeliveryChannel;
  @ApiProperty({ example: 'Hộp văn bản đến' }) channelLabel: string;
  @ApiProperty({ enum: DELIVERY_PURPOSES, description: 'issue: the plan; revocation: the notice that it was revoked' }) purpose: DeliveryPurpose;
  /** Organization name, e-mail address, or the webhook's address without its query. */
  @ApiProperty() target: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ example: 'Đã đến' }) statusLabel: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true }) nextAttemptAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) sentAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) deliveredAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt: Date | null;
  @ApiPropertyOptional({ enum: HANDLING_STATUSES, nullable: true }) handlingStatus: HandlingStatus | null;
  @ApiPropertyOptional({ nullable: true, example: '05', description: 'edXML status code' }) handlingStatusCode: string | null;
  @ApiPropertyOptional({ nullable: true }) messageId: string | null;
  @ApiProperty({ description: 'a clerk of the issuing organization may send it again' }) canResend: boolean;
  @ApiProperty() rowVersion: number;
}

export class DeliveryCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() queued: number;
  @ApiProperty() sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty() failed: number;
  @ApiProperty() dead: number;
  /** delivered + acknowledged + dead: what the progress bar fills. */
  @ApiProperty() ended: number;
  @ApiProperty({ description: 'ended / total, 0..100 (100 when there is nothing to send)' }) percent: number;
}

export class RecipientDeliveriesDto {
  @ApiProperty() recipientId: string;
  @ApiProperty() name: string;
  @ApiProperty() purpose: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) organizationId: string | null;
  /** No channel reaches this line: it is sent on paper. */
  @ApiProperty() paperOnly: boolean;
  @ApiProperty({ type: [DeliveryDto] }) deliveries: DeliveryDto[];
}

export class PlanDeliveriesDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() state: string;
  @ApiPropertyOptional({ nullable: true }) numberSymbol: string | null;
  @ApiProperty({ type: DeliveryCountsDto, description: "the plan's own deliveries" }) counts: DeliveryCountsDto;
  @ApiPropertyOptional({ nullable: true, type: DeliveryCountsDto, description: 'the revocation notices, once the plan was revoked' })
  revocationCounts: DeliveryCountsDto | null;
  @ApiPropertyOptional({ nullable: true, type: DeliveryCountsDto, description: 'the replacement notices, once the plan was replaced' })
  replacementCounts: DeliveryCountsDto | null;
  @ApiProperty({ type: [RecipientDeliveriesDto] }) recipients: RecipientDeliveriesDto[];
}
