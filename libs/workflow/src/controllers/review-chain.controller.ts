import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { ReviewChainDto, ReviewChainInputDto } from '../dtos/review-chain.dto';
import { ReviewChainService } from '../services/review-chain.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/organizations')
export class ReviewChainController {
  constructor(private readonly chains: ReviewChainService) {}

  @Get(':id/review-chain')
  @ApiOkResponse({ type: ReviewChainDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ReviewChainDto> {
    return this.chains.get(id);
  }

  @Put(':id/review-chain')
  @Roles('admin')
  @ApiOkResponse({ type: ReviewChainDto })
  replace(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewChainInputDto): Promise<ReviewChainDto> {
    return this.chains.replace(actor, id, dto);
  }
}
