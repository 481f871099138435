import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor } from '@app/common';
import { preparedQuery } from '@app/db';
import { ApiToken } from '../entities/api-token.entity';
import { Membership } from '../entities/membership.entity';
import { SignInAttempt } from '../entities/sign-in-attempt.entity';
import { User } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { organizationSubtrees } from '../services/administration-scope';
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

  /**
   * Checks a username and password; every attempt is recorded. Per account: the count of recent
   * failures and the recording of this attempt happen under one lock per account, so parallel
   * wrong guesses cannot all pass the count. Per address: a busy address (an office behind one
   * NAT) is refused only for accounts that have failed recently, never for a first correct try.
   */
  async checkCredentials(rawUsername: string, password: string, address: string): Promise<User> {
    const username = rawUsername.trim().toLowerCase().slice(0, 60);
    const attempt = await this.reserveAttempt(username, address.slice(0, 64));
    if (attempt.refused) {
      throw new IdentityError(IdentityErrorCode.TooManyAttempts, 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau một phút', {
        retryAfterSeconds: 60,
      });
    }
    const user = await this.users.findOne({
      where: { username },
      select: { id: true, username: true, fullName: true, email: true, active: true, passwordHash: true },
    });
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok || !user.active) {
      throw new IdentityError(IdentityErrorCode.BadCredentials, 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    await this.attempts.update(attempt.id, { succeeded: true });
    return user;
  }

  /** Records the attempt as failed until the password is verified; says whether it is refused outright. */
  private reserveAttempt(username: string, address: string): Promise<{ id: string; refused: boolean }> {
    return this.attempts.manager.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sign-in:${username}`]);
      const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
      const [counts]: { account: number; address: number }[] = await manager.query(
        `SELECT count(*) FILTER (WHERE username = $1)::int AS account, count(*) FILTER (WHERE address = $2)::int AS address
           FROM sign_in_attempt WHERE NOT succeeded AND attempted_at > $3 AND (username = $1 OR address = $2)`,
        [username, address, since],
      );
      const refused = counts.account >= MAX_FAILED_SIGN_INS || (counts.address >= MAX_FAILED_SIGN_INS * 3 && counts.account > 0);
      const inserted = await manager.insert(SignInAttempt, { username, address, succeeded: false });
      return { id: String(inserted.identifiers[0].id), refused };
    });
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

  /** The person a bearer token stands for: token, person and memberships in one statement (every API request runs it). */
  async actorForToken(token: string): Promise<Actor | null> {
    const [row] = await preparedQuery<ActorRow>(
      this.users.manager,
      `${ACTOR_SELECT} JOIN api_token t ON t.user_id = u.id WHERE t.token_hash = $1 AND t.expires_at > $2 AND u.active`,
      [sha256(token), new Date()],
    );
    return row ? this.actorOf(row, 'token') : null;
  }

  /** The active person with their memberships (a web session's request, a sign-in), in one statement. */
  async loadActor(userId: string, via: Actor['via']): Promise<Actor | null> {
    const [row] = await preparedQuery<ActorRow>(this.users.manager, `${ACTOR_SELECT} WHERE u.id = $1 AND u.active`, [userId]);
    return row ? this.actorOf(row, via) : null;
  }

  private async actorOf(row: ActorRow, via: Actor['via']): Promise<Actor> {
    return {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      via,
      installationAdmin: row.installation_admin,
      memberships: row.memberships,
      // Only auditors cost a statement more: their organizations' subtrees.
      auditedOrganizations: await organizationSubtrees(
        this.memberships.manager,
        row.memberships.filter((m) => m.roles.includes('auditor')).map((m) => m.organizationId),
      ),
    };
  }
}

interface ActorRow {
  id: string;
  username: string;
  full_name: string;
  installation_admin: boolean;
  memberships: Actor['memberships'];
}

const ACTOR_SELECT = `SELECT u.id, u.username, u.full_name, u.installation_admin,
    COALESCE((SELECT json_agg(json_build_object('organizationId', m.organization_id, 'roles', m.roles) ORDER BY m.created_at, m.id)
                FROM membership m WHERE m.user_id = u.id), '[]') AS memberships
  FROM app_user u`;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
