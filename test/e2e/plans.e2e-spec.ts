import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Item } from '@app/plans';
import { createTestApp, TestApp } from '../support/test-app';
import { createPlan, planContent } from '../support/plan-factory';

describe('plans: drafting API, versions, diff, search, access', () => {
  let t: TestApp;
  let db: DataSource;
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const count = async (table: string) => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const orgId = async (code: string) => (await db.query(`SELECT id FROM organization WHERE code = $1`, [code]))[0].id as string;
  const get = async (path: string, username = 'bcd-duk.drafter') =>
    request(t.http)
      .get(path)
      .set('Authorization', await auth(username));
  const put = async (id: string, baseVersion: number, content: unknown, username = 'bcd-duk.drafter') =>
    request(t.http)
      .put(`/api/plans/${id}/content`)
      .set('Authorization', await auth(username))
      .send({ baseVersion, content });

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('creates a draft (201, version 1) that its drafter reads back with computed numbering', async () => {
      const content = planContent({ summary: '  thực hiện  dân chủ ở cơ sở  ' });
      const res = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ content })
        .expect(201);
      expect(res.body).toMatchObject({
        version: 1,
        currentVersion: 1,
        state: 'draft',
        documentType: 'KH',
        family: 'party',
        summary: 'thực hiện dân chủ ở cơ sở',
        organizationId: await orgId('bcd-duk'),
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).not.toHaveProperty('searchText');
      const got = await (await get(`/api/plans/${res.body.id}`)).body;
      expect(got.content).toEqual({ ...content, summary: 'thực hiện dân chủ ở cơ sở' });
      expect(got.numbering).toMatchObject({ p1: 'I-', p2: 'II-', p3: 'III-', i1: '1.', t1: '1.1.', t2: '1.2.' });
    });

    it('a State organization gets State numbering', async () => {
      const id = await createPlan(
        t,
        'ubnd-nh.drafter',
        planContent({ signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ', signerUserId: null, authorityId: null } }),
      );
      const got = (await get(`/api/plans/${id}`, 'ubnd-nh.drafter')).body;
      expect(got.family).toBe('state');
      expect([got.numbering.p1, got.numbering.p2, got.numbering.i1]).toEqual(['I.', 'II.', '1.']);
    });

    it('stores text as NFC, trimmed', async () => {
      const decomposed = 'ke\u0302\u0301 hoa\u0323ch'; // "kế hoạch" in NFD
      const id = await createPlan(t, 'bcd-duk.drafter', planContent({ summary: `  ${decomposed}  ` }));
      const row = (await db.query(`SELECT content->>'summary' AS summary FROM plan_version WHERE plan_id = $1`, [id]))[0];
      expect(row.summary).toBe('kế hoạch');
      expect(row.summary).toBe(row.summary.normalize('NFC'));
    });

    it('a user without the drafter role cannot create a plan (403) and nothing is written', async () => {
      const before = await count('plan');
      const res = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.reviewer'))
        .send({ content: planContent() })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      expect(await count('plan')).toBe(before);
    });

    it('a drafter cannot create a plan for an organization where they do not draft (403)', async () => {
      const res = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ content: planContent(), organizationId: await orgId('ubnd-nh') })
        .expect(403);
      expect(res.body.code).toBe('not_drafter');
    });

    it('content that breaks docs/plan.schema.json is 422 with {path, code, message} and writes nothing', async () => {
      const before = [await count('plan'), await count('plan_version')];
      const bad = planContent() as unknown as Record<string, any>;
      bad.documentType = 'XYZ';
      bad.parts[0].title = '';
      bad.parts[1].children[0].children[0].task.timeframe = { kind: 'quarter', quarters: [5], year: 2024 };
      bad.recipients[0].purpose = 'keep';
      bad.unexpected = 'x';
      const res = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ content: bad })
        .expect(422);
      expect(res.body.code).toBe('invalid_content');
      const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]));
      expect(byPath).toMatchObject({
        'content.documentType': 'not_allowed',
        'content.parts.0.title': 'empty',
        'content.parts.1.children.0.children.0.task.timeframe.quarters.0': 'out_of_range',
        'content.recipients.0.purpose': 'not_allowed',
        'content.unexpected': 'unknown_field',
      });
      for (const e of res.body.errors) expect(e.message).toMatch(/[à-ỹ]/);
      expect([await count('plan'), await count('plan_version')]).toEqual(before);
    });

    it('ids that name nothing in this system are 422; a missing body field is 422', async () => {
      const content = planContent();
      content.recipients[0].organizationId = '00000000-0000-4000-8000-000000000000';
      const res = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ content })
        .expect(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'content.recipients.0.organizationId', code: 'unknown_organization' })]);
      const missing = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({})
        .expect(422);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('content');
    });
  });

  describe('versions', () => {
    it('each save is an immutable version with author and time; old versions stay readable', async () => {
      const v1 = planContent();
      const id = await createPlan(t, 'bcd-duk.drafter', v1);
      const v2 = structuredClone(v1);
      v2.summary = 'triển khai nhiệm vụ trọng tâm năm 2024';
      const saved = await put(id, 1, v2);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, summary: 'triển khai nhiệm vụ trọng tâm năm 2024' });

      const versions = (await get(`/api/plans/${id}/versions`)).body;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      const drafter = (await db.query(`SELECT id, full_name FROM app_user WHERE username = 'bcd-duk.drafter'`))[0];
      for (const v of versions) {
        expect(v).toMatchObject({ authorId: drafter.id, authorName: drafter.full_name });
        expect(Date.parse(v.createdAt)).not.toBeNaN();
        expect(v.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      }
      expect((await get(`/api/plans/${id}/versions/1`)).body.content).toEqual(v1);
      expect((await get(`/api/plans/${id}/versions/2`)).body.content).toEqual(v2);
      expect((await get(`/api/plans/${id}/versions/3`)).status).toBe(404);
      // the search follows the latest version
      const found = async (q: string) =>
        (await get(`/api/plans?q=${encodeURIComponent(q)}&pageSize=100`)).body.items.some((p: { id: string }) => p.id === id);
      expect(await found('trien khai nhiem vu trong tam nam 2024')).toBe(true);
      expect(await found(v1.summary)).toBe(false);
    });

    it('a save from a stale version is 409 and saves nothing', async () => {
      const v1 = planContent();
      const id = await createPlan(t, 'bcd-duk.drafter', v1);
      await put(id, 1, { ...v1, summary: 'bản sửa thứ nhất' });
      const before = await count('plan_version');
      const stale = await put(id, 1, { ...v1, summary: 'bản sửa trên phiên bản cũ' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', baseVersion: 1, currentVersion: 2 });
      expect(stale.body.message).toMatch(/phiên bản/);
      expect(await count('plan_version')).toBe(before);
      expect((await get(`/api/plans/${id}`)).body).toMatchObject({ version: 2, summary: 'bản sửa thứ nhất' });
    });

    it('invalid content on save is 422 and saves nothing; the same content again makes no new version', async () => {
      const v1 = planContent();
      const id = await createPlan(t, 'bcd-duk.drafter', v1);
      const before = await count('plan_version');
      const bad = await put(id, 1, { ...v1, parts: 'none' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0]).toMatchObject({ path: 'content.parts', code: 'wrong_type' });
      const same = await put(id, 1, v1);
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(1);
      expect(await count('plan_version')).toBe(before);
    });

    it('content can only change while the plan is a draft (409 naming the state)', async () => {
      const v1 = planContent();
      const id = await createPlan(t, 'bcd-duk.drafter', v1);
      await db.query(`UPDATE plan SET state = 'review' WHERE id = $1`, [id]);
      const res = await put(id, 1, { ...v1, summary: 'sửa khi đang trình' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'not_draft', state: 'review' });
      expect(res.body.message).toMatch(/dự thảo/);
      expect((await get(`/api/plans/${id}/versions`)).body).toHaveLength(1);
    });
  });

  describe('diff', () => {
    it('shows a changed task and a removed recipient by id, with a word-level redline', async () => {
      const v1 = planContent();
      const id = await createPlan(t, 'bcd-duk.drafter', v1);
      const v2 = structuredClone(v1);
      const task = ((v2.parts[1].children[0] as Item).children[0] as Item).task!;
      task.carriedOutBy = 'Ban Tuyên giáo và Văn phòng Đảng ủy Khối';
      task.timeframe = { kind: 'quarter', quarters: [3], year: 2024, text: null };
      v2.recipients.splice(1, 1); // Website ĐUK
      await put(id, 1, v2);
      const v3 = structuredClone(v2);
      v3.parts[1].children.push({ kind: 'item', id: 'new-item', heading: 'Công tác kiểm tra', text: null, task: null, children: [] });
      await put(id, 2, v3);

      const diff = (await get(`/api/plans/${id}/diff?from=1&to=2`)).body;
      expect(diff).toMatchObject({ from: 1, to: 2, identical: false });
      expect(diff.tasks).toEqual([
        expect.objectContaining({
          id: 't1',
          change: 'changed',
          label: '1.1.',
          fields: expect.arrayContaining([
            expect.objectContaining({ field: 'carriedOutBy', before: 'Ban Tuyên giáo', after: 'Ban Tuyên giáo và Văn phòng Đảng ủy Khối' }),
            expect.objectContaining({
              field: 'timeframe',
              before: { kind: 'quarter', quarters: [2], year: 2024, text: null },
              after: { kind: 'quarter', quarters: [3], year: 2024, text: null },
            }),
          ]),
        }),
      ]);
      const carried = diff.tasks[0].fields.find((f: { field: string }) => f.field === 'carriedOutBy');
      expect(carried.redline).toEqual(expect.arrayContaining([{ op: 'equal', text: 'Ban Tuyên giáo' }, expect.objectContaining({ op: 'insert' })]));
      expect(
        carried.redline
          .filter((r: { op: string }) => r.op === 'insert')
          .map((r: { text: string }) => r.text)
          .join(''),
      ).toBe(' và Văn phòng Đảng ủy Khối');
      expect(diff.recipients).toEqual([expect.objectContaining({ id: 'r2', change: 'removed', text: 'Website ĐUK' })]);
      expect(diff.items).toEqual([]);

      const later = (await get(`/api/plans/${id}/diff?from=2&to=3`)).body;
      expect(later.items).toEqual([expect.objectContaining({ id: 'new-item', change: 'added', label: '2.' })]);
      expect(later.tasks).toEqual([]);
      expect((await get(`/api/plans/${id}/diff?from=3&to=3`)).body.identical).toBe(true);
      expect((await get(`/api/plans/${id}/diff?from=1&to=9`)).status).toBe(404);
      expect((await get(`/api/plans/${id}/diff?from=x&to=2`)).status).toBe(422);
    });
  });

  describe('list and search', () => {
    it('q finds Vietnamese text with or without diacritics, in the summary or the body', async () => {
      const marker = `Quảng Ngãi ${Date.now()}`;
      const inSummary = await createPlan(t, 'bcd-duk.drafter', planContent({ summary: `phát huy dân chủ ở cơ sở tại ${marker}` }));
      const body = planContent();
      (body.parts[0].children[0] as { text: string }).text = `Đẩy mạnh thực hiện dân chủ đối với đoàn viên ở ${marker}.`;
      const inBody = await createPlan(t, 'bcd-duk.drafter', body);
      const folded = marker.replace('Quảng Ngãi', 'quang ngai');
      const ids = async (q: string) => (await get(`/api/plans?q=${encodeURIComponent(q)}`)).body.items.map((p: { id: string }) => p.id).sort();
      expect(await ids(`dan chu o co so tai ${folded}`)).toEqual([inSummary]);
      expect(await ids(`dân chủ ở cơ sở tại ${marker}`)).toEqual([inSummary]);
      expect(await ids(folded)).toEqual([inSummary, inBody].sort());
      expect(await ids(`doan vien o ${folded}`)).toEqual([inBody]);
      expect(await ids(`ĐOÀN VIÊN Ở ${marker.toUpperCase()}`)).toEqual([inBody]);
      expect(await ids(`không có ${folded}`)).toEqual([]);
      // "dan chu" finds "dân chủ" (and so does "dân chủ")
      const all = (await get('/api/plans?q=dan%20chu&pageSize=100')).body;
      expect(all.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([inSummary, inBody]));
      expect((await get('/api/plans?q=' + encodeURIComponent('dân chủ') + '&pageSize=100')).body.total).toBe(all.total);
    });

    it('filters by status and organization, pages, and shows each person only what they may read', async () => {
      const nh = await orgId('ubnd-nh');
      const a = await createPlan(t, 'ubnd-nh.drafter', planContent());
      const b = await createPlan(t, 'ubnd-nh.drafter', planContent());
      await db.query(`UPDATE plan SET state = 'review' WHERE id = $1`, [b]);
      const drafts = (await get(`/api/plans?status=draft&org=${nh}&pageSize=100`, 'ubnd-nh.drafter')).body;
      expect(drafts.items.map((p: { id: string }) => p.id)).toContain(a);
      expect(drafts.items.map((p: { id: string }) => p.id)).not.toContain(b);
      expect(drafts.items.every((p: { state: string; organizationId: string }) => p.state === 'draft' && p.organizationId === nh)).toBe(true);
      const both = (await get(`/api/plans?status=draft,review&org=${nh}&pageSize=100`, 'ubnd-nh.drafter')).body;
      expect(both.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([a, b]));

      const page1 = (await get(`/api/plans?org=${nh}&pageSize=1&page=1`, 'ubnd-nh.drafter')).body;
      const page2 = (await get(`/api/plans?org=${nh}&pageSize=1&page=2`, 'ubnd-nh.drafter')).body;
      expect(page1).toMatchObject({ page: 1, pageSize: 1, total: both.total });
      expect(page1.items).toHaveLength(1);
      expect(page1.items[0].id).not.toBe(page2.items[0].id);

      // another organization's drafter sees none of them; an auditor of the district above sees them, one of another tree not
      const stranger = (await get(`/api/plans?org=${nh}&pageSize=100`, 'bcd-duk.drafter')).body;
      expect(stranger).toMatchObject({ total: 0, items: [] });
      const auditor = (await get(`/api/plans?org=${nh}&pageSize=100`, 'ubnd-an.auditor')).body;
      expect(auditor.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([a, b]));
      expect((await get(`/api/plans?org=${nh}&pageSize=100`, 'tu-bd.auditor')).body).toMatchObject({ total: 0, items: [] });
      expect((await get('/api/plans?pageSize=101')).status).toBe(422);
    });

    it('an auditor of more organizations than a list of ids can hold (a central inspector) lists and searches the same plans', async () => {
      const before = (await get('/api/plans?pageSize=100', 'ubnd-an.auditor')).body;
      const found = (await get(`/api/plans?pageSize=100&q=${encodeURIComponent('dân chủ')}`, 'ubnd-an.auditor')).body;
      expect(before.total).toBeGreaterThan(0);
      // 2,100 bodies under the audited district, without plans: the scope passes the list's threshold (2,000)
      await db.query(
        `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, superior_header, header_name, version)
         SELECT 'wide-' || n, o.family, o.id, o.level + 1, 'Chi bộ ' || n, 'Chi bộ ' || n, 'CB', o.place_name, o.header_name, 'CHI BỘ ' || n, 1
           FROM organization o CROSS JOIN generate_series(1, 2100) n WHERE o.code = 'ubnd-an'`,
      );
      try {
        expect((await get('/api/plans?pageSize=100', 'ubnd-an.auditor')).body).toEqual(before);
        expect((await get(`/api/plans?pageSize=100&q=${encodeURIComponent('dân chủ')}`, 'ubnd-an.auditor')).body).toEqual(found);
        expect((await get(`/api/plans?pageSize=100&q=dan%20chu`, 'ubnd-an.auditor')).body).toEqual(found);
      } finally {
        await db.query(`DELETE FROM organization WHERE code LIKE 'wide-%'`);
      }
    });
  });

  describe('access', () => {
    it("another organization's drafter gets 404 for every read and write; readers who may not write get 403", async () => {
      const id = await createPlan(t, 'bcd-duk.drafter');
      for (const path of ['', '/versions', '/versions/1', '/diff?from=1&to=1', '/check', '/export.json']) {
        const res = await get(`/api/plans/${id}${path}`, 'ubnd-nh.drafter');
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'plan_not_found' });
      }
      const write = await put(id, 1, planContent(), 'ubnd-nh.drafter');
      expect(write.status).toBe(404);

      // members of the organization read; only its drafters write
      expect((await get(`/api/plans/${id}`, 'bcd-duk.reviewer')).status).toBe(200);
      expect((await get(`/api/plans/${id}`, 'bcd-duk.clerk')).status).toBe(200);
      const reviewerWrite = await put(id, 1, planContent(), 'bcd-duk.reviewer');
      expect(reviewerWrite.status).toBe(403);
      // auditors read the plans of the organizations assigned to them and their subtrees, nothing else
      expect((await get(`/api/plans/${id}/versions`, 'tu-bd.auditor')).status).toBe(200);
      expect((await get(`/api/plans/${id}/versions`, 'ubnd-an.auditor')).status).toBe(404);
      // a drafter of the parent organization is not a member of this one
      expect((await get(`/api/plans/${id}`, 'duk-bd.drafter')).status).toBe(404);
      expect((await request(t.http).get(`/api/plans/${id}`)).status).toBe(401);
      expect((await get('/api/plans/not-a-uuid')).status).toBe(400);
    });
  });

  it('the OpenAPI document carries the plan content schema and uses it for the request bodies', async () => {
    const doc = (await request(t.http).get('/api/docs-json')).body;
    expect(doc.components.schemas.PlanContent).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['summary', 'parts', 'recipients']),
    });
    expect(doc.components.schemas.PlanContentTask).toBeDefined();
    expect(JSON.stringify(doc.components.schemas.CreatePlanDto)).toContain('#/components/schemas/PlanContent');
    expect(doc.paths['/api/plans/{id}/content'].put).toBeDefined();
  });

  it("names each response schema once: a plan's replacement link and the cascade's plan link are two schemas", async () => {
    const { schemas } = (await request(t.http).get('/api/docs-json')).body.components;
    expect(JSON.stringify(schemas.PlanDetailDto.properties.replaces)).toContain('#/components/schemas/ReplacementLinkDto');
    expect(Object.keys(schemas.ReplacementLinkDto.properties).sort()).toEqual(['documentType', 'id', 'issuedOn', 'numberSymbol', 'state']);
    expect(schemas.PlanLinkDto.properties.organization).toBeDefined();
  });
});

describe('content saves in the audit trail', () => {
  it('records the creation and each saved version with its hash, in order', async () => {
    const t = await createTestApp({ demo: true });
    try {
      const token = await t.token('bcd-duk.drafter');
      const auth = { Authorization: `Bearer ${token}` };
      const created = await request(t.http).post('/api/plans').set(auth).send({ content: planContent() }).expect(201);
      const next = { ...planContent(), summary: 'kế hoạch đã sửa lần một' };
      await request(t.http).put(`/api/plans/${created.body.id}/content`).set(auth).send({ baseVersion: 1, content: next }).expect(200);
      const history = await request(t.http).get(`/api/plans/${created.body.id}/history`).set(auth).expect(200);
      const events = history.body.map((e: { event: string; contentVersion: number }) => [e.event, e.contentVersion]);
      expect(events).toEqual([
        ['CREATED', 1],
        ['CONTENT_SAVED', 2],
      ]);
      expect(history.body[1].contentSha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await t.close();
    }
  });
});
