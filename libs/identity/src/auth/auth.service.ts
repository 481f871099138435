import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { Actor } from '@app/common';
import { ApiToken } from '../entities/api-token.entity';
import { Membership } from '../entities/membership.entity';
import { SignInAttempt } from '../entities/sign-in-attempt.entity';
import { User } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { hashPassword, verifyPassword } from '../services/passwords';

/** Wrong tries allowed per account (and 3x per address) within THROTTLE_WINDOW_MS; the next one is refused with 429. */
export const MAX_FAILED_SIGN_INS = 9;
const THROTTLE_WINDOW_MS = 60_000;
const TOKEN_LIFETIME_MS = 12 * 3600_000;

@Injectable()
export class AuthService {
  // Verifying against a real hash for unknown users keeps their timing the same as known ones.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(SignInAttempt) private readonly attempts: Repository<SignInAttempt>,
  ) {}

  /** Checks a username and password, throttled per account and per address; every attempt is recorded. */
  async checkCredentials(rawUsername: string, password: string, address: string): Promise<User> {
    const username = rawUsername.trim().toLowerCase().slice(0, 60);
    const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
    const [byAccount, byAddress] = await Promise.all([
      this.attempts.count({ where: { username, succeeded: false, attemptedAt: MoreThan(since) } }),
      this.attempts.count({ where: { address, succeeded: false, attemptedAt: MoreThan(since) } }),
    ]);
    if (byAccount >= MAX_FAILED_SIGN_INS || byAddress >= MAX_FAILED_SIGN_INS * 3) {
      await this.attempts.insert({ username, address, succeeded: false });
      throw new IdentityError(IdentityErrorCode.TooManyAttempts, 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau một phút', { retryAfterSeconds: 60 });
    }
    const user = await this.users.findOne({ where: { username }, select: { id: true, username: true, fullName: true, email: true, active: true, passwordHash: true } });
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    await this.attempts.insert({ username, address, succeeded: ok && !!user?.active });
    if (!user || !ok || !user.active) {
      throw new IdentityError(IdentityErrorCode.BadCredentials, 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    return user;
  }

  /** Step-up: the signed-in person re-enters the password before a signature. */
  async confirmPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, passwordHash: true } });
    return !!user && (await verifyPassword(user.passwordHash, password));
  }

  async issueToken(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS);
    await this.tokens.insert({ userId, tokenHash: sha256(token), expiresAt });
    return { token, expiresAt };
  }

  async revokeToken(token: string): Promise<void> {
    await this.tokens.delete({ tokenHash: sha256(token) });
  }

  async actorForToken(token: string): Promise<Actor | null> {
    const row = await this.tokens.findOne({ where: { tokenHash: sha256(token), expiresAt: MoreThan(new Date()) } });
    return row ? this.loadActor(row.userId, 'token') : null;
  }

  async loadActor(userId: string, via: Actor['via']): Promise<Actor | null> {
    const user = await this.users.findOne({ where: { id: userId, active: true } });
    if (!user) return null;
    const memberships = await this.memberships.find({ where: { userId } });
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      via,
      installationAdmin: user.installationAdmin,
      memberships: memberships.map((m) => ({ organizationId: m.organizationId, roles: m.roles })),
    };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
