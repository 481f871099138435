import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { VerificationCodesService } from '@app/verification';
import { DataSource } from 'typeorm';
import { ROLES } from '@app/common';
import { hashPassword, Membership, Organization, User } from '@app/identity';
import {
  AskedState,
  AUTHORIZATION_MATRIX,
  Cell,
  NOT_APPLICATION_ROUTES,
  Persona,
  RELATION_ORGANIZATIONS,
  RELATIONS,
} from '../../authorization/authorization-matrix';
import { issuePlan } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TEST_USER_PASSWORD, TestApp } from '../../support/test-app';
import { expectTransition, getJson, withFutureDeadlines } from '../../support/workflow-client';

jest.setTimeout(300_000);

/** Every route × role × relation (× plan state where it matters): one request per cell, the answer the matrix says. */
describe('security: the authorization matrix', () => {
  let t: TestApp;
  const plans = {} as Record<AskedState, string>;
  const ids: Record<string, string> = {};
  const tokens = new Map<string, string>();

  /** The routes Express has, as `METHOD path`. */
  function registeredRoutes(): string[] {
    const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: any[] }; _router?: { stack: any[] } };
    const stack = (express.router ?? express._router)!.stack;
    return stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route.path}`));
  }

  const personas: Persona[] = [
    { kind: 'anonymous' },
    { kind: 'installationAdmin' },
    ...RELATIONS.flatMap((relation) => ROLES.map((role) => ({ kind: 'member' as const, role, relation }))),
  ];
  const username = (p: Persona) => (p.kind === 'member' ? `${RELATION_ORGANIZATIONS[p.relation]}.${p.role}` : 'quantri');
  const label = (p: Persona) => (p.kind === 'member' ? `${p.role}@${p.relation}` : p.kind);

  /** The value of a path parameter: the fixture its route names, or an id nobody has. */
  function param(route: string, name: string, state: AskedState | null): string {
    const given = AUTHORIZATION_MATRIX[route].params?.[name];
    if (given) return given === 'random' ? randomUUID() : (ids[given] ?? given);
    const path = route.split(' ')[1];
    if (name === 'id' && /^\/(api\/)?plans\/:id/.test(path)) return plans[state ?? 'draft'];
    if (name === 'id' && /^\/(api|admin|api\/audit)\/organizations\/:id/.test(path)) return ids.organization;
    if (name === 'id' && /^\/(api|admin)\/users\/:id/.test(path)) return ids.user;
    if (name === 'id' && /^\/api\/authorities\/:id\/delegations/.test(path)) return ids.authority;
    return randomUUID();
  }

  async function answer(route: string, cell: Cell): Promise<number> {
    const [method, pattern] = route.split(' ');
    const query = AUTHORIZATION_MATRIX[route].query?.replace('bcd-duk', ids.organization);
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => param(route, name, cell.state)) + (query ? `?${query}` : '');
    const web = !path.startsWith('/api/');
    let req = request(t.http)[method.toLowerCase() as 'get'](path).redirects(0);
    if (cell.persona.kind !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens.get(username(cell.persona))}`);
    const body = AUTHORIZATION_MATRIX[route].body;
    if (body) req = web ? req.type('form').send(body as Record<string, string>) : req.send(body);
    const res = await req;
    if (res.status >= 500) throw new Error(`${route} as ${label(cell.persona)}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.status;
  }

  beforeAll(async () => {
    // The public verification page's rate limit would answer 429 long before the last cell.
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0', VERIFY_REQUESTS_PER_MINUTE: '100000' } });
    const db = t.app.get(DataSource);
    const orgs: { code: string; id: string }[] = await getJson(t, 'quantri', '/api/organizations');
    const org = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
    ids.organization = org['bcd-duk'];
    // A body under bcd-duk (a "tổ"), one person per role: the child relation.
    const passwordHash = await hashPassword(TEST_USER_PASSWORD);
    await db.transaction(async (manager) => {
      const parent = await manager.findOneByOrFail(Organization, { id: org['bcd-duk'] });
      const child = await manager.save(
        Organization,
        manager.create(Organization, {
          ...parent,
          id: undefined,
          code: RELATION_ORGANIZATIONS.child,
          parentId: parent.id,
          level: parent.level + 1,
          fullName: 'Tổ giúp việc Ban Chỉ đạo',
          shortName: 'Tổ giúp việc',
          createdAt: undefined,
          updatedAt: undefined,
          version: undefined,
        }),
      );
      for (const role of ROLES) {
        const user = await manager.save(
          User,
          manager.create(User, {
            username: `${RELATION_ORGANIZATIONS.child}.${role}`,
            fullName: `Cán bộ tổ giúp việc (${role})`,
            email: null,
            passwordHash,
          }),
        );
        await manager.insert(Membership, { userId: user.id, organizationId: child.id, roles: [role], position: null });
      }
    });
    ids.user = (await db.query(`SELECT id FROM app_user WHERE username = 'bcd-duk.drafter'`))[0].id;
    ids.authority = (
      await db.query(`SELECT a.id FROM signing_authority a JOIN app_user u ON u.id = a.user_id WHERE u.username = 'bcd-duk.signer'`)
    )[0].id;

    // A plan of bcd-duk in each state asked about; the issued one sent to db-stc (the sibling).
    const content = () => withFutureDeadlines(planContent());
    plans.draft = await createPlan(t, 'bcd-duk.drafter', content());
    plans.review = await createPlan(t, 'bcd-duk.drafter', content());
    await expectTransition(t, 'bcd-duk.drafter', plans.review, { type: 'SUBMIT' }, 'review');
    const sent = content();
    sent.recipients = [{ ...sent.recipients[0], id: 'r-stc', name: 'Đảng bộ Sở Tài chính', organizationId: org['db-stc'] }, ...sent.recipients];
    plans.issued = await createPlan(t, 'bcd-duk.drafter', sent);
    await issuePlan(t.app, plans.issued);
    ids.verificationCode = await t.app.get(VerificationCodesService).codeFor(db.manager, plans.issued);

    for (const p of personas) {
      if (p.kind === 'anonymous') continue;
      tokens.set(username(p), await t.token(username(p)));
    }
  });
  afterAll(() => t?.close());

  it('every route registered in the app has a row, and every row a route', () => {
    const routes = registeredRoutes().filter((r) => !NOT_APPLICATION_ROUTES.some((pattern) => pattern.test(r)));
    expect(routes.filter((r) => !AUTHORIZATION_MATRIX[r])).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('every cell answers as the matrix says', async () => {
    const cells: { route: string; cell: Cell }[] = [];
    for (const [route, row] of Object.entries(AUTHORIZATION_MATRIX)) {
      for (const state of row.states ?? [null]) for (const persona of personas) cells.push({ route, cell: { persona, state } });
    }
    const wrong: string[] = [];
    // Logouts last (the API's after the web's): they end the token they are sent with.
    const rank = (route: string) => (route === 'POST /api/auth/logout' ? 2 : route === 'POST /logout' ? 1 : 0);
    const ordered = [...cells].sort((a, b) => rank(a.route) - rank(b.route));
    for (let i = 0; i < ordered.length; i += 64) {
      await Promise.all(
        ordered.slice(i, i + 64).map(async ({ route, cell }) => {
          const [method, path] = route.split(' ');
          const expected = AUTHORIZATION_MATRIX[route].rule(cell, !path.startsWith('/api/'), method !== 'GET');
          const actual = await answer(route, cell).catch((error: Error) => error.message);
          if (!(Array.isArray(expected) ? expected : [expected]).includes(actual as number))
            wrong.push(`${route} [${cell.state ?? '-'}] ${label(cell.persona)}: expected ${expected}, got ${actual}`);
        }),
      );
    }
    console.log(`authorization matrix: ${Object.keys(AUTHORIZATION_MATRIX).length} routes, ${cells.length} cells`);
    expect(wrong.sort()).toEqual([]);
  });
});
