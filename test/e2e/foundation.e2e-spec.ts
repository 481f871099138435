import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, schemaChangesAfterMigrations } from '@app/db';
import { DEMO_ORGANIZATIONS, DemoLoaderService, demoUsers } from '@app/identity';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

describe('foundation: health, sign-in, guard, administration', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    adminToken = await t.token('quantri');
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('GET /health is 200 with the database up', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('a demo user gets a token that reads the demo organization tree', async () => {
    const token = await t.token('bcd-duk.drafter');
    const res = await request(t.http).get('/api/organizations').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.map((o: { code: string }) => o.code).sort()).toEqual(DEMO_ORGANIZATIONS.map((o) => o.code).sort());
    const bcd = res.body.find((o: { code: string }) => o.code === 'bcd-duk');
    const duk = res.body.find((o: { code: string }) => o.code === 'duk-bd');
    expect(bcd).toMatchObject({ family: 'party', symbolAbbreviation: 'BCĐ', parentId: duk.id, placeName: 'Bình Định' });
    // depth first: a parent is listed before its children
    expect(res.body.indexOf(duk)).toBeLessThan(res.body.indexOf(bcd));
  });

  it('refuses a wrong password with 401 and the tenth wrong try in a minute with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (
          await request(t.http)
            .post('/api/auth/login')
            .send({ username: 'ubnd-np.clerk', password: `wrong-${i}` })
        ).status,
      );
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    // even the right password waits out the minute
    await request(t.http).post('/api/auth/login').send({ username: 'ubnd-np.clerk', password: 'demo1234' }).expect(429);
  });

  it('never writes a password into the attempts table or the response', async () => {
    const res = await request(t.http).post('/api/auth/login').send({ username: 'ubnd-nh.clerk', password: 'demo1234' }).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('demo1234');
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const rows = await t.app.get(DataSource).query(`SELECT * FROM sign_in_attempt`);
    expect(JSON.stringify(rows)).not.toContain('demo1234');
  });

  it('the guard: 401 without credentials, 401 with a bad token, 403 for a role that may not', async () => {
    await request(t.http).get('/api/organizations').expect(401);
    await request(t.http).get('/api/organizations').set('Authorization', 'Bearer not-a-token').expect(401);
    const drafter = await t.token('bcd-duk.drafter');
    const res = await request(t.http).get('/api/users').set('Authorization', `Bearer ${drafter}`).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('creates an organization; bad input is 422 naming the field and writes nothing', async () => {
    const before = await count('organization');
    const bad = await request(t.http)
      .post('/api/organizations')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        code: 'x',
        family: 'church',
        level: 0,
        fullName: '',
        shortName: 'A',
        symbolAbbreviation: 'X',
        placeName: 'P',
        headerName: 'H',
        extra: 1,
      })
      .expect(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'family', 'level', 'fullName', 'extra']));
    expect(bad.body.errors[0].message).toMatch(/[a-zà-ỹ]/);
    expect(await count('organization')).toBe(before);

    const parent = (await request(t.http).get('/api/organizations').set('Authorization', `Bearer ${adminToken}`)).body.find(
      (o: { code: string }) => o.code === 'ubnd-an',
    );
    const created = await request(t.http)
      .post('/api/organizations')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        code: 'ubnd-nl',
        family: 'state',
        parentId: parent.id,
        level: 3,
        fullName: '  Ủy ban nhân dân xã Nhơn Lộc ',
        shortName: 'UBND xã Nhơn Lộc',
        symbolAbbreviation: 'UBND',
        placeName: 'Nhơn Lộc',
        headerName: 'ỦY BAN NHÂN DÂN\nXÃ NHƠN LỘC',
        email: 'ubnd@nhonloc.demo',
      })
      .expect(201);
    expect(created.body.fullName).toBe('Ủy ban nhân dân xã Nhơn Lộc');
    expect(created.body.headerName).toBe('ỦY BAN NHÂN DÂN\nXÃ NHƠN LỘC');
    await request(t.http)
      .post('/api/organizations')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        code: 'ubnd-nl',
        family: 'state',
        level: 3,
        fullName: 'Trùng mã',
        shortName: 'Trùng',
        symbolAbbreviation: 'UBND',
        placeName: 'Xã',
        headerName: 'XÃ',
      })
      .expect(409);
    await request(t.http).get('/api/organizations/4b1b4c1e-0000-4000-8000-000000000000').set('Authorization', `Bearer ${adminToken}`).expect(404);
    await request(t.http)
      .patch(`/api/organizations/${parent.id}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ parentId: created.body.id })
      .expect(422);
  });

  it('stores text as NFC', async () => {
    const decomposed = 'Ủy ban nhân dân xã Nhơn Thọ'.normalize('NFD');
    const res = await request(t.http)
      .post('/api/organizations')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        code: 'ubnd-nt',
        family: 'state',
        level: 3,
        fullName: decomposed,
        shortName: 'UBND xã',
        symbolAbbreviation: 'UBND',
        placeName: 'Nhơn Thọ',
        headerName: 'ỦY BAN NHÂN DÂN',
      })
      .expect(201);
    expect(res.body.fullName).toBe(decomposed.normalize('NFC'));
    expect(res.body.fullName).not.toBe(decomposed);
  });

  it('administers users: create, duplicate 409, bad input 422 with nothing written, memberships, authorities', async () => {
    const orgs = (await request(t.http).get('/api/organizations').set('Authorization', `Bearer ${adminToken}`)).body;
    const nh = orgs.find((o: { code: string }) => o.code === 'ubnd-nh');
    const before = await count('app_user');
    const bad = await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username: 'A B', fullName: 'X', password: 'short', memberships: [{ organizationId: nh.id, roles: ['pope'] }] })
      .expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['username', 'fullName', 'password', 'memberships.0.roles']),
    );
    const unknownOrg = await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        username: 'le.thi.b',
        fullName: 'Lê Thị B',
        password: 'mat-khau-dai',
        memberships: [{ organizationId: '4b1b4c1e-0000-4000-8000-000000000000', roles: ['drafter'] }],
      })
      .expect(404);
    expect(unknownOrg.body.code).toBe('organization_not_found');
    expect(await count('app_user')).toBe(before);

    const created = await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        username: 'Le.Thi.B',
        fullName: 'Lê Thị B',
        password: 'mat-khau-dai',
        memberships: [{ organizationId: nh.id, roles: ['drafter', 'signer'], position: 'Phó Chủ tịch' }],
      })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'le.thi.b', memberships: [{ organizationId: nh.id, roles: ['drafter', 'signer'] }] });
    expect(created.body).not.toHaveProperty('passwordHash');
    await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username: 'le.thi.b', fullName: 'Lê Thị B', password: 'mat-khau-dai' })
      .expect(409);

    const authority = await request(t.http)
      .post('/api/authorities')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        userId: created.body.id,
        organizationId: nh.id,
        capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
        validFrom: '2024-01-01',
        validTo: '2026-12-31',
      })
      .expect(201);
    expect(authority.body.capacityLines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    await request(t.http)
      .post('/api/authorities')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ userId: created.body.id, organizationId: nh.id, capacityLines: ['CHỦ TỊCH'], validFrom: '2024-05-01', validTo: '2024-01-01' })
      .expect(422);
    const listed = await request(t.http).get(`/api/authorities?org=${nh.id}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(listed.body.length).toBe(2);

    const token = await t.token('le.thi.b', 'mat-khau-dai');
    const me = await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.fullName).toBe('Lê Thị B');
  });

  it('lists users in Vietnamese alphabetical order', async () => {
    const res = await request(t.http).get('/api/users').set('Authorization', `Bearer ${adminToken}`).expect(200);
    const names: string[] = res.body.map((u: { fullName: string }) => u.fullName);
    const collator = new Intl.Collator('vi', { sensitivity: 'base' });
    expect([...names].sort(collator.compare)).toEqual(names);
    // "Đặng" comes after every "D..." and before "E"/"G"
    const firstD = names.findIndex((n) => n.startsWith('Đ'));
    expect(names.slice(firstD).every((n) => !n.startsWith('D'))).toBe(true);
  });

  it('signs in to the web UI with a session; forms without the CSRF token are refused', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookieBefore = page.headers['set-cookie']?.[0]?.split(';')[0];
    await agent.post('/login').set('Accept', 'text/html').type('form').send({ username: 'bcd-duk.signer', password: 'demo1234' }).expect(403);
    const signedIn = await agent
      .post('/login')
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, username: 'bcd-duk.signer', password: 'demo1234' })
      .expect(303);
    const cookieAfter = signedIn.headers['set-cookie'][0];
    expect(cookieAfter).toMatch(/HttpOnly/);
    expect(cookieAfter).toMatch(/SameSite=Lax/);
    expect(cookieAfter.split(';')[0]).not.toBe(cookieBefore); // session id rotated
    const home = await agent.get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Việc cần làm');
    // the session also authenticates API reads from the browser
    await agent.get('/api/organizations').expect(200);
    await request(t.http).get('/').set('Accept', 'text/html').expect(302).expect('Location', '/login?next=%2F');
  });
});

