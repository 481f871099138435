import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ensureDatabase, withDatabase } from '@app/db';
import { DebianPostgres, debianClientMajor, startDebianPostgres } from '../../support/debian-postgres';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor, withFutureDeadlines } from '../../support/workflow-client';

jest.setTimeout(600_000);
const run = promisify(execFile);

/**
 * `npm run backup` then `npm run restore` into a new, empty database: the restored database has
 * every audit chain valid (the application's own check) and every issued PDF with the same
 * SHA-256 and bytes. Runs on a PostgreSQL that Debian's pg_dump can dump (its own version).
 */
describe('backup and restore: every audit chain valid, every PDF hash equal', () => {
  let server: DebianPostgres;
  let source: TestApp;
  let restored: TestApp | null = null;

  beforeAll(async () => {
    server = await startDebianPostgres(debianClientMajor());
    await ensureDatabase(server.url, 'kehoach_source');
    source = await createTestApp({ databaseUrl: withDatabase(server.url, 'kehoach_source'), env: { DEMO: '1' } });
  });

  afterAll(async () => {
    await restored?.close();
    await source?.close();
    server?.stop();
  });

  it('backs up a database with issued plans and restores it whole into a new one', async () => {
    const db = source.app.get(DataSource);
    for (let i = 0; i < 2; i++) {
      const planId = await createPlan(source, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
      await signThroughApi(source, 'bcd-duk', planId);
      // Settled before the backup: no worker writes to the trail any more.
      await waitFor(
        `distribution of ${planId}`,
        async () => (await db.query(`SELECT state FROM plan WHERE id = $1`, [planId]))[0].state,
        (s) => s === 'distributed',
        120_000,
      );
    }
    const documents = async (d: DataSource) =>
      (await d.query(`SELECT sha256, encode(sha256(bytes), 'hex') AS actual, size FROM stored_document ORDER BY sha256`)) as {
        sha256: string;
        actual: string;
        size: number;
      }[];
    // Hand-overs after issuance (the cascade's job) may still write to the trail: wait for the queue to be idle.
    await waitFor(
      'the queue to be idle',
      async () =>
        Number(
          (
            await db.query(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now() AND name NOT LIKE '\\_\\_%'`,
            )
          )[0].n,
        ),
      (n) => n === 0,
      60_000,
    );
    const before = await documents(db);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const auditRows = Number((await db.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n);

    const file = join(mkdtempSync(join(tmpdir(), 'kehoach-backup-')), 'kehoach.dump');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-backup-data-')) };
    const backup = await run('npm', ['run', '--silent', 'backup', '--', file], { env: { ...env, DATABASE_URL: source.databaseUrl } });
    expect(backup.stdout).toContain(`${before.length} documents, ${auditRows} audit rows`);

    // Into a non-empty database: refused, nothing changed.
    await expect(run('npm', ['run', '--silent', 'restore', '--', file], { env: { ...env, DATABASE_URL: source.databaseUrl } })).rejects.toMatchObject(
      {
        stderr: expect.stringContaining('không rỗng'),
      },
    );

    await ensureDatabase(server.url, 'kehoach_restored');
    const target = withDatabase(server.url, 'kehoach_restored');
    const restore = await run('npm', ['run', '--silent', 'restore', '--', file], { env: { ...env, DATABASE_URL: target } });
    expect(restore.stdout).toContain(`${before.length} documents checked`);

    // The heads of the chains were signed with the source's key file, which a restore needs too.
    restored = await createTestApp({ databaseUrl: target, env: { RUN_WORKERS: '0', AUDIT_SIGNING_KEY_FILE: source.config.auditSigningKeyFile } });
    const after = await documents(restored.app.get(DataSource));
    expect(after).toEqual(before);
    expect(after.every((d) => d.actual === d.sha256)).toBe(true);
    const plans = await restored.app
      .get(DataSource)
      .query(
        `SELECT p.pdf_sha256 FROM plan p LEFT JOIN stored_document d ON d.sha256 = p.pdf_sha256 WHERE p.pdf_sha256 IS NOT NULL AND d.sha256 IS NULL`,
      );
    expect(plans).toEqual([]);
    const verify = await request(restored.http)
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${await restored.token('tu-bd.auditor')}`);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null, broken: [] });
    expect(verify.body.signedHeads).toBeGreaterThanOrEqual(2);
    expect(verify.body.events).toBeGreaterThanOrEqual(auditRows);
  });
});
