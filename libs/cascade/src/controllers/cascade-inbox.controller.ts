import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsUUID } from 'class-validator';
import { Actor, CurrentActor } from '@app/common';
import { CascadeNoticeDto, CascadeNoticesService } from '../services/cascade-notices.service';

export class MarkNoticesReadDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids: string[];
}

@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api/cascade/notices')
export class CascadeNoticesController {
  constructor(private readonly notices: CascadeNoticesService) {}

  @Get()
  @ApiOperation({ summary: 'Thông báo của người dùng về kế hoạch triển khai: cần xây dựng, sắp đến hạn, quá hạn' })
  mine(@CurrentActor() actor: Actor, @Query('unread') unread?: string): Promise<CascadeNoticeDto[]> {
    return this.notices.mine(actor, unread === '1' || unread === 'true');
  }

  @Post('read')
  @HttpCode(204)
  markRead(@CurrentActor() actor: Actor, @Body() dto: MarkNoticesReadDto): Promise<void> {
    return this.notices.markRead(actor, dto.ids);
  }
}
