import { EntityManager } from 'typeorm';

/** Ends every web session and bearer token of a person (password reset, deactivation, new password). */
export async function endSessionsOf(manager: EntityManager, userId: string, keepSessionId?: string): Promise<void> {
  await manager.query(`DELETE FROM api_token WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM web_session WHERE sess->>'userId' = $1 AND sid <> $2`, [userId, keepSessionId ?? '']);
}
