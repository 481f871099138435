import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { AuditEventDto } from '@app/audit';
import { PlanEventDto } from '../dtos/plan-event.dto';
import { AllowedEventsDto, CommentDto, TransitionResultDto, WorkflowViewDto } from '../dtos/workflow.dto';
import { PlanWorkflowQueriesService } from '../services/plan-workflow-queries.service';
import { problemsOfIfMatch, WorkflowService } from '../services/workflow.service';
import { WorkflowError } from '../workflow.error';

const KEY = /^[\w.:-]{1,200}$/;

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/plans')
export class PlanWorkflowController {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly queries: PlanWorkflowQueriesService,
  ) {}

  /** Sends an event (SUBMIT, APPROVE, RETURN, SIGN...) to the plan's workflow. */
  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: "The plan's row version; 409 when it changed since" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A replay with the same key returns the first result and changes nothing' })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiConflictResponse({ description: 'transition_refused (reason, allowedEvents) or stale_version' })
  async send(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlanEventDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request & { id?: string },
    @Res({ passthrough: true }) res: Response,
  ): Promise<TransitionResultDto> {
    const parsed = problemsOfIfMatch(ifMatch);
    if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) {
      parsed.problems.push({ path: 'Idempotency-Key', code: 'invalid', message: 'Idempotency-Key: 1 đến 200 ký tự chữ, số, "-", "_", ".", ":"' });
    }
    if (parsed.problems.length) throw WorkflowError.invalid(parsed.problems, 'Tiêu đề yêu cầu không hợp lệ');
    const result = await this.workflow.apply(actor, id, dto, { ifMatch: parsed.value, idempotencyKey, requestId: req.id });
    res.setHeader('ETag', `"${result.body.rowVersion}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get(':id/allowed-events')
  @ApiOkResponse({ type: AllowedEventsDto })
  async allowedEvents(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AllowedEventsDto> {
    const result = await this.workflow.allowedEvents(actor, id);
    res.setHeader('ETag', `"${result.rowVersion}"`);
    return result;
  }

  @Get(':id/workflow')
  @ApiOkResponse({ type: WorkflowViewDto })
  view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WorkflowViewDto> {
    return this.queries.view(actor, id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [AuditEventDto] })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AuditEventDto[]> {
    return this.queries.history(actor, id);
  }

  @Get(':id/comments')
  @ApiOkResponse({ type: [CommentDto] })
  comments(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CommentDto[]> {
    return this.queries.comments(actor, id);
  }
}
