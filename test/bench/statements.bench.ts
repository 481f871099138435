/**
 * `npm run bench:statements`: how many SQL statements one request costs, counted in the server's
 * own `pg` client (every `query` call, BEGIN and COMMIT included), for the requests of the
 * workflow bench: SUBMIT and WITHDRAW, then the road SUBMIT → APPROVE → APPROVE → SIGN, each with
 * If-Match and an Idempotency-Key, plus the replay of one key. Round trips are what a transition
 * costs (docs/workflow.md, "Where a transition's time goes"). Nothing is asserted.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { DEMO_PASSWORD } from '@app/identity';
import { PlansService } from '@app/plans';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { planContent } from '../support/plan-factory';
import { withFutureDeadlines } from '../support/workflow-client';
import { login, startBenchDatabase } from './bench-support';

let counted: string[] | null = null;
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  counted?.push(typeof first === 'string' ? first : (first?.text ?? '?'));
  return query.apply(this, args);
} as typeof Client.prototype.query;

async function main(): Promise<void> {
  const db = await startBenchDatabase();
  try {
    const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.root, DEMO: '1', LOG_LEVEL: 'warn', RUN_WORKERS: '0' }, process.cwd());
    const app = await createServerApp(config);
    await app.listen(0, '127.0.0.1');
    const baseUrl = await app.getUrl();
    const source = app.get(DataSource);
    const [org] = await source.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    const [drafter] = await source.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const planId = await source.transaction((manager) =>
      app.get(PlansService).createDraft(manager, { organizationId: org.id, authorId: drafter.id, content: withFutureDeadlines(planContent()) }),
    );
    const tokens: Record<string, string> = {};
    for (const role of ['drafter', 'reviewer', 'format_checker', 'signer']) tokens[role] = await login(baseUrl, `bcd-duk.${role}`, DEMO_PASSWORD);
    let [{ row_version: rowVersion }] = await source.query(`SELECT row_version FROM plan WHERE id = $1`, [planId]);
    const send = async (role: string, body: Record<string, unknown>, key = randomUUID()): Promise<string[]> => {
      counted = [];
      const res = await fetch(`${baseUrl}/api/plans/${planId}/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[role]}`,
          'content-type': 'application/json',
          'if-match': `"${rowVersion}"`,
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      const statements = counted;
      counted = null;
      if (res.status !== 200) throw new Error(`${role} ${String(body.type)}: ${res.status} ${text}`);
      rowVersion = (JSON.parse(text) as { rowVersion: number }).rowVersion;
      return statements;
    };
    const report = (label: string, statements: string[]) => {
      console.log(`${label}: ${statements.length} statements`);
      if (process.env.BENCH_STATEMENTS_SQL) for (const sql of statements) console.log(`    ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    };
    // Warm-up: the first request of a kind compiles code paths and fills the pool.
    await send('drafter', { type: 'SUBMIT' });
    await send('drafter', { type: 'WITHDRAW' });
    report('SUBMIT', await send('drafter', { type: 'SUBMIT' }));
    const key = randomUUID();
    report('WITHDRAW', await send('drafter', { type: 'WITHDRAW' }, key));
    report('WITHDRAW replayed (same Idempotency-Key)', await send('drafter', { type: 'WITHDRAW' }, key));
    report('SUBMIT (road)', await send('drafter', { type: 'SUBMIT' }));
    report('APPROVE (reviewer)', await send('reviewer', { type: 'APPROVE' }));
    report('APPROVE (format checker)', await send('format_checker', { type: 'APPROVE' }));
    report('SIGN', await send('signer', { type: 'SIGN', password: DEMO_PASSWORD }));
    await app.close();
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
