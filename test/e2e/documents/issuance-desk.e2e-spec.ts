import request from 'supertest';
import { DataSource } from 'typeorm';
import { issuanceDate } from '@app/common';
import { Plan } from '@app/plans';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, sendEvent, waitFor, withFutureDeadlines } from '../../support/workflow-client';

/**
 * The clerk's desk ("Chờ cấp số") through the API: which signed plans a clerk sees, the
 * registers and next numbers offered, the register chosen and the date the issuance takes, and
 * who may do what there (only a clerk of the plan's organization).
 */
describe('issuance desk: the clerk numbers and issues a signed plan', () => {
  let t: TestApp;
  let planId: string;
  const get = async (who: string, path: string) =>
    request(t.http)
      .get(path)
      .set('Authorization', `Bearer ${await t.token(who)}`);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
  });
  afterAll(() => t.close());

  it('a plan reaches the desk only once signed, and only its organization\u2019s clerks see it there', async () => {
    expect((await getJson(t, 'bcd-duk.clerk', '/api/issuance/desk')).map((p: { planId: string }) => p.planId)).not.toContain(planId);
    expect((await get('bcd-duk.clerk', `/api/issuance/desk/${planId}`)).body).toMatchObject({ code: 'plan_not_at_desk', state: 'awaitingSignature' });
    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    const queue = await getJson(t, 'bcd-duk.clerk', '/api/issuance/desk');
    expect(queue).toEqual([
      expect.objectContaining({ planId, organizationName: expect.stringContaining('Ban Chỉ đạo'), signedAt: expect.any(String) }),
    ]);
    expect(await getJson(t, 'duk-bd.clerk', '/api/issuance/desk')).toEqual([]);
    expect((await get('bcd-duk.signer', '/api/issuance/desk')).status).toBe(403);
  });

  it('one plan at the desk: the register of its type by default with its next number, and today as the date; other people are refused', async () => {
    const desk = await getJson(t, 'bcd-duk.clerk', `/api/issuance/desk/${planId}`);
    const today = issuanceDate(new Date());
    expect(desk).toMatchObject({ planId, documentType: 'KH', issuedOn: today });
    const chosen = desk.registers.filter((r: { isDefault: boolean }) => r.isDefault);
    expect(chosen).toEqual([
      expect.objectContaining({ label: expect.stringMatching(/^Sổ Kế hoạch/), nextNumberSymbol: expect.stringMatching(/^\d{2}-KH\/BCĐ$/) }),
    ]);
    for (const [who, status] of [
      ['duk-bd.clerk', 403],
      ['bcd-duk.signer', 403],
      ['bcd-duk.auditor', 403],
    ] as const) {
      expect({ who, status: (await get(who, `/api/issuance/desk/${planId}`)).status }).toEqual({ who, status });
    }
    expect((await get('bcd-duk.clerk', `/api/issuance/desk/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get('bcd-duk.clerk', `/api/issuance/desk/not-a-uuid`)).status).toBe(400);
  });

  it('a register of another organization is refused and changes nothing; the chosen one numbers the plan, dated the day of issue', async () => {
    const db = t.app.get(DataSource);
    const [foreign] = await db.query(
      `INSERT INTO register (organization_id, document_type, period) SELECT id, 'KH', 'term' FROM organization WHERE code = 'duk-bd'
       ON CONFLICT DO NOTHING RETURNING id`,
    );
    const foreignId =
      foreign?.id ??
      (await db.query(`SELECT r.id FROM register r JOIN organization o ON o.id = r.organization_id WHERE o.code = 'duk-bd' LIMIT 1`))[0].id;
    const refused = await sendEvent(t, 'bcd-duk.clerk', planId, { type: 'ISSUE', registerId: foreignId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'registerId', code: 'unknown_register', message: expect.stringMatching(/sổ đăng ký/) }),
    ]);
    expect((await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}`)).state).toBe('awaitingIssue');

    // A register of its own for KH, made by the organization's administrator, and chosen at the desk.
    const created = await request(t.http)
      .post('/api/registers')
      .set('Authorization', `Bearer ${await t.token('bcd-duk.admin')}`)
      .send({ organizationId: (await getJson(t, 'bcd-duk.clerk', `/api/issuance/desk/${planId}`)).organizationId, documentType: 'KH' });
    const desk = await getJson(t, 'bcd-duk.clerk', `/api/issuance/desk/${planId}`);
    const register = created.status === 201 ? created.body.id : desk.registers.find((r: { isDefault: boolean }) => r.isDefault).id;
    const offered = desk.registers.find((r: { id: string }) => r.id === register);
    expect(offered).toMatchObject({ isDefault: true, nextNumberSymbol: expect.stringMatching(/-KH\/BCĐ$/) });

    await expectTransition(t, 'bcd-duk.clerk', planId, { type: 'ISSUE', registerId: register }, 'signed');
    const plan = await waitFor(
      'the issuance',
      () => db.manager.findOneByOrFail(Plan, { id: planId }),
      (p) => p.pdfSha256 !== null,
      120_000,
    );
    expect(plan.numberSymbol).toBe(offered.nextNumberSymbol);
    expect(plan.issuedOn).toBe(desk.issuedOn);
    const [entry] = await db.query(`SELECT register_id FROM register_entry WHERE plan_id = $1`, [planId]);
    expect(entry.register_id).toBe(register);
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);
    expect(history.find((e: { event: string }) => e.event === 'ISSUE')).toMatchObject({
      fromState: 'awaitingIssue',
      toState: 'signed',
      data: { registerId: register },
    });
    // gone from the desk
    expect(await getJson(t, 'bcd-duk.clerk', '/api/issuance/desk')).toEqual([]);
  });
});
