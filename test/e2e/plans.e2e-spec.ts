import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';
import { createPlan, planContent } from '../support/plan-factory';

describe('plans: drafting API', () => {
  let t: TestApp;
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const count = async (table: string) => Number((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('creates a draft (201, version 1) that its drafter reads back with computed numbering', async () => {
    const content = planContent({ summary: '  thực hiện  dân chủ ở cơ sở  ' });
    const res = await request(t.http).post('/api/plans').set('Authorization', await auth('bcd-duk.drafter')).send({ content }).expect(201);
    expect(res.body).toMatchObject({ version: 1, currentVersion: 1, state: 'draft', documentType: 'KH', family: 'party', summary: 'thực hiện dân chủ ở cơ sở' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await request(t.http).get(`/api/plans/${res.body.id}`).set('Authorization', await auth('bcd-duk.drafter')).expect(200);
    expect(got.body.content).toEqual({ ...content, summary: 'thực hiện dân chủ ở cơ sở' });
    expect(got.body.numbering).toMatchObject({ p1: 'I-', p2: 'II-', p3: 'III-', i1: '1.', t1: '1.1.', t2: '1.2.' });
  });

  it('stores text as NFC, trimmed', async () => {
    const decomposed = 'ke\u0302\u0301 hoa\u0323ch'; // "kế hoạch" in NFD
    const id = await createPlan(t, 'bcd-duk.drafter', planContent({ summary: `  ${decomposed}  ` }));
    const row = (await t.app.get(DataSource).query(`SELECT content->>'summary' AS summary FROM plan_version WHERE plan_id = $1`, [id]))[0];
    expect(row.summary).toBe('kế hoạch');
    expect(row.summary).toBe(row.summary.normalize('NFC'));
  });

  it('a user without the drafter role cannot create a plan (403) and nothing is written', async () => {
    const before = await count('plan');
    const res = await request(t.http).post('/api/plans').set('Authorization', await auth('bcd-duk.reviewer')).send({ content: planContent() }).expect(403);
    expect(res.body.code).toBe('forbidden');
    expect(await count('plan')).toBe(before);
  });
});
