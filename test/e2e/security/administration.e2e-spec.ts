import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';

/** Issue 16: administration scoped to an organization's subtree, every change in the trail. */
describe('scoped administration', () => {
  let t: TestApp;
  let db: DataSource;
  const orgs = new Map<string, string>();
  const users = new Map<string, string>();

  const as = async (username: string) => `Bearer ${await t.token(username)}`;
  const auditRows = (event: string, organizationId: string) =>
    db.query(`SELECT actor_id, data FROM audit_event WHERE event = $1 AND organization_id = $2 ORDER BY seq`, [event, organizationId]);
  const snapshot = () =>
    db.query(`SELECT (SELECT count(*) FROM audit_event) a, (SELECT count(*) FROM membership) m, (SELECT count(*) FROM signing_authority) s,
      (SELECT string_agg(password_hash, ',' ORDER BY id) FROM app_user) p, (SELECT string_agg(symbol_abbreviation || coalesce(webhook_url, ''), ',' ORDER BY id) FROM organization) o`);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    db = t.app.get(DataSource);
    for (const o of await db.query(`SELECT id, code FROM organization`)) orgs.set(o.code, o.id);
    for (const u of await db.query(`SELECT id, username FROM app_user`)) users.set(u.username, u.id);
  });
  afterAll(() => t.close());

  it('a commune admin cannot make themself signer and admin of the province committee: 403, nothing written', async () => {
    const before = await snapshot();
    const res = await request(t.http)
      .put(`/api/users/${users.get('ubnd-np.admin')}/memberships`)
      .set('Authorization', await as('ubnd-np.admin'))
      .send({
        memberships: [
          { organizationId: orgs.get('ubnd-np'), roles: ['admin'] },
          { organizationId: orgs.get('tu-bd'), roles: ['signer', 'admin'] },
        ],
      })
      .expect(403);
    expect(res.body.code).toBe('outside_administration');
    expect(res.body.message).toMatch(/không quản trị/);
    await request(t.http)
      .post('/api/authorities')
      .set('Authorization', await as('ubnd-np.admin'))
      .send({ userId: users.get('ubnd-np.admin'), organizationId: orgs.get('tu-bd'), capacityLines: ['BÍ THƯ'], validFrom: '2024-01-01' })
      .expect(403);
    await request(t.http)
      .patch(`/api/organizations/${orgs.get('tu-bd')}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .send({ webhookUrl: 'https://example.org/x' })
      .expect(403);
    await request(t.http)
      .put(`/api/users/${users.get('ubnd-np.admin')}/installation-admin`)
      .set('Authorization', await as('tu-bd.admin'))
      .send({ installationAdmin: true })
      .expect(403);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot reset a password outside the subtree, nor of someone who also belongs above it', async () => {
    const before = await snapshot();
    await request(t.http)
      .patch(`/api/users/${users.get('tu-bd.drafter')}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .send({ password: 'mot-mat-khau-moi-dai' })
      .expect(403);
    // a sibling commune is outside too
    await request(t.http)
      .patch(`/api/users/${users.get('ubnd-nh.clerk')}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .send({ active: false })
      .expect(403);
    await request(t.http)
      .get(`/api/users/${users.get('tu-bd.drafter')}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .expect(404);
    expect(await snapshot()).toEqual(before);
    await t.token('tu-bd.drafter'); // the password still works
    const listed = await request(t.http)
      .get('/api/users')
      .set('Authorization', await as('ubnd-np.admin'))
      .expect(200);
    expect(
      listed.body.every((u: { memberships: { organizationId: string }[] }) => u.memberships.some((m) => m.organizationId === orgs.get('ubnd-np'))),
    ).toBe(true);
  });

  it('the town admin resets a commune password: the trail has who, what, before and after; the old sessions end', async () => {
    const oldToken = await t.token('ubnd-np.drafter');
    await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${oldToken}`).expect(200);
    const weak = await request(t.http)
      .patch(`/api/users/${users.get('ubnd-np.drafter')}`)
      .set('Authorization', await as('ubnd-an.admin'))
      .send({ password: 'password1234' })
      .expect(422);
    expect(weak.body.errors[0]).toMatchObject({ path: 'password', code: 'common' });
    const short = await request(t.http)
      .patch(`/api/users/${users.get('ubnd-np.drafter')}`)
      .set('Authorization', await as('ubnd-an.admin'))
      .send({ password: 'ngan' })
      .expect(422);
    expect(short.body.errors[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/ngắn/) });
    await request(t.http)
      .patch(`/api/users/${users.get('ubnd-np.drafter')}`)
      .set('Authorization', await as('ubnd-an.admin'))
      .send({ password: 'Cay-lua-Nhon-Phong-2024', fullName: 'Nguyễn Văn Mới' })
      .expect(200);
    await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${oldToken}`).expect(401);
    const reset = await auditRows('PASSWORD_RESET', orgs.get('ubnd-np')!);
    expect(reset).toHaveLength(1);
    expect(reset[0].actor_id).toBe(users.get('ubnd-an.admin'));
    const updated = await auditRows('USER_UPDATED', orgs.get('ubnd-np')!);
    expect(updated[0].data).toMatchObject({
      userId: users.get('ubnd-np.drafter'),
      before: { fullName: expect.any(String) },
      after: { fullName: 'Nguyễn Văn Mới' },
    });
    expect(JSON.stringify(await db.query(`SELECT data FROM audit_event`))).not.toContain('Cay-lua');
    await request(t.http).post('/api/auth/login').send({ username: 'ubnd-np.drafter', password: 'Cay-lua-Nhon-Phong-2024' }).expect(200);
  });

  it('memberships, authorities and settings changed inside the subtree are recorded before and after', async () => {
    const admin = await as('ubnd-an.admin');
    const np = orgs.get('ubnd-np')!;
    await request(t.http)
      .put(`/api/users/${users.get('ubnd-np.consultee')}/memberships`)
      .set('Authorization', admin)
      .send({ memberships: [{ organizationId: np, roles: ['consultee', 'reviewer'], position: 'Phó trưởng ban' }] })
      .expect(200);
    const membership = await auditRows('MEMBERSHIP_CHANGED', np);
    expect(membership.at(-1).data).toMatchObject({
      before: { roles: ['consultee'] },
      after: { roles: ['consultee', 'reviewer'], position: 'Phó trưởng ban' },
    });

    const granted = await request(t.http)
      .post('/api/authorities')
      .set('Authorization', admin)
      .send({ userId: users.get('ubnd-np.consultee'), organizationId: np, capacityLines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], validFrom: '2024-01-01' })
      .expect(201);
    await request(t.http).delete(`/api/authorities/${granted.body.id}`).set('Authorization', admin).expect(204);
    expect((await auditRows('AUTHORITY_GRANTED', np)).at(-1).data.after.capacityLines).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect((await auditRows('AUTHORITY_REMOVED', np)).at(-1).data.before.id).toBe(granted.body.id);

    const bad = await request(t.http)
      .patch(`/api/organizations/${np}`)
      .set('Authorization', admin)
      .send({ symbolAbbreviation: '<b>X</b>' })
      .expect(422);
    expect(bad.body.errors[0].path).toBe('symbolAbbreviation');
    await request(t.http).patch(`/api/organizations/${np}`).set('Authorization', admin).send({ email: 'vanthu@nhonphong.demo' }).expect(200);
    expect((await auditRows('ORGANIZATION_UPDATED', np)).at(-1).data).toEqual({
      before: { email: 'ubnd@nhonphong.demo' },
      after: { email: 'vanthu@nhonphong.demo' },
    });
  });

  it('webhook URLs are shown only to administrators of their organization', async () => {
    const np = orgs.get('ubnd-np')!;
    await request(t.http)
      .patch(`/api/organizations/${np}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .send({ webhookUrl: 'https://hooks.example.org/np?key=bi-mat' })
      .expect(200);
    const byDrafter = await request(t.http)
      .get('/api/organizations')
      .set('Authorization', await as('tu-bd.drafter'))
      .expect(200);
    expect(JSON.stringify(byDrafter.body)).not.toContain('bi-mat');
    const bySibling = await request(t.http)
      .get(`/api/organizations/${np}`)
      .set('Authorization', await as('ubnd-nh.admin'))
      .expect(200);
    expect(bySibling.body).not.toHaveProperty('webhookUrl');
    const byOwn = await request(t.http)
      .get(`/api/organizations/${np}`)
      .set('Authorization', await as('ubnd-np.admin'))
      .expect(200);
    expect(byOwn.body.webhookUrl).toBe('https://hooks.example.org/np?key=bi-mat');
  });

  it('installation administration is given only by another holder, and recorded', async () => {
    const res = await request(t.http)
      .put(`/api/users/${users.get('tu-bd.admin')}/installation-admin`)
      .set('Authorization', await as('quantri'))
      .send({ installationAdmin: true })
      .expect(200);
    expect(res.body.installationAdmin).toBe(true);
    const rows = await auditRows('INSTALLATION_ADMIN_CHANGED', orgs.get('tu-bd')!);
    expect(rows.at(-1)).toMatchObject({
      actor_id: users.get('quantri'),
      data: { before: { installationAdmin: false }, after: { installationAdmin: true } },
    });
    // a scoped admin cannot reset the password of an installation administrator who belongs to their organization
    const quantriOrg = await request(t.http)
      .get(`/api/users/${users.get('quantri')}`)
      .set('Authorization', await as('quantri'))
      .expect(200);
    expect(quantriOrg.body.memberships[0].organizationId).toBe(orgs.get('tu-bd'));
  });
});
