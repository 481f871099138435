import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('production profile', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kehoach-prod-'));
  const good = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://kehoach:secret@db:5432/kehoach',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'a-long-random-secret-from-the-operator-0123456789',
    PKI_DIR: join(dataDir, 'pki'),
    PKI_AUTO_CREATE: '0',
    PKI_PASSPHRASE: 'passphrase-of-the-p12-files',
    MIGRATION_DATABASE_URL: 'postgres://kehoach_owner:other-secret@db:5432/kehoach',
    AUDIT_SIGNING_KEY_FILE: join(dataDir, 'audit-signing-key.pem'),
  };
  writeFileSync(good.AUDIT_SIGNING_KEY_FILE, '-----BEGIN PRIVATE KEY-----\nMC4\n-----END PRIVATE KEY-----\n');
  const problems = (env: Record<string, string | undefined>): string[] => {
    try {
      loadConfig(env as NodeJS.ProcessEnv, dataDir);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('starts with what an operator sets', () => {
    expect(problems(good)).toEqual([]);
  });

  it('refuses demo data, a default or generated secret, an auto-created CA, a missing passphrase, and says which', () => {
    const found = problems({ NODE_ENV: 'production', DATA_DIR: dataDir, DEMO: '1' });
    expect(found.join('\n')).toMatch(/DEMO/);
    expect(found.join('\n')).toMatch(/SESSION_SECRET/);
    expect(found.join('\n')).toMatch(/PKI_AUTO_CREATE/);
    expect(found.join('\n')).toMatch(/PKI_PASSPHRASE/);
    expect(problems({ ...good, SESSION_SECRET: 'test-session-secret-0123456789' }).join()).toMatch(/SESSION_SECRET/);
  });

  it('refuses a server that owns the audit trail (no owner role for migrations) or has no key to sign its chains', () => {
    expect(problems({ ...good, MIGRATION_DATABASE_URL: undefined }).join()).toMatch(/MIGRATION_DATABASE_URL/);
    expect(problems({ ...good, MIGRATION_DATABASE_URL: good.DATABASE_URL }).join()).toMatch(/MIGRATION_DATABASE_URL/);
    expect(problems({ ...good, AUDIT_SIGNING_KEY_FILE: undefined }).join()).toMatch(/AUDIT_SIGNING_KEY_FILE/);
    expect(problems({ ...good, AUDIT_SIGNING_KEY_FILE: join(dataDir, 'missing.pem') }).join()).toMatch(/AUDIT_SIGNING_KEY_FILE/);
  });

  it('refuses an unencrypted CA key beside the certificates', () => {
    mkdirSync(good.PKI_DIR, { recursive: true });
    writeFileSync(join(good.PKI_DIR, 'ca.key.pem'), '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n');
    expect(problems(good).join()).toMatch(/ca\.key\.pem/);
    writeFileSync(join(good.PKI_DIR, 'ca.key.pem'), '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
    expect(problems(good)).toEqual([]);
  });

  it('a demo listens on 127.0.0.1 unless HOST says otherwise; an installation on every interface', () => {
    expect(loadConfig({ DATA_DIR: dataDir }, dataDir).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: dataDir, HOST: '0.0.0.0' }, dataDir).host).toBe('0.0.0.0');
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: good.DATABASE_URL }, dataDir).host).toBe('0.0.0.0');
    expect(loadConfig({ DATA_DIR: dataDir }, dataDir).sessionMaxHours).toBe(12);
  });
});
