import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';

/** Issue 16: sessions and secrets, security headers. */
describe('sessions, passwords and headers', () => {
  let t: TestApp;
  let db: DataSource;

  /** A browser session signed in through the sign-in form. */
  const signIn = async (username: string, password = 'demo1234') => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/login').set('Accept', 'text/html').type('form').send({ _csrf: csrf, username, password }).expect(303);
    const home = await agent.get('/').set('Accept', 'text/html').expect(200);
    return { agent, csrf: /name="csrf-token" content="([^"]+)"/.exec(home.text)![1] };
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('every page carries the security headers: CSP without inline script, no framing, nosniff, referrer policy', async () => {
    for (const path of ['/login', '/api/docs-json', '/health']) {
      const res = await request(t.http).get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/script-src-attr 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined(); // no TLS in front here
    }
    const { agent } = await signIn('bcd-duk.drafter');
    const page = await agent.get('/import').set('Accept', 'text/html').expect(200);
    expect(page.text).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>| on[a-z]+="/);
  });

  it('a cookie-authenticated /api/* request always needs the CSRF token', async () => {
    const { agent, csrf } = await signIn('bcd-duk.drafter');
    const before = Number((await db.query(`SELECT count(*)::int n FROM plan`))[0].n);
    const refused = await agent
      .post('/api/auth/password')
      .send({ currentPassword: 'demo1234', newPassword: 'Mot-mat-khau-rat-dai-2024' })
      .expect(403);
    expect(refused.body.code).toBe('csrf');
    await agent.post('/api/plans').send({}).expect(403);
    expect(Number((await db.query(`SELECT count(*)::int n FROM plan`))[0].n)).toBe(before);
    await agent.get('/api/auth/me').expect(200);
    // with the token the same session is let through to validation
    await agent.post('/api/plans').set('X-CSRF-Token', csrf).send({}).expect(422);
  });

  it('a session ends after its absolute lifetime, however active', async () => {
    const { agent } = await signIn('ubnd-nh.clerk');
    await agent.get('/api/auth/me').expect(200);
    // signed in 13 hours ago (the default lifetime is 12)
    await db.query(
      `UPDATE web_session SET sess = jsonb_set(sess::jsonb, '{signedInAt}', to_jsonb((extract(epoch from now()) * 1000 - 13 * 3600 * 1000)::bigint))::json WHERE sess->>'userId' = (SELECT id::text FROM app_user WHERE username = 'ubnd-nh.clerk')`,
    );
    await agent.get('/api/auth/me').expect(401);
    await agent.get('/').set('Accept', 'text/html').expect(302);
  });

  it('people change their own password (API and page): checked, other sessions and tokens end, recorded', async () => {
    const other = await signIn('ubnd-nh.reviewer');
    const { agent, csrf } = await signIn('ubnd-nh.reviewer');
    const token = await t.token('ubnd-nh.reviewer');
    const change = (body: object) => agent.post('/api/auth/password').set('X-CSRF-Token', csrf).send(body);
    expect((await change({ currentPassword: 'sai-mat-khau', newPassword: 'Lua-Nhon-Hau-mua-2024' })).body.errors[0].path).toBe('currentPassword');
    expect((await change({ currentPassword: 'demo1234', newPassword: 'matkhau123456' })).status).toBe(422);
    expect((await change({ currentPassword: 'demo1234', newPassword: 'ubnd-nh.reviewer-2024' })).status).toBe(422);
    await change({ currentPassword: 'demo1234', newPassword: 'Lua-Nhon-Hau-mua-2024' }).expect(204);
    await agent.get('/api/auth/me').expect(200); // this session stays
    await other.agent.get('/api/auth/me').expect(401);
    await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await request(t.http).post('/api/auth/login').send({ username: 'ubnd-nh.reviewer', password: 'demo1234' }).expect(401);
    const rows = await db.query(`SELECT data FROM audit_event WHERE event = 'PASSWORD_CHANGED'`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('Lua-Nhon-Hau');

    // the page: a mismatch shows the form again, in Vietnamese
    const page = await agent.get('/account/password').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Đổi mật khẩu');
    const form = { _csrf: csrf, currentPassword: 'Lua-Nhon-Hau-mua-2024', newPassword: 'Song-Con-chay-qua-2025', confirmPassword: 'khac' };
    const mismatch = await agent.post('/account/password').set('Accept', 'text/html').type('form').send(form).expect(422);
    expect(mismatch.text).toContain('không giống nhau');
    await agent
      .post('/account/password')
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...form, confirmPassword: form.newPassword })
      .expect(303);
    await request(t.http).post('/api/auth/login').send({ username: 'ubnd-nh.reviewer', password: 'Song-Con-chay-qua-2025' }).expect(200);
  });

  it("deactivation ends the person's sessions and tokens", async () => {
    const { agent } = await signIn('ubnd-nh.consultee');
    const token = await t.token('ubnd-nh.consultee');
    const id = (await db.query(`SELECT id FROM app_user WHERE username = 'ubnd-nh.consultee'`))[0].id;
    await request(t.http)
      .patch(`/api/users/${id}`)
      .set('Authorization', `Bearer ${await t.token('ubnd-nh.admin')}`)
      .send({ active: false })
      .expect(200);
    await agent.get('/api/auth/me').expect(401);
    await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect((await db.query(`SELECT count(*)::int n FROM web_session WHERE sess->>'userId' = $1`, [id]))[0].n).toBe(0);
  });

  it('webhooks pointing inside are refused with a Vietnamese message, nothing written', async () => {
    const org = (await db.query(`SELECT id FROM organization WHERE code = 'ubnd-nh'`))[0].id;
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data/', 'http://localhost/x', 'http://[::1]/']) {
      const res = await request(t.http)
        .patch(`/api/organizations/${org}`)
        .set('Authorization', `Bearer ${await t.token('ubnd-nh.admin')}`)
        .send({ webhookUrl: url })
        .expect(422);
      expect(res.body.errors[0]).toMatchObject({ path: 'webhookUrl', message: expect.stringMatching(/mạng nội bộ/) });
    }
    expect((await db.query(`SELECT webhook_url FROM organization WHERE id = $1`, [org]))[0].webhook_url).toBeNull();
  });
});
