import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { CascadeTreeDto, PlanLinkDto } from '../dtos/cascade-tree.dto';
import { CascadeLinksService } from '../services/cascade-links.service';

@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api/plans')
export class CascadeController {
  constructor(private readonly links: CascadeLinksService) {}

  @Get(':id/tree')
  @ApiOperation({ summary: 'Cây triển khai: mọi kế hoạch con, cháu với trạng thái, số ký hiệu, hạn và số đếm theo cấp' })
  @ApiOkResponse({ type: CascadeTreeDto })
  tree(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CascadeTreeDto> {
    return this.links.tree(actor, id);
  }

  @Get(':id/parent')
  @ApiOperation({ summary: 'Kế hoạch cấp trên mà kế hoạch này thực hiện' })
  @ApiOkResponse({ type: PlanLinkDto })
  parent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanLinkDto> {
    return this.links.parent(actor, id);
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Các kế hoạch thực hiện kế hoạch này (cấp dưới trực tiếp)' })
  @ApiOkResponse({ type: [PlanLinkDto] })
  children(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanLinkDto[]> {
    return this.links.children(actor, id);
  }
}
