import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { Strategy as LocalStrategy } from 'passport-local';
import { Actor } from '@app/common';
import { AuthService } from './auth.service';

/** Username and password, for the web sign-in form and POST /api/auth/login. */
@Injectable()
export class PasswordStrategy extends PassportStrategy(LocalStrategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ passReqToCallback: true });
  }

  async validate(req: Request, username: string, password: string): Promise<Actor | null> {
    const user = await this.auth.checkCredentials(username, password, req.ip ?? 'unknown');
    return this.auth.loadActor(user.id, 'session');
  }
}

/** `Authorization: Bearer <token>` for API clients. */
@Injectable()
export class TokenStrategy extends PassportStrategy(BearerStrategy, 'bearer') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(token: string): Promise<Actor | false> {
    return (await this.auth.actorForToken(token)) ?? false;
  }
}
