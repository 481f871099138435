import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { VerificationRateLimitService } from '../services/verification-rate-limit.service';

/** Every request to /v/* counts against its client address's limit, found or not, before anything is read. */
@Injectable()
export class VerificationRateLimitGuard implements CanActivate {
  constructor(private readonly limit: VerificationRateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    await this.limit.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    return true;
  }
}
