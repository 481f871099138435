import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, CurrentActor, Public } from '@app/common';
import { ChangePasswordDto, LoginDto, TokenDto, UserDto } from '../dtos/user.dto';
import { AuthService } from '../auth/auth.service';
import { UsersService } from '../services/users.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  async login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenDto> {
    const user = await this.auth.checkCredentials(dto.username, dto.password, req.ip ?? 'unknown');
    const { token, expiresAt } = await this.auth.issueToken(user.id);
    return { token, expiresAt: expiresAt.toISOString(), user: await this.users.self(user.id) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() req: Request): Promise<void> {
    const header = req.headers.authorization ?? '';
    if (/^bearer /i.test(header)) await this.auth.revokeToken(header.slice(7).trim());
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.self(actor.id);
  }

  /** Changes the signed-in person's password; every other session and every bearer token ends. */
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<void> {
    await this.users.changeOwnPassword(actor, dto, req.ip ?? 'unknown', actor.via === 'session' ? req.sessionID : undefined);
  }
}
