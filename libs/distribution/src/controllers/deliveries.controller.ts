import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { DeliveryDto, PlanDeliveriesDto } from '../dtos/delivery.dto';
import { EdxmlService } from '../edxml/edxml.service';
import { DeliveriesService } from '../services/deliveries.service';

@ApiTags('distribution')
@ApiBearerAuth()
@Controller('api')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly edxml: EdxmlService,
  ) {}

  @Get('plans/:id/deliveries')
  @ApiOkResponse({ type: PlanDeliveriesDto, description: 'every recipient line with its deliveries, and counts for a progress bar' })
  forPlan(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanDeliveriesDto> {
    return this.deliveries.forPlan(actor, id);
  }

  @Post('deliveries/:id/resend')
  @Roles('clerk')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryDto })
  resend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryDto> {
    return this.deliveries.resend(actor, id);
  }

  @Get('plans/:id/edxml')
  @ApiProduces('application/xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOkResponse({ description: 'edXML package (QCVN 102:2016) with the issued PDF as base64' })
  async edxmlPackage(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { fileName, xml } = await this.edxml.export(actor, id);
    res.setHeader('Content-Disposition', `attachment; filename="${asciiName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return xml;
  }
}

function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|"/g, '_');
}
