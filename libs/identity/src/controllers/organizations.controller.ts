import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/common';
import { CreateOrganizationDto, OrganizationDto, UpdateOrganizationDto } from '../dtos/organization.dto';
import { OrganizationsService } from '../services/organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOkResponse({ type: [OrganizationDto] })
  list(): Promise<OrganizationDto[]> {
    return this.organizations.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(dto);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.organizations.remove(id);
  }
}
