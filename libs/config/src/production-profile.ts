import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

/** Session secrets that ship in the repository (tests, examples): never good enough for production. */
const KNOWN_SECRETS = ['test-session-secret-0123456789', 'change-me-change-me', 'kehoach-session-secret'];

/**
 * NODE_ENV=production refuses to start with what is fine for a demo and dangerous for an
 * office: demo data with a known password, a default or generated session secret, a CA created
 * by the application or kept unencrypted, a PKCS#12 passphrase that is not given.
 * Returns one message per problem, naming the variable to set.
 */
export function productionProblems(config: AppConfig, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (config.demo) problems.push('NODE_ENV=production: DEMO phải là 0 (dữ liệu mẫu có mật khẩu ai cũng biết) / demo data is refused');
  if (!env.SESSION_SECRET || KNOWN_SECRETS.includes(env.SESSION_SECRET)) {
    problems.push('NODE_ENV=production: cần đặt SESSION_SECRET riêng, ngẫu nhiên, 32+ ký tự / a default or generated session secret is refused');
  }
  if (config.pkiAutoCreate)
    problems.push('NODE_ENV=production: PKI_AUTO_CREATE phải là 0 và PKI_DIR chỉ tới chứng thư số do CA cấp / an auto-created CA is refused');
  if (!env.PKI_PASSPHRASE) problems.push('NODE_ENV=production: cần đặt PKI_PASSPHRASE (mật khẩu các tệp .p12) / PKI_PASSPHRASE is missing');
  const caKey = join(config.pkiDir, 'ca.key.pem');
  if (existsSync(caKey) && !readFileSync(caKey, 'utf8').includes('ENCRYPTED')) {
    problems.push(`NODE_ENV=production: khóa CA ${caKey} không được mã hóa: chuyển khóa CA ra khỏi máy chủ / an unencrypted CA key is refused`);
  }
  const owner = config.migrationDatabaseUrl && new URL(config.migrationDatabaseUrl).username;
  if (config.externalDatabase && (!owner || owner === new URL(config.databaseUrl).username)) {
    problems.push(
      'NODE_ENV=production: cần MIGRATION_DATABASE_URL với vai trò sở hữu bảng, khác vai trò của DATABASE_URL (máy chủ chỉ được INSERT, SELECT nhật ký) / the owner role for migrations is missing',
    );
  }
  if (!env.AUDIT_SIGNING_KEY_FILE || !existsSync(config.auditSigningKeyFile)) {
    problems.push(
      'NODE_ENV=production: cần AUDIT_SIGNING_KEY_FILE chỉ tới khóa ký đầu chuỗi nhật ký (Ed25519, PEM) do quản trị tạo / the audit signing key file is missing',
    );
  }
  return problems;
}