describe('demo data', () => {
  it('loads once; a second load changes nothing', async () => {
    const url = await createTestDatabase({ demo: false });
    const full = new DataSource(dataSourceOptions(url));
    await full.initialize();
    try {
      const loader = new DemoLoaderService(full);
      const first = await loader.load();
      expect(first).toEqual({
        organizationsCreated: DEMO_ORGANIZATIONS.length,
        usersCreated: demoUsers().length,
        authoritiesCreated: DEMO_ORGANIZATIONS.length,
      });
      const snapshot = await full.query(
        `SELECT (SELECT count(*) FROM organization) o, (SELECT count(*) FROM app_user) u, (SELECT count(*) FROM membership) m, (SELECT count(*) FROM signing_authority) a, (SELECT max(updated_at) FROM app_user) t`,
      );
      const second = await loader.load();
      expect(second).toEqual({ organizationsCreated: 0, usersCreated: 0, authoritiesCreated: 0 });
      expect(
        await full.query(
          `SELECT (SELECT count(*) FROM organization) o, (SELECT count(*) FROM app_user) u, (SELECT count(*) FROM membership) m, (SELECT count(*) FROM signing_authority) a, (SELECT max(updated_at) FROM app_user) t`,
        ),
      ).toEqual(snapshot);
    } finally {
      await full.destroy();
    }
  });
});

describe('migrations', () => {
  it('match the entities: generating a migration would produce nothing', async () => {
    const url = await createTestDatabase({ empty: true });
    const changes = await schemaChangesAfterMigrations(url);
    if (changes.up.length) console.error(`Entities and migrations drift; run npm run migration:generate:\n${changes.up.join('\n')}`);
    expect(changes.up).toEqual([]);
  });
});

describe('restart', () => {
  it('keeps the data: a user created through the API is there after the app restarts', async () => {
    const first = await createTestApp({ demo: true });
    const admin = await first.token('quantri');
    await request(first.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'tran.van.c', fullName: 'Trần Văn C', password: 'mat-khau-dai' })
      .expect(201);
    await first.close();
    const second = await createTestApp({ databaseUrl: first.databaseUrl });
    try {
      const token = await second.token('tran.van.c', 'mat-khau-dai');
      expect(token).toBeTruthy();
    } finally {
      await second.close();
    }
  });
});
