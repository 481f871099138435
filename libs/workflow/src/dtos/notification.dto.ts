import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty() kind: string;
  @ApiProperty() message: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}
