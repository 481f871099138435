import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Actor, hasRole, IS_PUBLIC, REQUIRED_ROLES, Role } from '@app/common';
import { AppConfig } from '@app/config';
import { AuthService } from './auth.service';

const BearerGuard = AuthGuard('bearer');

/**
 * The global guard: a bearer token (API) or the web session identifies the actor; routes
 * marked @Public() let anonymous requests through; @Roles() requires one of the roles.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly bearer = new BearerGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = context.switchToHttp().getRequest();
    if (typeof req.headers.authorization === 'string' && /^bearer /i.test(req.headers.authorization)) {
      await this.bearer.canActivate(context);
    } else if (req.session?.userId) {
      if (this.sessionOutlived(req.session)) {
        // Past its absolute lifetime: the person signs in again, however active they were.
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      } else {
        const actor = await this.auth.loadActor(req.session.userId, 'session');
        if (actor) req.user = actor;
      }
    }
    if (isPublic) return true;
    const actor: Actor | undefined = req.user;
    if (!actor) throw new UnauthorizedException({ code: 'unauthorized', message: 'Cần đăng nhập' });
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((role) => hasRole(actor, role))) {
      throw new ForbiddenException({ code: 'forbidden', message: `Cần một trong các vai trò: ${roles.join(', ')}` });
    }
    return true;
  }

  /** A session without its sign-in time predates the absolute lifetime and ends too. */
  private sessionOutlived(session: { signedInAt?: number }): boolean {
    return typeof session.signedInAt !== 'number' || Date.now() - session.signedInAt > this.config.sessionMaxHours * 3600_000;
  }
}
