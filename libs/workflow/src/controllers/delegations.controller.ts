import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { AuthorityDto } from '@app/identity';
import { CreateDelegationDto } from '../dtos/delegation.dto';
import { DelegationsService } from '../services/delegations.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/authorities')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  /** Ký thay: the holder (or an administrator) lets a deputy sign for a period; the capacity becomes K/T or KT. */
  @Post(':id/delegations')
  @ApiCreatedResponse({ type: AuthorityDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateDelegationDto,
    @Req() req: Request & { id?: string },
  ): Promise<AuthorityDto> {
    return this.delegations.delegate(actor, id, dto, req.id);
  }
}
