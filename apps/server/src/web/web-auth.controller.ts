import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, Public } from '@app/common';
import { AuthService } from '@app/identity';

type SessionRequest = Request & { session: Request['session'] & { userId?: string; signedInAt?: number } };

function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign-in and sign-out of the web UI (server-side session, id rotated at sign-in). */
@ApiExcludeController()
@Controller()
export class WebAuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('login')
  @Render('login')
  loginPage(@Query('next') next?: string, @Query('expired') expired?: string) {
    return { title: 'Đăng nhập', next: safeNext(next), expired: !!expired, bare: true };
  }

  @Public()
  @Post('login')
  async login(@Body() body: Record<string, unknown>, @Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    try {
      const user = await this.auth.checkCredentials(username, password, req.ip ?? 'unknown');
      // A new session id at sign-in defeats session fixation.
      await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
      req.session.userId = user.id;
      req.session.signedInAt = Date.now();
      await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
      res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res
        .status(error.kind === 'too_many_requests' ? 429 : 401)
        .render('login', { title: 'Đăng nhập', next, username, error: error.message, bare: true });
    }
  }

  @Post('logout')
  async logout(@Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('kehoach.sid');
    res.redirect(303, '/login');
  }
}
