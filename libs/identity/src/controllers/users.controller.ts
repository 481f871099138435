import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { AuthorityDto, CreateAuthorityDto, CreateUserDto, InstallationAdminDto, SetMembershipsDto, UpdateUserDto, UserDto } from '../dtos/user.dto';
import { UsersService } from '../services/users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiQuery({ name: 'org', required: false })
  @ApiOkResponse({ type: [UserDto] })
  list(@CurrentActor() actor: Actor, @Query('org', new ParseUUIDPipe({ optional: true })) org?: string): Promise<UserDto[]> {
    return this.users.list(actor, org);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }

  @Put(':id/memberships')
  setMemberships(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetMembershipsDto): Promise<UserDto> {
    return this.users.setMemberships(actor, id, dto.memberships);
  }

  /** Installation-wide administration, given or taken only by another installation administrator. */
  @Put(':id/installation-admin')
  setInstallationAdmin(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InstallationAdminDto): Promise<UserDto> {
    return this.users.setInstallationAdmin(actor, id, dto.installationAdmin);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/authorities')
export class AuthoritiesController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiQuery({ name: 'org', required: false })
  list(@Query('org', new ParseUUIDPipe({ optional: true })) org?: string): Promise<AuthorityDto[]> {
    return this.users.listAuthorities(org);
  }

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAuthorityDto): Promise<AuthorityDto> {
    return this.users.grantAuthority(actor, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.users.removeAuthority(actor, id);
  }
}
