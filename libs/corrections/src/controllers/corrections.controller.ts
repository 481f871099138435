import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { CorrectionNoticeDto, CreateCorrectionDto } from '../dtos/correction.dto';
import { CorrectionsService } from '../services/corrections.service';

@ApiTags('corrections')
@ApiBearerAuth()
@Controller('api/plans')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Post(':id/corrections')
  @ApiOperation({ summary: 'Soạn văn bản đính chính (Thông báo / Công văn đính chính) cho một kế hoạch đã ban hành' })
  @ApiCreatedResponse({ type: CorrectionNoticeDto })
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateCorrectionDto): Promise<CorrectionNoticeDto> {
    return this.corrections.create(actor, id, dto);
  }

  @Get(':id/corrections')
  @ApiOperation({ summary: 'Các văn bản đính chính của một kế hoạch' })
  @ApiOkResponse({ type: [CorrectionNoticeDto] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CorrectionNoticeDto[]> {
    return this.corrections.list(actor, id);
  }
}
