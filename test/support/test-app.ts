import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppConfig, loadConfig } from '@app/config';
import { DEMO_PASSWORD, demoUsers } from '@app/identity';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { createRoleSplitDatabase, createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  databaseUrl: string;
  /** With `roleSplit`: the owner role's URL (the server's role is databaseUrl's). */
  ownerUrl: string | null;
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  /** A bearer token for a user (demo users share DEMO_PASSWORD, users the tests create TEST_USER_PASSWORD). */
  token(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

const tokenCache = new WeakMap<object, Map<string, string>>();

/** The password of the users tests create: long and uncommon enough for the password policy. */
export const TEST_USER_PASSWORD = 'Nguoi-thu-Binh-Dinh-2024';
const DEMO_USERNAMES = new Set(demoUsers().map((u) => u.username));

/** The password a user signs in and signs with in the tests: the demo's, or the one tests give the users they create. */
export function passwordOf(username: string): string {
  return DEMO_USERNAMES.has(username) ? DEMO_PASSWORD : TEST_USER_PASSWORD;
}

/**
 * The real application on a fresh database: real migrations, real PostgreSQL, demo
 * organizations and users when `demo` is set. Extra environment overrides the defaults.
 * `roleSplit`: as production runs, migrations as an owner role, the application as a role that
 * may only INSERT and SELECT the audit trail.
 */
export async function createTestApp(
  options: { demo?: boolean; databaseUrl?: string; env?: Record<string, string>; roleSplit?: boolean } = {},
): Promise<TestApp> {
  const split = options.roleSplit ? await createRoleSplitDatabase({ demo: options.demo ?? true }) : null;
  const databaseUrl = split?.serverUrl ?? options.databaseUrl ?? (await createTestDatabase({ demo: options.demo ?? true }));
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-app-')),
      DEMO: '0',
      LOG_LEVEL: 'error',
      SESSION_SECRET: 'test-session-secret-0123456789',
      RUN_WORKERS: '1',
      ...(split ? { MIGRATION_DATABASE_URL: split.ownerUrl } : {}),
      ...options.env,
    },
    process.cwd(),
  );
  const app = await createServerApp(config);
  const http = app.getHttpServer();
  const tokens = new Map<string, string>();
  const testApp: TestApp = {
    app,
    config,
    databaseUrl,
    ownerUrl: split?.ownerUrl ?? null,
    http,
    async token(username, password = passwordOf(username)) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(http).post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.token);
      return res.body.token;
    },
    close: () => app.close(),
  };
  tokenCache.set(testApp, tokens);
  return testApp;
}
