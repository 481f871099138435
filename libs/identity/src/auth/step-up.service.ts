import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { StepUpFailure } from '../entities/step-up-failure.entity';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { AuthService } from './auth.service';

/** Wrong step-up passwords allowed within STEP_UP_WINDOW_MINUTES; then the person's signing is locked. */
export const STEP_UP_MAX_FAILURES = 5;
export const STEP_UP_WINDOW_MINUTES = 15;

/**
 * The password asked again before a signature. Guessing it is throttled per person in
 * PostgreSQL (several server processes share the count): after 5 wrong ones in 15 minutes
 * the person cannot sign until the oldest of them is 15 minutes old.
 */
@Injectable()
export class StepUpService {
  constructor(
    private readonly auth: AuthService,
    @InjectRepository(StepUpFailure) private readonly failures: Repository<StepUpFailure>,
  ) {}

  /** 429 while the person's signing is locked; nothing is written. */
  async requireNotLocked(userId: string): Promise<void> {
    const recent: { n: number; oldest: Date | null }[] = await this.failures.query(
      `SELECT count(*)::int AS n, min(failed_at) AS oldest FROM step_up_failure WHERE user_id = $1 AND failed_at > now() - make_interval(mins => $2)`,
      [userId, STEP_UP_WINDOW_MINUTES],
    );
    if (recent[0].n >= STEP_UP_MAX_FAILURES) {
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(recent[0].oldest!).getTime() + STEP_UP_WINDOW_MINUTES * 60_000 - Date.now()) / 1000));
      throw new IdentityError(
        IdentityErrorCode.SigningLocked,
        `Nhập sai mật khẩu khi ký quá ${STEP_UP_MAX_FAILURES} lần: chức năng ký của bạn tạm khóa, vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút`,
        { retryAfterSeconds },
      );
    }
  }

  confirm(userId: string, password: string): Promise<boolean> {
    return this.auth.confirmPassword(userId, password);
  }

  /**
   * Records one wrong password in the caller's transaction; says whether it is the one that
   * locks signing (so that the lock is recorded once). Serialized per person.
   */
  async recordFailure(manager: EntityManager, userId: string): Promise<{ lockedNow: boolean }> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`step-up:${userId}`]);
    await manager.insert(StepUpFailure, { userId });
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM step_up_failure WHERE user_id = $1 AND failed_at > now() - make_interval(mins => $2)`,
      [userId, STEP_UP_WINDOW_MINUTES],
    );
    return { lockedNow: n === STEP_UP_MAX_FAILURES };
  }
}
