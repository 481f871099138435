import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Item, PlanContent, PlansDemoLoaderService, readSeedPlans } from '@app/plans';
import { createTestApp, TestApp } from '../support/test-app';
import { createPlan, planContent } from '../support/plan-factory';

const FIXTURES = join(__dirname, '..', 'fixtures');
const seeds = readSeedPlans(FIXTURES);

describe('plans: seed fixtures, import/export, format check, demo plans', () => {
  let t: TestApp;
  let db: DataSource;
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const userId = async (username: string) => (await db.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id as string;
  const orgId = async (code: string) => (await db.query(`SELECT id FROM organization WHERE code = $1`, [code]))[0].id as string;
  const check = async (id: string, username: string, date?: string) =>
    (
      await request(t.http)
        .get(`/api/plans/${id}/check${date ? `?date=${date}` : ''}`)
        .set('Authorization', await auth(username))
        .expect(200)
    ).body;
  const codes = (problems: { code: string }[]) => [...new Set(problems.map((p) => p.code))].sort();

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('the demo loader puts the seeds as drafts at bcd-duk, bcd-dp and ubnd-nh, once (first: the imports below repeat their summaries)', async () => {
    const loader = t.app.get(PlansDemoLoaderService);
    const countAt = async (code: string) =>
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM plan p JOIN organization o ON o.id = p.organization_id WHERE o.code = $1`, [code]))[0].n,
      );
    const counts = async () => ({ bcd: await countAt('bcd-duk'), dp: await countAt('bcd-dp'), nh: await countAt('ubnd-nh') });
    const before = await counts();
    expect(await loader.load({ today: '2024-01-24' })).toEqual({ plansCreated: 3 });
    expect(await loader.load({ today: '2024-01-24' })).toEqual({ plansCreated: 0 });
    // Another year: the same plans, moved to that year, are not loaded again.
    expect(await loader.load({ today: '2026-12-06' })).toEqual({ plansCreated: 0 });
    expect(await counts()).toEqual({ bcd: before.bcd + 1, dp: before.dp + 1, nh: before.nh + 1 });
    const khoi = (
      await db.query(`SELECT id FROM plan WHERE summary = $1 AND created_by_id = $2`, [
        'triển khai một số nhiệm vụ trọng tâm\nthực hiện dân chủ ở cơ sở năm 2024',
        await userId('bcd-duk.drafter'),
      ])
    )[0].id;
    const report = await check(khoi, 'bcd-duk.drafter', '2024-01-24');
    expect(report.errors).toEqual([]);
    expect(codes(report.warnings)).toEqual(['reference_year_mismatch']);
    const plan = (
      await request(t.http)
        .get(`/api/plans/${khoi}`)
        .set('Authorization', await auth('bcd-duk.drafter'))
        .expect(200)
    ).body;
    expect(plan.content.signature).toMatchObject({ signerUserId: await userId('bcd-duk.signer'), authorityId: expect.any(String) });
  });

  it('has the three seeds', () => {
    expect(seeds.map((s) => s.facts.fixture).sort()).toEqual([
      'party-khoi-2024-04-KH-BCD.json',
      'party-thixa-2023-draft.json',
      'state-xa-2024-48-KH-UBND.json',
    ]);
  });

  describe.each(seeds.map((s) => [s.facts.fixture, s] as const))('seed %s', (_name, { facts }) => {
    const raw = () => readFileSync(join(FIXTURES, facts.fixture), 'utf8');
    const drafter = `${facts.organizationCode}.drafter`;

    it('imports through the API, exports back to the same JSON, and re-imports', async () => {
      const fixture = JSON.parse(raw()) as PlanContent;
      const imported = await request(t.http)
        .post('/api/plans/import.json')
        .set('Authorization', await auth(drafter))
        .send({ content: fixture })
        .expect(201);
      expect(imported.body).toMatchObject({ state: 'draft', version: 1, family: facts.family, warnings: [] });
      const exported = await request(t.http)
        .get(`/api/plans/${imported.body.id}/export.json`)
        .set('Authorization', await auth(drafter))
        .expect(200);
      expect(exported.body).toMatchObject({
        format: 'kehoach.plan',
        formatVersion: 1,
        plan: { id: imported.body.id, organizationCode: facts.organizationCode, state: 'draft' },
      });
      // byte for byte: same keys in the same order, same text
      expect(`${JSON.stringify(exported.body.content, null, 2)}\n`).toBe(raw());

      // the whole export imports again as a new draft with the same content
      const again = await request(t.http)
        .post('/api/plans/import.json')
        .set('Authorization', await auth(drafter))
        .send(exported.body)
        .expect(201);
      expect(again.body.id).not.toBe(imported.body.id);
      expect(again.body.content).toEqual(fixture);
      expect(again.body.contentSha256).toBe(imported.body.contentSha256);
    });

    it('passes the format check on its date, or reports exactly the defects the real document has', async () => {
      const id = (
        await request(t.http)
          .post('/api/plans/import.json')
          .set('Authorization', await auth(drafter))
          .send({ content: JSON.parse(raw()) })
          .expect(201)
      ).body.id;
      const report = await check(id, drafter, facts.checkDate);
      expect(report).toMatchObject({ planId: id, version: 1, date: facts.checkDate, family: facts.family, passed: facts.formatErrors.length === 0 });
      expect(codes(report.errors)).toEqual([...facts.formatErrors].sort());
      expect(codes(report.warnings)).toEqual([...facts.formatWarnings].sort());
    });
  });

  it('with the signer bound to the demo signer, the issued seeds pass without the signer warning', async () => {
    for (const { facts, content } of seeds.filter((s) => s.facts.status === 'issued')) {
      const signer = `${facts.organizationCode}.signer`;
      const bound: PlanContent = { ...content, signature: { ...content.signature, signerUserId: await userId(signer) } };
      const id = await createPlan(t, `${facts.organizationCode}.drafter`, bound);
      const report = await check(id, `${facts.organizationCode}.drafter`, facts.checkDate);
      expect({ fixture: facts.fixture, errors: report.errors }).toEqual({ fixture: facts.fixture, errors: [] });
      expect(codes(report.warnings)).not.toContain('signer_not_chosen');
    }
  });

  it('an import from another system drops links to what does not exist here and says so', async () => {
    const content = JSON.parse(readFileSync(join(FIXTURES, 'state-xa-2024-48-KH-UBND.json'), 'utf8')) as PlanContent;
    const elsewhere = '11111111-1111-4111-8111-111111111111';
    content.recipients[0].organizationId = elsewhere;
    content.preamble.references[3].planId = '22222222-2222-4222-8222-222222222222';
    content.signature.signerUserId = '33333333-3333-4333-8333-333333333333';
    const ubndAn = await orgId('ubnd-an');
    content.reportingDuties[0].toOrganizationId = ubndAn;
    const res = await request(t.http)
      .post('/api/plans/import.json')
      .set('Authorization', await auth('ubnd-nh.drafter'))
      .send({ format: 'kehoach.plan', formatVersion: 1, plan: { id: 'x' }, content })
      .expect(201);
    expect(res.body.warnings.map((w: { path: string; code: string }) => `${w.path} ${w.code}`)).toEqual([
      'content.preamble.references.3.planId unknown_plan',
      'content.recipients.0.organizationId unknown_organization',
      'content.signature.signerUserId unknown_user',
    ]);
    expect(res.body.content.recipients[0].organizationId).toBeNull();
    expect(res.body.content.preamble.references[3].planId).toBeNull();
    expect(res.body.content.signature.signerUserId).toBeNull();
    expect(res.body.content.reportingDuties[0].toOrganizationId).toBe(ubndAn);
    // a malformed import is refused whole
    const before = Number((await db.query(`SELECT count(*)::int AS n FROM plan`))[0].n);
    const bad = await request(t.http)
      .post('/api/plans/import.json')
      .set('Authorization', await auth('ubnd-nh.drafter'))
      .send({ format: 'other', content: { schemaVersion: 2 } })
      .expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('format');
    const badContent = await request(t.http)
      .post('/api/plans/import.json')
      .set('Authorization', await auth('ubnd-nh.drafter'))
      .send({ content: { schemaVersion: 2 } })
      .expect(422);
    expect(badContent.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['content.schemaVersion', 'content.summary']));
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM plan`))[0].n)).toBe(before);
  });

  describe('format check', () => {
    it('a good plan whose signer holds the authority passes with no error and no warning', async () => {
      const content = planContent();
      content.signature.signerUserId = await userId('bcd-duk.signer');
      const id = await createPlan(t, 'bcd-duk.drafter', content);
      const report = await check(id, 'bcd-duk.drafter', '2024-01-24');
      expect(report).toMatchObject({ passed: true, errors: [], warnings: [] });
    });

    it('the signer must hold that authority on the expected date', async () => {
      const content = planContent();
      content.signature.signerUserId = await userId('bcd-duk.signer');
      const id = await createPlan(t, 'bcd-duk.drafter', content);
      // the demo authority starts on 2020-01-01
      expect(codes((await check(id, 'bcd-duk.drafter', '2019-12-31')).errors)).toContain('signer_lacks_authority');
      // a signer of another organization holds no authority here
      const other = planContent();
      other.signature.signerUserId = await userId('tu-bd.signer');
      const otherId = await createPlan(t, 'bcd-duk.drafter', other);
      expect(codes((await check(otherId, 'bcd-duk.drafter', '2024-01-24')).errors)).toEqual(['signer_lacks_authority']);
      // an authority valid on the date, but with other capacity lines
      const wrongLines = planContent();
      wrongLines.signature.signerUserId = await userId('bcd-duk.signer');
      wrongLines.signature.capacityLines = ['T/M BAN CHỈ ĐẠO', 'TRƯỞNG BAN'];
      const wrongId = await createPlan(t, 'bcd-duk.drafter', wrongLines);
      expect(codes((await check(wrongId, 'bcd-duk.drafter', '2024-01-24')).errors)).toEqual(['signer_lacks_authority']);
    });

    it('a plan with each error reports each, with path and Vietnamese message', async () => {
      const content = planContent({ summary: '' });
      content.parts[0].children = [];
      const tasks = (content.parts[1].children[0] as Item).children as Item[];
      tasks[0].task!.carriedOutBy = '';
      tasks[1].task!.timeframe = { kind: 'text', text: '' };
      content.reportingDuties[0].deadline = '2024-01-10';
      content.recipients[1] = { ...content.recipients[1], purpose: 'inform', mustImplement: true, implementationDueDate: '2024-01-01' };
      content.recipients.push({ ...content.recipients[0], id: 'r-last' });
      content.signature.capacityLines = ['TM. BAN CHỈ ĐẠO', 'K/T TRƯỞNG BAN'];
      content.signature.signerUserId = await userId('bcd-duk.signer');
      (content.parts[2].children[0] as { text: string }).text = 'Báo cáo trước ngày 31/6/2024.';
      const id = await createPlan(t, 'bcd-duk.drafter', content);
      const report = await check(id, 'bcd-duk.drafter', '2024-01-24');
      expect(report.passed).toBe(false);
      expect(codes(report.errors)).toEqual(
        [
          'summary_missing',
          'empty_part',
          'task_without_carrier',
          'task_without_time',
          'deadline_not_after_plan_date',
          'implementing_recipient_purpose',
          'due_date_not_after_plan_date',
          'archive_not_last',
          'archive_copy_missing',
          'capacity_wrong_family',
          'signature_title_missing',
          'signer_lacks_authority',
          'invalid_date',
        ].sort(),
      );
      for (const e of report.errors)
        expect(e).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.stringMatching(/[à-ỹ]/) });

      const bare = planContent({
        parts: [],
        recipients: [],
        signature: { capacityLines: [], signerName: '', signerUserId: null, authorityId: null },
      });
      const bareId = await createPlan(t, 'bcd-duk.drafter', bare);
      expect(codes((await check(bareId, 'bcd-duk.drafter', '2024-01-24')).errors)).toEqual(['no_parts', 'recipients_missing', 'signature_missing']);
    });

    it('checks against the date line, or today, unless a date is given; a bad date is 422', async () => {
      const id = await createPlan(t, 'bcd-duk.drafter');
      // the factory's deadline (2024-06-15) has passed by today
      expect(codes((await check(id, 'bcd-duk.drafter')).errors)).toEqual(['deadline_not_after_plan_date']);
      await db.query(`UPDATE plan SET issued_on = '2024-02-01' WHERE id = $1`, [id]);
      expect((await check(id, 'bcd-duk.drafter')).date).toBe('2024-02-01');
      expect((await check(id, 'bcd-duk.drafter')).errors).toEqual([]);
      await request(t.http)
        .get(`/api/plans/${id}/check?date=2024-02-30`)
        .set('Authorization', await auth('bcd-duk.drafter'))
        .expect(422);
    });
  });
});
