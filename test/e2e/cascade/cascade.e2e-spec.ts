import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CascadeService, ChildDeadlinesService, ChildPlansService, CREATE_CHILDREN_JOB } from '@app/cascade';
import { Clock, DAY_MS, JobsService } from '@app/jobs';
import type { Item, PlanContent } from '@app/plans';
import { archiveRecipient, recipientLine } from '@app/plans';
import { createStateTree, TreeOrganization } from '../../support/cascade-fixtures';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { createPlan } from '../../support/plan-factory';
import { createTestApp, passwordOf, TestApp } from '../../support/test-app';
import { expectTransition, getJson, waitFor, signAndIssue } from '../../support/workflow-client';
import { binaryBody } from '../../support/binary-body';

const DUE_DAYS = 20;
const MARGIN_DAYS = 5;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** "ngày 23/11/2026", "ngày 05/02/2027": a date cited in a body, as the seeds write it. */
const cited = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String(d).padStart(2, '0')}/${m <= 2 ? String(m).padStart(2, '0') : m}/${y}`;
};

/**
 * A three-level cascade on a tree made for the test (1 province, 5 districts, 25 communes, State
 * family): every level drafted, reviewed, signed with step-up and issued through the real
 * workflow and queue; each issuance creates the next level's prefilled drafts; the root's tree
 * shows all 31 plans. Deadlines fire by moving the application's clock, never by sleeping.
 */
describe('cascade: a province plan implemented by 5 districts and their 25 communes', () => {
  let t: TestApp;
  let tree: TreeOrganization[];
  let rootId: string;
  let root: { numberSymbol: string; issuedOn: string };
  const districtPlans = new Map<string, string>();
  const org = (code: string) => tree.find((o) => o.code === code)!;
  const districts = () => tree.filter((o) => o.level === 2);
  const communesOf = (code: string) => tree.filter((o) => o.parentCode === code);
  const db = () => t.app.get(DataSource);
  const planRow = async (id: string) =>
    (
      await db().query(`SELECT id, state, organization_id, number_symbol, issued_on::text, due_date::text, parent_plan_id FROM plan WHERE id = $1`, [
        id,
      ])
    )[0];
  const contentOf = async (id: string): Promise<PlanContent> => (await getJson(t, 'p.auditor', `/api/plans/${id}`)).content;
  const childOf = async (parentId: string, organizationId: string): Promise<string> =>
    (await db().query(`SELECT id FROM plan WHERE parent_plan_id = $1 AND organization_id = $2`, [parentId, organizationId]))[0]?.id;

  /** SUBMIT, two review steps, SIGN with the password, the clerk's ISSUE, then the issuance job: as each person would. */
  async function issue(planId: string, code: string): Promise<void> {
    await expectTransition(t, `${code}.drafter`, planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, `${code}.reviewer`, planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, `${code}.format_checker`, planId, { type: 'APPROVE' }, 'awaitingSignature');
    await signAndIssue(t, `${code}.signer`, planId, passwordOf(`${code}.signer`));
    await waitFor(
      `issuance of ${code}`,
      () => planRow(planId),
      (p) => ['issued', 'distributing', 'distributed'].includes(p.state),
      60_000,
    );
  }

  beforeAll(async () => {
    t = await createTestApp({
      demo: false,
      env: {
        CLOCK_ADJUSTABLE: '1',
        CHILD_PLAN_DUE_DAYS: String(DUE_DAYS),
        CHILD_REPORT_MARGIN_DAYS: String(MARGIN_DAYS),
        CHILD_PLAN_REMINDER_DAYS: '3',
      },
    });
    tree = await createStateTree(db(), 'p', 5);
    // An auditor reads every plan: the test looks through their eyes where the roles do not matter.
    await db().query(
      `WITH u AS (INSERT INTO app_user (username, full_name, password_hash, version) SELECT 'p.auditor', 'Kiểm tra viên', password_hash, 1 FROM app_user WHERE username = 'p.drafter' RETURNING id)
       INSERT INTO membership (user_id, organization_id, roles) SELECT u.id, $1, '{auditor}' FROM u`,
      [org('p').id],
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('issues the province plan through the workflow, and its issuance creates one prefilled draft per district', async () => {
    const today = t.app.get(Clock).today();
    const [signer] = await db().query(
      `SELECT u.id, u.full_name, a.id AS authority_id FROM app_user u JOIN signing_authority a ON a.user_id = u.id WHERE u.username = 'p.signer'`,
    );
    const d1 = org('p-d1');
    const d3 = org('p-d3');
    const content: PlanContent = {
      schemaVersion: 1,
      documentType: 'KH',
      summary: 'thực hiện dân chủ ở cơ sở và dân vận chính quyền\ntrên địa bàn tỉnh',
      place: null,
      preamble: {
        paragraphs: ['Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:'],
        references: [],
      },
      parts: [
        { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: [{ kind: 'paragraph', id: 'p1-a', text: 'Phát huy quyền làm chủ của Nhân dân.' }] },
        {
          id: 'p2',
          title: 'NỘI DUNG, NHIỆM VỤ',
          children: [
            {
              kind: 'item',
              id: 't-d1',
              heading: null,
              text: 'Rà soát quy chế dân chủ trong cơ quan hành chính.',
              task: {
                directedBy: 'Chủ tịch UBND tỉnh',
                carriedOutBy: d1.fullName,
                assigneeOrganizationIds: [d1.id],
                timeframe: { kind: 'quarter', quarters: [2], year: 2027, text: null },
              },
              children: [],
            },
            {
              kind: 'item',
              id: 't-d3',
              heading: null,
              text: 'Xây dựng mô hình "Dân vận khéo".',
              task: {
                directedBy: null,
                carriedOutBy: `Sở Nội vụ; ${d3.fullName}`,
                assigneeOrganizationIds: [],
                timeframe: { kind: 'year', year: 2027, text: null },
              },
              children: [],
            },
            {
              kind: 'item',
              id: 't-all',
              heading: null,
              text: 'Tiếp công dân, đối thoại với Nhân dân.',
              task: { directedBy: null, carriedOutBy: 'Các sở, ngành', assigneeOrganizationIds: [], timeframe: { kind: 'ongoing', text: null } },
              children: [],
            },
          ],
        },
        {
          id: 'p3',
          title: 'TỔ CHỨC THỰC HIỆN',
          children: [{ kind: 'paragraph', id: 'p3-a', text: 'UBND các huyện xây dựng kế hoạch và báo cáo kết quả định kỳ.' }],
        },
      ],
      closing: [],
      appendices: [],
      reportingDuties: [
        {
          id: 'd-6m',
          what: 'kết quả thực hiện dân chủ ở cơ sở 6 tháng',
          period: '6 tháng',
          deadline: addDays(today, 200),
          to: 'UBND tỉnh (qua Sở Nội vụ)',
          toOrganizationId: org('p').id,
          reporterOrganizationIds: [],
        },
        {
          id: 'd-year',
          what: 'kết quả thực hiện dân chủ ở cơ sở năm',
          period: 'cuối năm',
          deadline: addDays(today, 330),
          to: 'UBND tỉnh (qua Sở Nội vụ)',
          toOrganizationId: org('p').id,
          reporterOrganizationIds: [],
        },
      ],
      recipients: [
        recipientLine('r-tu', 'TT. Tỉnh ủy', { purpose: 'report', note: 'b/c' }),
        ...districts().map((d) =>
          recipientLine(`r-${d.code}`, d.fullName, {
            organizationId: d.id,
            purpose: 'implement' as const,
            mustImplement: true,
            implementationDueDate: d.code === 'p-d1' ? addDays(today, 10) : null,
          }),
        ),
        archiveRecipient('r-luu', 'VT, VP'),
      ],
      signature: {
        capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
        signerName: signer.full_name,
        signerUserId: signer.id,
        authorityId: signer.authority_id,
      },
      footnotes: [],
    };
    rootId = await createPlan(t, 'p.drafter', content);
    await issue(rootId, 'p');
    const rootRow = await planRow(rootId);
    expect(rootRow.number_symbol).toMatch(/^\d{2}\/KH-UBND$/);
    root = { numberSymbol: rootRow.number_symbol, issuedOn: rootRow.issued_on };

    const children = await waitFor(
      'the district drafts',
      () => db().query(`SELECT id, organization_id, state, due_date::text FROM plan WHERE parent_plan_id = $1`, [rootId]),
      (rows) => rows.length === 5,
    );
    expect(children.map((c: { state: string }) => c.state)).toEqual(Array(5).fill('draft'));
    for (const d of districts()) districtPlans.set(d.code, children.find((c: { organization_id: string }) => c.organization_id === d.id).id);
    const due = Object.fromEntries(
      children.map((c: { organization_id: string; due_date: string }) => [tree.find((o) => o.id === c.organization_id)!.code, c.due_date]),
    );
    expect(due['p-d1']).toBe(addDays(today, 10));
    expect(due['p-d2']).toBe(addDays(root.issuedOn, DUE_DAYS));
  }, 180_000);

  it('prefills each district draft: preamble citing the parent, outline with its tasks marked, earlier report deadlines, its communes as recipients, its chairman as signer', async () => {
    const d1 = org('p-d1');
    const content = await contentOf(districtPlans.get('p-d1')!);
    const province = org('p');
    expect(content.preamble.paragraphs[0]).toBe(
      `Thực hiện Kế hoạch số ${root.numberSymbol} ngày ${cited(root.issuedOn)} của ${province.fullName} về thực hiện dân chủ ở cơ sở và dân vận chính quyền trên địa bàn tỉnh, ${d1.fullName} xây dựng Kế hoạch triển khai thực hiện như sau:`,
    );
    expect(content.preamble.references).toEqual([
      expect.objectContaining({
        documentType: 'Kế hoạch',
        numberSymbol: root.numberSymbol,
        date: root.issuedOn,
        issuer: province.fullName,
        planId: rootId,
      }),
    ]);
    // Its own summary names the parent by number, date (dd/mm/yyyy) and issuer (a State child: capital first).
    const [y, m, d] = root.issuedOn.split('-');
    expect(content.summary).toBe(`Triển khai thực hiện Kế hoạch số ${root.numberSymbol} ngày ${d}/${m}/${y} của ${province.fullName}`);
    expect(content.reportingDuties.every((duty) => duty.deadline >= root.issuedOn)).toBe(true);
    expect(content.parts.map((p) => p.title)).toEqual(['MỤC ĐÍCH, YÊU CẦU', 'NỘI DUNG, NHIỆM VỤ', 'TỔ CHỨC THỰC HIỆN']);
    const tasks = content.parts[1].children as Item[];
    expect(tasks.map((i) => i.task!.assigneeOrganizationIds.includes(d1.id))).toEqual([true, false, false]);
    const d3Tasks = (await contentOf(districtPlans.get('p-d3')!)).parts[1].children as Item[];
    expect(d3Tasks.map((i) => i.task!.assigneeOrganizationIds.includes(org('p-d3').id))).toEqual([false, true, false]);
    const rootContent = await contentOf(rootId);
    expect(content.reportingDuties.map((d) => [d.what, d.deadline, d.toOrganizationId])).toEqual(
      rootContent.reportingDuties.map((d) => [d.what, addDays(d.deadline, -MARGIN_DAYS), d1.id]),
    );
    expect(content.recipients.map((r) => [r.organizationId, r.purpose, r.mustImplement])).toEqual([
      [province.id, 'report', false],
      ...communesOf('p-d1').map((c) => [c.id, 'implement', true]),
      [null, 'archive', false],
    ]);
    expect(content.signature).toMatchObject({ capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], signerName: expect.stringContaining('Chủ tịch') });

    // its trail starts with its creation by the system, naming the parent
    const [created] = await getJson(t, 'p-d1.drafter', `/api/plans/${districtPlans.get('p-d1')}/history`);
    expect(created).toMatchObject({
      event: 'CREATED',
      actorId: null,
      actorName: 'Hệ thống',
      toState: 'draft',
      contentVersion: 1,
      data: { cascade: { parentPlanId: rootId, parentNumberSymbol: root.numberSymbol } },
    });
    // in its drafters' work list, with a notice; linked both ways
    const drafts = (await getJson(t, 'p-d1.drafter', '/api/plans?status=draft')).items.map((p: { id: string }) => p.id);
    expect(drafts).toContain(districtPlans.get('p-d1'));
    const notices = await getJson(t, 'p-d1.drafter', '/api/cascade/notices');
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'child_plan_assigned',
        planId: districtPlans.get('p-d1'),
        message: expect.stringContaining(`Kế hoạch số ${root.numberSymbol}`),
      }),
    ]);
    expect(await getJson(t, 'p-d1.drafter', `/api/plans/${districtPlans.get('p-d1')}/parent`)).toMatchObject({
      id: rootId,
      numberSymbol: root.numberSymbol,
      issuedOn: root.issuedOn,
    });
    const children = await getJson(t, 'p.drafter', `/api/plans/${rootId}/children`);
    expect(children.map((c: { id: string }) => c.id).sort()).toEqual([...districtPlans.values()].sort());
    await getJson(t, 'p.drafter', `/api/plans/${rootId}/parent`, 404);
    // a district does not see a sibling's draft
    await getJson(t, 'p-d2.drafter', `/api/plans/${districtPlans.get('p-d1')}/tree`, 404);
  });

  it('running the cascade job again, even twice at once, creates no duplicate', async () => {
    const service = t.app.get(ChildPlansService);
    const runs = await Promise.all([service.createChildren(rootId), service.createChildren(rootId)]);
    for (const run of runs) expect(run).toMatchObject({ implementing: 5, created: 0, existing: 5 });
    // and the job itself, enqueued again (an issuance retried): one job per plan, no new child
    await db().transaction((manager) => t.app.get(CascadeService).planIssued(manager, { id: rootId }));
    const jobs = await t.app.get(JobsService).jobsOfPlan(db().manager, CREATE_CHILDREN_JOB.queue, rootId);
    expect(jobs.filter((j) => (j.data as { parentPlanId?: string }).parentPlanId === rootId).length).toBeLessThanOrEqual(1);
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM plan WHERE parent_plan_id = $1`, [rootId]);
    expect(n).toBe(5);
    // the database itself refuses a second child of the same parent at the same organization
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await expect(
        client.query(
          `INSERT INTO plan (organization_id, document_type, summary, created_by_id, parent_plan_id, row_version) SELECT organization_id, 'KH', 'x', created_by_id, parent_plan_id, 1 FROM plan WHERE id = $1`,
          [districtPlans.get('p-d2')],
        ),
      ).rejects.toThrow(/uq_plan_parent_organization/);
    } finally {
      await client.end();
    }
  });

  it('each district issues its plan through the same workflow, which cascades again to its five communes', async () => {
    for (const d of districts()) await issue(districtPlans.get(d.code)!, d.code);
    const grandchildren = await waitFor(
      'the commune drafts',
      () => db().query(`SELECT p.id FROM plan p JOIN plan parent ON parent.id = p.parent_plan_id WHERE parent.parent_plan_id = $1`, [rootId]),
      (rows) => rows.length === 25,
      60_000,
    );
    expect(grandchildren).toHaveLength(25);
    const d2 = await planRow(districtPlans.get('p-d2')!);
    const commune = communesOf('p-d2')[0];
    const communePlan = await childOf(d2.id, commune.id);
    const content = await contentOf(communePlan);
    expect(content.preamble.paragraphs[0]).toMatch(
      new RegExp(
        `^Thực hiện Kế hoạch số ${d2.number_symbol.replace('/', '\\/')} ngày ${cited(d2.issued_on).replace(/\//g, '\\/')} của ${org('p-d2').fullName} về `,
      ),
    );
    expect(content.preamble.references[0]).toMatchObject({ planId: d2.id, numberSymbol: d2.number_symbol });
    // a commune has no subordinates: it reports to its district and files its copy
    expect(content.recipients.map((r) => [r.organizationId, r.purpose])).toEqual([
      [org('p-d2').id, 'report'],
      [null, 'archive'],
    ]);
    expect((await planRow(communePlan)).due_date).toBe(addDays(d2.issued_on, DUE_DAYS));
  }, 600_000);

  it("the root's tree shows all 31 plans with their states, and counts per level", async () => {
    // the communes of district 1 issue theirs, those of district 2 are under review, the rest untouched
    const d1Plan = districtPlans.get('p-d1')!;
    for (const c of communesOf('p-d1')) await issue(await childOf(d1Plan, c.id), c.code);
    for (const c of communesOf('p-d2'))
      await expectTransition(t, `${c.code}.drafter`, await childOf(districtPlans.get('p-d2')!, c.id), { type: 'SUBMIT' }, 'review');

    const view = await getJson(t, 'p.drafter', `/api/plans/${rootId}/tree`);
    expect(view.root).toMatchObject({ id: rootId, depth: 0, status: 'issued', numberSymbol: root.numberSymbol });
    expect(view.total).toBe(30);
    expect(1 + view.descendants.length).toBe(31);
    expect(view.levels).toEqual([
      { depth: 1, total: 5, issued: 5, inProgress: 0, notStarted: 0, cancelled: 0, overdue: 0 },
      { depth: 2, total: 25, issued: 5, inProgress: 5, notStarted: 15, cancelled: 0, overdue: 0 },
    ]);
    // depth first: each district followed by its five communes
    for (let i = 0; i < 30; i += 6) {
      const district = view.descendants[i];
      expect(district.depth).toBe(1);
      expect(
        view.descendants.slice(i + 1, i + 6).every((n: { depth: number; parentPlanId: string }) => n.depth === 2 && n.parentPlanId === district.id),
      ).toBe(true);
    }
    const d1Node = view.descendants.find((n: { organization: { code: string } }) => n.organization.code === 'p-d1');
    expect(d1Node).toMatchObject({
      state: expect.stringMatching(/issued|distribut/),
      numberSymbol: expect.stringMatching(/\/KH-UBND$/),
      dueDate: expect.any(String),
      overdue: false,
      organization: { level: 2 },
    });
    const reviewed = view.descendants.filter((n: { state: string }) => n.state === 'review');
    expect(reviewed).toHaveLength(5);
    // a district sees its own subtree only
    const sub = await getJson(t, 'p-d3.drafter', `/api/plans/${districtPlans.get('p-d3')}/tree`);
    expect(sub.total).toBe(5);
  }, 600_000);

  it('reminds the communes before their due date and, once it has passed, flags them overdue and notifies their district', async () => {
    const clock = t.app.get(Clock);
    const d3 = org('p-d3');
    const d3Plan = await planRow(districtPlans.get('p-d3')!);
    const due = addDays(d3Plan.issued_on, DUE_DAYS);
    const commune = communesOf('p-d3')[0];
    // to the morning two days before the due date: the reminder (three days before, 08:00) is due
    await clock.advance(Date.parse(`${addDays(due, -2)}T03:00:00Z`) - clock.now().getTime());
    const reminders = await waitFor(
      'the due-date reminder',
      () => getJson(t, `${commune.code}.signer`, '/api/cascade/notices'),
      (list) => list.some((n: { kind: string }) => n.kind === 'due_reminder'),
    );
    expect(reminders.find((n: { kind: string }) => n.kind === 'due_reminder').message).toContain('còn 2 ngày');
    expect((await getJson(t, 'p.drafter', `/api/plans/${rootId}/tree`)).levels[1].overdue).toBe(0);
    // the communes of district 1 issued theirs: no reminder for them
    expect(
      (await getJson(t, `${communesOf('p-d1')[0].code}.drafter`, '/api/cascade/notices')).filter((n: { kind: string }) => n.kind === 'due_reminder'),
    ).toEqual([]);

    // past the due date: overdue in the tree, and the district is told, once per commune
    await clock.advance(3 * DAY_MS);
    const told = await waitFor(
      'the overdue notices of district 3',
      () => getJson(t, `${d3.code}.drafter`, '/api/cascade/notices'),
      (list) => list.filter((n: { kind: string }) => n.kind === 'overdue').length === 5,
    );
    expect(told.filter((n: { kind: string }) => n.kind === 'overdue').map((n: { message: string }) => n.message)).toContain(
      `${commune.fullName} chưa ban hành kế hoạch thực hiện Kế hoạch số ${d3Plan.number_symbol}: đã quá hạn ngày ${cited(due)}.`,
    );
    const view = await getJson(t, 'p.drafter', `/api/plans/${rootId}/tree`);
    expect(view.levels[1]).toMatchObject({ total: 25, issued: 5, overdue: 20 });
    expect(
      view.descendants
        .filter((n: { overdue: boolean }) => n.overdue)
        .every((n: { depth: number; status: string }) => n.depth === 2 && n.status !== 'issued'),
    ).toBe(true);
    // every district with silent communes is told (one job per district and due date)
    const reported = await waitFor(
      'the other districts told',
      () => db().query(`SELECT count(*)::int AS n FROM child_plan WHERE overdue_notified_at IS NOT NULL`),
      ([row]) => row.n === 20,
      30_000,
    );
    expect(reported[0].n).toBe(20);
    expect((await getJson(t, 'p-d1.drafter', '/api/cascade/notices')).filter((n: { kind: string }) => n.kind === 'overdue')).toEqual([]);
    // a second run of the check tells nobody again
    expect(await t.app.get(ChildDeadlinesService).checkOverdue({ parentPlanId: d3Plan.id, dueDate: due })).toBe(0);
  }, 120_000);

  it("an issued child's PDF carries the parent's number and date exactly as issued", async () => {
    const res = await request(t.http)
      .get(`/api/plans/${districtPlans.get('p-d1')}/pdf`)
      .set('Authorization', `Bearer ${await t.token('p-d1.drafter')}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = pdftotext(pdfFile(res.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain(`Thực hiện Kế hoạch số ${root.numberSymbol} ngày ${cited(root.issuedOn)} của ${org('p').fullName}`);
  });

  it('each implementing organization reports for each duty; the parent reads the matrix with overdue marks', async () => {
    const d1 = org('p-d1');
    const d2 = org('p-d2');
    const rootContent = await contentOf(rootId);
    const sent = await request(t.http)
      .post(`/api/plans/${rootId}/reports`)
      .set('Authorization', `Bearer ${await t.token('p-d1.clerk')}`)
      .send({
        dutyId: 'd-6m',
        text: '  Báo cáo kết quả 6 tháng.\nĐã tổ chức 12 hội nghị đối thoại.  ',
        attachments: [{ fileName: 'bao-cao.txt', mediaType: 'text/plain', contentBase64: Buffer.from('số liệu').toString('base64') }],
      })
      .expect(201);
    expect(sent.body).toMatchObject({
      organization: { id: d1.id },
      childPlanId: districtPlans.get('p-d1'),
      text: 'Báo cáo kết quả 6 tháng.\nĐã tổ chức 12 hội nghị đối thoại.',
      late: false,
    });
    const file = await request(t.http)
      .get(`/api/plans/${rootId}/reports/${sent.body.id}/attachments/${sent.body.attachments[0].id}`)
      .set('Authorization', `Bearer ${await t.token('p.drafter')}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect((file.body as Buffer).toString()).toBe('số liệu');

    // bad input: nothing written
    const before = (await db().query(`SELECT count(*)::int AS n FROM plan_report`))[0].n;
    const unknown = await request(t.http)
      .post(`/api/plans/${rootId}/reports`)
      .set('Authorization', `Bearer ${await t.token('p-d2.drafter')}`)
      .send({ dutyId: 'no-such-duty', text: 'x' })
      .expect(422);
    expect(unknown.body.errors).toEqual([{ path: 'dutyId', code: 'not_found', message: expect.stringMatching(/nhiệm vụ báo cáo/) }]);
    const empty = await request(t.http)
      .post(`/api/plans/${rootId}/reports`)
      .set('Authorization', `Bearer ${await t.token('p-d2.drafter')}`)
      .send({ dutyId: 'd-6m', text: '', extra: 1 })
      .expect(422);
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'text']);
    const stranger = await request(t.http)
      .post(`/api/plans/${rootId}/reports`)
      .set('Authorization', `Bearer ${await t.token('p-d1-x1.drafter')}`)
      .send({ dutyId: 'd-6m', text: 'x' });
    expect(stranger.status).toBe(404);
    expect((await db().query(`SELECT count(*)::int AS n FROM plan_report`))[0].n).toBe(before);

    let matrix = await getJson(t, 'p.drafter', `/api/plans/${rootId}/report-matrix`);
    expect(matrix.duties.map((d: { id: string }) => d.id)).toEqual(['d-6m', 'd-year']);
    expect(matrix.rows).toHaveLength(5);
    const row = (id: string) => matrix.rows.find((r: { organization: { id: string } }) => r.organization.id === id);
    expect(row(d1.id).cells).toEqual([
      expect.objectContaining({ dutyId: 'd-6m', status: 'submitted', overdue: false, reportId: sent.body.id, reports: 1 }),
      expect.objectContaining({ dutyId: 'd-year', status: 'pending', overdue: false, reportId: null }),
    ]);
    expect(row(d2.id).childPlan).toMatchObject({ id: districtPlans.get('p-d2'), state: expect.stringMatching(/issued|distribut/) });
    expect(matrix.duties[0]).toMatchObject({ submitted: 1, pending: 4, overdue: 0 });
    // each implementing body sees what it owes, with deadlines and where it stands
    const owed = await getJson(t, 'p-d1.clerk', '/api/cascade/report-duties');
    expect(
      owed
        .filter((o: { plan: { id: string } }) => o.plan.id === rootId)
        .map((o: { dutyId: string; status: string; deadline: string; childPlanId: string }) => [o.dutyId, o.status, o.deadline, o.childPlanId]),
    ).toEqual([
      ['d-6m', 'submitted', rootContent.reportingDuties[0].deadline, districtPlans.get('p-d1')],
      ['d-year', 'pending', rootContent.reportingDuties[1].deadline, districtPlans.get('p-d1')],
    ]);
    // only the issuing side reads the matrix
    await getJson(t, 'p-d1.drafter', `/api/plans/${rootId}/report-matrix`, 403);

    // past the six-month deadline: the four silent districts are overdue; a late report is marked late
    const clock = t.app.get(Clock);
    const deadline = rootContent.reportingDuties[0].deadline;
    await clock.advance(Date.parse(`${addDays(deadline, 1)}T03:00:00Z`) - clock.now().getTime());
    const late = await request(t.http)
      .post(`/api/plans/${rootId}/reports`)
      .set('Authorization', `Bearer ${await t.token('p-d2.drafter')}`)
      .send({ dutyId: 'd-6m', text: 'Báo cáo muộn.' })
      .expect(201);
    expect(late.body.late).toBe(true);
    matrix = await getJson(t, 'p.drafter', `/api/plans/${rootId}/report-matrix`);
    expect(row(d1.id).cells[0]).toMatchObject({ status: 'submitted', overdue: false });
    expect(row(d2.id).cells[0]).toMatchObject({ status: 'late', overdue: true });
    expect(matrix.duties[0]).toMatchObject({ submitted: 1, late: 1, overdue: 3, pending: 0 });
    expect(matrix.rows.filter((r: { cells: { status: string }[] }) => r.cells[0].status === 'overdue')).toHaveLength(3);
  }, 120_000);
});
