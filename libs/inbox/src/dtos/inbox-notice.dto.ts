import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { INBOX_NOTICE_KINDS, INBOX_SOURCES, InboxNoticeKind, InboxSource } from '../inbox-kinds';

export class InboxNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INBOX_NOTICE_KINDS }) kind: InboxNoticeKind;
  @ApiProperty({ enum: INBOX_SOURCES, description: 'the domain that wrote it' }) source: InboxSource;
  @ApiProperty({ example: 'Văn bản đến' }) kindLabel: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) planId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) incomingDocumentId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31' }) dueDate: string | null;
  @ApiProperty() message: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class InboxUnreadCountDto {
  @ApiProperty() unread: number;
  @ApiProperty({ description: 'unread notices by source', example: { workflow: 2, distribution: 1, cascade: 0 } })
  bySource: Record<InboxSource, number>;
}

export class ListInboxQueryDto {
  @ApiPropertyOptional({ description: 'only those not read yet' })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'])
  unread?: string;

  @ApiPropertyOptional({ enum: INBOX_SOURCES })
  @IsOptional()
  @IsIn(INBOX_SOURCES)
  source?: InboxSource;

  @ApiPropertyOptional({ enum: INBOX_NOTICE_KINDS })
  @IsOptional()
  @IsIn(INBOX_NOTICE_KINDS)
  kind?: InboxNoticeKind;
}

export class MarkInboxReadDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}
