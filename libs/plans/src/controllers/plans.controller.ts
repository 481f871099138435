import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import type { PlanDiff } from '../diff/plan-diff';
import {
  CheckQueryDto,
  CreatePlanDto,
  DiffQueryDto,
  ImportedPlanDto,
  ImportPlanDto,
  ListPlansQueryDto,
  PlanDetailDto,
  PlanExportDto,
  PlanPageDto,
  PlanVersionDetailDto,
  PlanVersionDto,
  SavePlanContentDto,
  StartReplacementDto,
} from '../dtos/plan.dto';
import { FormatCheckReport, FormatCheckService } from '../format-check/format-check.service';
import { PlanTransferService } from '../services/plan-transfer.service';
import { PlansService } from '../services/plans.service';
import { ReplacementService } from '../services/replacement.service';

@ApiTags('plans')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Không có kế hoạch, hoặc người dùng không được xem kế hoạch này' })
@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly transfer: PlanTransferService,
    private readonly formatCheck: FormatCheckService,
    private readonly replacement: ReplacementService,
  ) {}

  @Post(':id/replacement')
  @Roles('drafter', 'signer')
  @ApiCreatedResponse({ type: PlanDetailDto, description: 'Soạn văn bản thay thế: the new draft, prefilled from the issued content' })
  @ApiConflictResponse({
    description:
      'Kế hoạch chưa phát hành xong (not_distributed), đã thu hồi (plan_revoked), đã được thay thế (plan_replaced) hoặc đang có văn bản thay thế (replacement_under_way); không ghi gì',
  })
  @ApiUnprocessableEntityResponse({ description: 'Một trường không được nhận (yêu cầu không có nội dung)' })
  async startReplacement(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() _dto: StartReplacementDto,
  ): Promise<PlanDetailDto> {
    return this.plans.get(actor, await this.replacement.start(actor, id));
  }

  @Post()
  @Roles('drafter')
  @ApiCreatedResponse({ type: PlanDetailDto })
  @ApiUnprocessableEntityResponse({ description: 'Nội dung sai lược đồ docs/plan.schema.json: {errors: [{path, code, message}]}' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<PlanDetailDto> {
    return this.plans.create(actor, dto);
  }

  @Post('import.json')
  @Roles('drafter')
  @ApiCreatedResponse({ type: ImportedPlanDto })
  import(@CurrentActor() actor: Actor, @Body() dto: ImportPlanDto): Promise<ImportedPlanDto> {
    return this.transfer.import(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: PlanPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListPlansQueryDto): Promise<PlanPageDto> {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanDetailDto> {
    return this.plans.get(actor, id);
  }

  @Put(':id/content')
  @Roles('drafter')
  @HttpCode(200)
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiConflictResponse({ description: 'Phiên bản đã cũ (stale_version) hoặc kế hoạch không còn là dự thảo (not_draft); không lưu gì' })
  saveContent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SavePlanContentDto): Promise<PlanDetailDto> {
    return this.plans.saveContent(actor, id, dto);
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: [PlanVersionDto] })
  versions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanVersionDto[]> {
    return this.plans.versions(actor, id);
  }

  @Get(':id/versions/:n')
  @ApiOkResponse({ type: PlanVersionDetailDto })
  version(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('n', ParseIntPipe) n: number): Promise<PlanVersionDetailDto> {
    return this.plans.version(actor, id, n);
  }

  @Get(':id/diff')
  @ApiOkResponse({ description: 'Khác biệt có cấu trúc (phần, mục, nhiệm vụ, nơi nhận...) và so sánh từng từ' })
  diff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: DiffQueryDto): Promise<PlanDiff> {
    return this.plans.diff(actor, id, query.from, query.to);
  }

  @Get(':id/check')
  @ApiOkResponse({ description: 'Kiểm tra thể thức: {errors: [{path, code, message}], warnings: [...]}' })
  check(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: CheckQueryDto): Promise<FormatCheckReport> {
    return this.formatCheck.checkFor(actor, id, query.date);
  }

  @Get(':id/export.json')
  @ApiOkResponse({ type: PlanExportDto })
  export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanExportDto> {
    return this.transfer.export(actor, id);
  }
}
