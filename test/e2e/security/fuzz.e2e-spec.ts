import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createPlan } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';

/**
 * Issue 16: every JSON endpoint of the OpenAPI document, and the import, get random and
 * mutated bodies (fast-check, a bounded number of runs): never a 5xx, and a 4xx writes nothing.
 */
describe('fuzz: JSON endpoints and the import', () => {
  let t: TestApp;
  let db: DataSource;
  let tables: string[];
  const ids: Record<string, string> = {};
  const seed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8'));
  // Rows written on a refusal on purpose: failed sign-ins and wrong signature passwords are recorded to be throttled.
  const WRITTEN_ON_REFUSAL = new Set(['sign_in_attempt', 'step_up_failure', 'web_session', 'migrations']);

  /** Row counts of every table, and the audit trail without the step-up rows written on purpose. */
  const snapshot = async () => {
    const counts = await db.query(tables.map((name) => `SELECT '${name}' AS t, count(*)::int AS n FROM "${name}"`).join(' UNION ALL '));
    const audit = await db.query(
      `SELECT count(*)::int AS n, coalesce(max(at)::text, '') AS last FROM audit_event WHERE event NOT IN ('STEP_UP_FAILED', 'SIGNING_LOCKED')`,
    );
    const changed = await db.query(`SELECT max(updated_at)::text AS users FROM app_user`);
    return JSON.stringify([counts, audit, changed]);
  };

  beforeAll(async () => {
    // No workers: nothing writes behind the requests' backs while they are compared.
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    db = t.app.get(DataSource);
    tables = (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`))
      .map((r: { table_name: string }) => r.table_name)
      .filter((name: string) => !WRITTEN_ON_REFUSAL.has(name));
    ids.plan = await createPlan(t, 'bcd-duk.drafter', seed);
    ids.organization = (await db.query(`SELECT id FROM organization WHERE code = 'bcd-duk'`))[0].id;
    ids.user = (await db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`))[0].id;
  });
  afterAll(() => t.close());

  const pathFor = (template: string, random: string | null) =>
    template.replace(
      /\{([^}]+)\}/g,
      () =>
        random ??
        (template.startsWith('/api/plans')
          ? ids.plan
          : template.startsWith('/api/users')
            ? ids.user
            : template.startsWith('/api/organizations')
              ? ids.organization
              : '6f1c2b3a-0000-4000-8000-000000000000'),
    );

  /** A JSON value: anything at all, or an object with the operation's own property names and random values. */
  const bodies = (properties: string[]) =>
    fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom(...properties, 'type', 'content', 'password', '__proto__', 'constructor'), fc.jsonValue(), { maxKeys: 6 }),
      fc.record(
        { type: fc.constantFrom('SUBMIT', 'SIGN', 'APPROVE', 'RETURN', 'CIRCULATE', 'CANCEL', 'X'), reason: fc.string(), password: fc.string() },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          baseVersion: fc.oneof(fc.integer(), fc.string()),
          content: fc.oneof(
            fc.jsonValue(),
            fc.constant(seed).map((s) => ({ ...s, summary: '' })),
          ),
        },
        { requiredKeys: [] },
      ),
    );

  const RUNS = 8;
  /** Mostly the person the route is for (so that bodies reach validation and the service), sometimes the other. */
  const whoFor = (path: string) => {
    const administration = /^\/api\/(users|authorities|organizations|registers)/.test(path) && !path.endsWith('/review-chain');
    const right = administration ? 'admin' : 'drafter';
    return fc.oneof(
      { arbitrary: fc.constant<'admin' | 'drafter'>(right), weight: 3 },
      { arbitrary: fc.constant<'admin' | 'drafter'>(administration ? 'drafter' : 'admin'), weight: 1 },
    );
  };

  it('never answers 5xx to a JSON endpoint, and writes nothing when it answers 4xx', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const operations: { method: string; path: string; properties: string[] }[] = [];
    for (const [path, item] of Object.entries<Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(item)) {
        if (!['post', 'put', 'patch'].includes(method) || !op.requestBody?.content?.['application/json']) continue;
        if (path === '/api/auth/logout') continue; // ends the token the fuzzing uses
        const ref = op.requestBody.content['application/json'].schema?.$ref?.split('/').pop();
        operations.push({ method, path, properties: Object.keys((ref && doc.components?.schemas?.[ref]?.properties) ?? {}) });
      }
    }
    expect(operations.length).toBeGreaterThan(15);
    const tokens = { admin: await t.token('quantri'), drafter: await t.token('bcd-duk.drafter') };
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(
          bodies(op.properties),
          fc.option(fc.string({ maxLength: 40 }), { freq: 4 }),
          whoFor(op.path),
          async (body, randomId, who) => {
            const before = await snapshot();
            const res = await request(t.http)
              [op.method as 'post'](pathFor(op.path, randomId === null ? null : encodeURIComponent(randomId) || 'x'))
              .set('Authorization', `Bearer ${tokens[who]}`)
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body));
            sent++;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500)
              failures.push(
                `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`,
              );
            if (res.status >= 400 && res.status < 500 && (await snapshot()) !== before)
              failures.push(`${op.method.toUpperCase()} ${op.path} wrote on ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
            return true;
          },
        ),
        { numRuns: RUNS, seed: 16 },
      );
    }
    // a body that is not JSON at all
    const broken = await request(t.http)
      .post('/api/plans')
      .set('Authorization', `Bearer ${tokens.drafter}`)
      .set('Content-Type', 'application/json')
      .send('{"content": [');
    expect(broken.status).toBe(400);
    expect(failures).toEqual([]);
    expect(sent).toBe(operations.length * RUNS);
    console.log(`fuzz: ${operations.length} JSON operations, ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    // the bodies reach past the guard: the validation of paths (400) and of bodies (422)
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 422]));
  });

  it('the import answers random and mutated files with 4xx or 2xx, never 5xx, and writes nothing on 4xx', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('KẾ HOẠCH'), new Paragraph('Thực hiện quy chế dân chủ ở cơ sở năm 2024')] }] }),
    );
    const text = Buffer.from(readFileSync(join(__dirname, '..', '..', 'fixtures', 'seeds', 'party-khoi-2024-04-KH-BCD.txt')));
    const mutated = (original: Buffer) =>
      fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((edits) => {
        const copy = Buffer.from(original);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    const files = fc.tuple(
      fc.oneof(
        fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
        mutated(docx),
        mutated(text),
        fc.constant(docx.subarray(0, docx.length >> 1)),
      ),
      fc.constantFrom('ke-hoach.docx', 'ke-hoach.txt', 'ke-hoach.md', 'ke-hoach.pdf', 'x'),
      fc.boolean(),
    );
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(files, async ([bytes, name, save]) => {
        const before = await snapshot();
        const res = await request(t.http)
          .post(`/api/plans/import${save ? '?save=true' : ''}`)
          .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
          .attach('file', bytes, name);
        if (res.status >= 500) failures.push(`${name} (${bytes.length} bytes) → ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400 && (await snapshot()) !== before) failures.push(`${name} wrote on ${res.status}`);
        return true;
      }),
      { numRuns: 30, seed: 16 },
    );
    expect(failures).toEqual([]);
  });
});
