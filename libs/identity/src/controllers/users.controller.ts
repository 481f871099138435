import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/common';
import { AuthorityDto, CreateAuthorityDto, CreateUserDto, SetMembershipsDto, UpdateUserDto, UserDto } from '../dtos/user.dto';
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
  list(@Query('org', new ParseUUIDPipe({ optional: true })) org?: string): Promise<UserDto[]> {
    return this.users.list(org);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }

  @Put(':id/memberships')
  setMemberships(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SetMembershipsDto): Promise<UserDto> {
    return this.users.setMemberships(id, dto.memberships);
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
  create(@Body() dto: CreateAuthorityDto): Promise<AuthorityDto> {
    return this.users.createAuthority(dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.users.removeAuthority(id);
  }
}
