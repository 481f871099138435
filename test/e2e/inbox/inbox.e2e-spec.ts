import request from 'supertest';
import { DataSource } from 'typeorm';
import { InboxService } from '@app/inbox';
import { createTestApp, TestApp } from '../../support/test-app';
import { getJson } from '../../support/workflow-client';

/**
 * The one inbox over HTTP: notices of every domain in one list, the unread count by source,
 * marking read (all or nothing), and the three former routes answering from it as they did.
 */
describe('inbox API', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  const db = () => t.app.get(DataSource);
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const inbox = t.app.get(InboxService);
    const [{ id: clerk }] = await db().query(`SELECT id FROM app_user WHERE username = 'db-stc.clerk'`);
    const [{ id: org }] = await db().query(`SELECT id FROM organization WHERE code = 'db-stc'`);
    // Written as the domains write them, in a transaction of theirs.
    await db().transaction(async (manager) => {
      await inbox.notify(manager, { userIds: [clerk, clerk], planId: null, kind: 'reminder', message: 'Nhắc việc', dedupeKey: 'test:reminder' });
      await inbox.notify(manager, { userIds: [clerk], planId: null, kind: 'reminder', message: 'Nhắc việc (lần hai)', dedupeKey: 'test:reminder' });
      const told = await inbox.notifyMembers(manager, [
        { kind: 'incoming_document', organizationId: org, roles: ['clerk'], planId: null, message: 'Văn bản đến: thử', dedupeKey: 'incoming:test' },
        {
          kind: 'due_reminder',
          organizationId: org,
          roles: ['clerk', 'signer'],
          planId: null,
          dueDate: '2026-12-31',
          message: 'Sắp đến hạn',
          dedupeKey: 'cascade:test',
        },
      ]);
      expect(told).toBeGreaterThanOrEqual(3);
      expect(
        await inbox.notifyMembers(manager, [
          { kind: 'incoming_document', organizationId: org, roles: ['clerk'], planId: null, message: 'again', dedupeKey: 'incoming:test' },
        ]),
      ).toBe(0);
    });
    const list: { id: string; kind: string }[] = await getJson(t, 'db-stc.clerk', '/api/inbox');
    ids = Object.fromEntries(list.map((n) => [n.kind, n.id]));
  });
  afterAll(async () => t?.close());

  it('lists every kind once, each telling its source and label, and counts the unread by source', async () => {
    const list = await getJson(t, 'db-stc.clerk', '/api/inbox');
    expect(list.map((n: { kind: string }) => n.kind).sort()).toEqual(['due_reminder', 'incoming_document', 'reminder']);
    expect(list.find((n: { kind: string }) => n.kind === 'incoming_document')).toMatchObject({
      source: 'distribution',
      kindLabel: 'Văn bản đến',
      readAt: null,
    });
    expect(list.find((n: { kind: string }) => n.kind === 'reminder')).toMatchObject({ source: 'workflow', message: 'Nhắc việc' });
    expect(list.find((n: { kind: string }) => n.kind === 'due_reminder')).toMatchObject({ source: 'cascade', dueDate: '2026-12-31' });
    expect(await getJson(t, 'db-stc.clerk', '/api/inbox/unread-count')).toEqual({
      unread: 3,
      bySource: { workflow: 1, distribution: 1, cascade: 1 },
    });
    expect((await getJson(t, 'db-stc.clerk', '/api/inbox?source=cascade')).map((n: { kind: string }) => n.kind)).toEqual(['due_reminder']);
    await request(t.http)
      .get('/api/inbox?kind=nonsense')
      .set('Authorization', await auth('db-stc.clerk'))
      .expect(422);
  });

  it('marks read all or nothing: a notice of someone else is not found and changes nothing', async () => {
    const signerNotice = (await getJson(t, 'db-stc.signer', '/api/inbox'))[0].id;
    const refused = await request(t.http)
      .post('/api/inbox/read')
      .set('Authorization', await auth('db-stc.clerk'))
      .send({ ids: [ids.reminder, signerNotice] });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('Không tìm thấy thông báo');
    expect((await getJson(t, 'db-stc.clerk', '/api/inbox/unread-count')).unread).toBe(3);
    const read = await request(t.http)
      .post('/api/inbox/read')
      .set('Authorization', await auth('db-stc.clerk'))
      .send({ ids: [ids.reminder] })
      .expect(200);
    expect(read.body[0].readAt).not.toBeNull();
    expect((await getJson(t, 'db-stc.clerk', '/api/inbox?unread=true')).map((n: { id: string }) => n.id)).not.toContain(ids.reminder);
    expect(await getJson(t, 'db-stc.clerk', '/api/inbox/unread-count')).toEqual({
      unread: 2,
      bySource: { workflow: 0, distribution: 1, cascade: 1 },
    });
  });

  it('answers on the three former routes with their own kinds and shapes', async () => {
    expect(await getJson(t, 'db-stc.clerk', '/api/notifications')).toEqual([expect.objectContaining({ id: ids.reminder, kind: 'reminder' })]);
    const incoming = await getJson(t, 'db-stc.clerk', '/api/incoming-notifications?unread=true');
    expect(incoming).toEqual([
      {
        id: ids.incoming_document,
        incomingDocumentId: null,
        organizationId: expect.any(String),
        planId: null,
        message: 'Văn bản đến: thử',
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
    // a cascade notice is not a workflow notice: the workflow route does not find it
    await request(t.http)
      .post(`/api/notifications/${ids.due_reminder}/read`)
      .set('Authorization', await auth('db-stc.clerk'))
      .expect(404);
    await request(t.http)
      .post('/api/cascade/notices/read')
      .set('Authorization', await auth('db-stc.clerk'))
      .send({ ids: [ids.due_reminder] })
      .expect(204);
    expect(await getJson(t, 'db-stc.clerk', '/api/cascade/notices?unread=1')).toEqual([]);
    await request(t.http)
      .post(`/api/incoming-notifications/${ids.incoming_document}/read`)
      .set('Authorization', await auth('db-stc.clerk'))
      .expect(200);
    expect((await getJson(t, 'db-stc.clerk', '/api/inbox/unread-count')).unread).toBe(0);
  });
});
