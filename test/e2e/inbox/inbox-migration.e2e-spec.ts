import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, MigrationInterface } from 'typeorm';
import { cascadeNoticeKey } from '@app/cascade';
import { dataSourceOptions } from '@app/db';
import { createTestDatabase } from '../../support/test-database';

const MIGRATIONS = join(__dirname, '..', '..', '..', 'libs', 'db', 'src', 'migrations');

type MigrationClass = new () => MigrationInterface;

/** The committed migrations in order, each with its timestamp, as the CLI and the app run them. */
function migrations(): { timestamp: number; name: string; cls: MigrationClass }[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .map((file) => {
      const exported = Object.values(require(join(MIGRATIONS, file)) as Record<string, MigrationClass>)[0];
      return { timestamp: Number(file.split('-')[0]), name: file.replace(/^\d+-|\.ts$/g, ''), cls: exported };
    })
    .sort((a, b) => a.timestamp - b.timestamp);
}

/**
 * The one inbox replaced three tables. A database migrated before it, holding notices in each of
 * them, keeps every notice through the migration: same id, person, plan, text, times, read or not,
 * kinds told apart, the dedupe key the services write now (so that a job run again adds nothing).
 */
describe('inbox migration: every notice of the three former tables moves into the one inbox', () => {
  const all = migrations();
  const inbox = all.find((m) => m.name === 'Inbox')!;
  let url: string;
  let before: DataSource;
  let after: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase({ empty: true });
    before = new DataSource({
      ...dataSourceOptions(url),
      logging: ['error'],
      migrations: all.filter((m) => m.timestamp < inbox.timestamp).map((m) => m.cls),
    });
    await before.initialize();
    await before.runMigrations();
    // The people and bodies it needs, written in that schema's own SQL (today's entities have columns it lacks).
    await before.query(
      `INSERT INTO organization (code, family, level, full_name, short_name, symbol_abbreviation, place_name, header_name, version) VALUES
         ('bcd-duk', 'party', 2, 'Ban Chỉ đạo', 'Ban Chỉ đạo', 'BCĐ', 'Bình Định', 'BAN CHỈ ĐẠO', 1),
         ('db-stc', 'party', 3, 'Đảng bộ Sở Tài chính', 'Đảng bộ Sở Tài chính', 'ĐU', 'Bình Định', 'ĐẢNG BỘ SỞ TÀI CHÍNH', 1)`,
    );
    await before.query(
      `INSERT INTO app_user (username, full_name, password_hash, version) VALUES ('bcd-duk.drafter', 'Người soạn', 'x', 1), ('db-stc.clerk', 'Văn thư', 'x', 1), ('db-stc.signer', 'Người ký', 'x', 1)`,
    );
  });
  afterAll(async () => {
    await before?.destroy().catch(() => undefined);
    await after?.destroy();
  });

  it('keeps them all, with their kinds, and drops the former tables', async () => {
    const q = (sql: string, params: unknown[] = []) => before.query(sql, params);
    const user = async (username: string) => (await q(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id as string;
    const org = async (code: string) => (await q(`SELECT id FROM organization WHERE code = $1`, [code]))[0].id as string;
    const [drafter, clerk, signer, issuer, receiver] = await Promise.all([
      user('bcd-duk.drafter'),
      user('db-stc.clerk'),
      user('db-stc.signer'),
      org('bcd-duk'),
      org('db-stc'),
    ]);
    const [{ id: planId }] = await q(
      `INSERT INTO plan (organization_id, document_type, summary, created_by_id, row_version) VALUES ($1, 'KH', 'Kế hoạch thử chuyển thông báo', $2, 1) RETURNING id`,
      [issuer, drafter],
    );
    const [{ id: deliveryId }] = await q(
      `INSERT INTO delivery (plan_id, recipient_id, recipient_name, channel, target, organization_id, row_version) VALUES ($1, 'r1', 'Đảng bộ Sở Tài chính', 'inbox', $2::text, $2::uuid, 1) RETURNING id`,
      [planId, receiver],
    );
    const [{ id: incomingId }] = await q(
      `INSERT INTO incoming_document (organization_id, plan_id, delivery_id, sender_organization_id, received_at, row_version) VALUES ($1, $2, $3, $4, now(), 1) RETURNING id`,
      [receiver, planId, deliveryId, issuer],
    );
    await q(
      `INSERT INTO notification (user_id, plan_id, kind, message, dedupe_key, created_at, read_at) VALUES
         ($1, $2, 'returned', 'Kế hoạch bị trả lại: cần sửa', $4, '2026-01-02T03:04:05Z', '2026-01-03T00:00:00Z'),
         ($1, $2, 'signed', 'Kế hoạch đã được ký', $5, '2026-01-04T00:00:00Z', NULL),
         ($3, NULL, 'reminder', 'Nhắc việc không gắn kế hoạch', 'other:1', '2026-01-05T00:00:00Z', NULL)`,
      [drafter, planId, signer, `plan:${planId}:transition:3`, `plan:${planId}:transition:7`],
    );
    await q(
      `INSERT INTO incoming_notification (user_id, incoming_document_id, organization_id, plan_id, message, read_at) VALUES
         ($1, $3, $4, $5, 'Văn bản đến: Kế hoạch số 04-KH/BCĐ', NULL), ($2, $3, $4, $5, 'Văn bản đến: Kế hoạch số 04-KH/BCĐ', now())`,
      [clerk, signer, incomingId, receiver, planId],
    );
    await q(
      `INSERT INTO cascade_notice (kind, user_id, organization_id, plan_id, due_date, message, read_at) VALUES
         ('child_plan_assigned', $1, $2, $3, '2026-02-01', 'Cần xây dựng kế hoạch thực hiện', NULL),
         ('due_reminder', $1, $2, $3, '2026-02-01', 'Sắp đến hạn', '2026-01-30T00:00:00Z'),
         ('overdue', $4, $5, $3, '2026-02-01', 'Quá hạn', NULL)`,
      [clerk, receiver, planId, drafter, issuer],
    );
    const old = {
      workflow: await q(`SELECT id, user_id, plan_id, kind::text, message, dedupe_key, created_at, read_at FROM notification ORDER BY id`),
      incoming: await q(
        `SELECT id, user_id, plan_id, organization_id, incoming_document_id, message, created_at, read_at FROM incoming_notification ORDER BY id`,
      ),
      cascade: await q(
        `SELECT id, user_id, plan_id, organization_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, kind::text, message, created_at, read_at FROM cascade_notice ORDER BY id`,
      ),
    };
    await before.destroy();

    after = new DataSource({ ...dataSourceOptions(url), logging: ['error'] });
    await after.initialize();
    await after.runMigrations();
    const rows: Record<string, unknown>[] = await after.query(
      `SELECT id, user_id, plan_id, organization_id, incoming_document_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, kind::text, message, dedupe_key, created_at, read_at FROM inbox_notice ORDER BY id`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows).toHaveLength(old.workflow.length + old.incoming.length + old.cascade.length);
    for (const n of old.workflow) expect(byId.get(n.id)).toEqual({ ...n, organization_id: null, incoming_document_id: null, due_date: null });
    for (const n of old.incoming) {
      expect(byId.get(n.id)).toEqual({ ...n, kind: 'incoming_document', due_date: null, dedupe_key: `incoming:${incomingId}` });
    }
    for (const n of old.cascade) {
      expect(byId.get(n.id)).toEqual({ ...n, incoming_document_id: null, dedupe_key: cascadeNoticeKey(n.kind, n.plan_id, n.due_date) });
    }
    const left = await after.query(
      `SELECT to_regclass('notification') AS a, to_regclass('incoming_notification') AS b, to_regclass('cascade_notice') AS c`,
    );
    expect(left).toEqual([{ a: null, b: null, c: null }]);

    // And back: the down migration puts each notice in its former table again.
    const runner = after.createQueryRunner();
    try {
      await new inbox.cls().down(runner);
      expect((await runner.query(`SELECT id FROM notification ORDER BY id`)).map((r: { id: string }) => r.id)).toEqual(
        old.workflow.map((r: { id: string }) => r.id),
      );
      expect(
        await runner.query(
          `SELECT id, user_id, plan_id, organization_id, incoming_document_id, message, created_at, read_at FROM incoming_notification ORDER BY id`,
        ),
      ).toEqual(old.incoming);
      expect(
        await runner.query(
          `SELECT id, user_id, plan_id, organization_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, kind::text, message, created_at, read_at FROM cascade_notice ORDER BY id`,
        ),
      ).toEqual(old.cascade);
      await new inbox.cls().up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM inbox_notice`)).toEqual([{ n: rows.length }]);
    } finally {
      await runner.release();
    }
  });
});
