import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RenderingService, svgToPng } from '@app/rendering';
import { pdfFile } from '../../support/pdf-tools';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getPdf, withFutureDeadlines } from '../../support/workflow-client';

/**
 * Signature images and seals put up by the people they belong to (Nghị định 30, Phụ lục I
 * §II.7.d, §II.8.a): the holder of a signing authority or an administrator of its organization
 * uploads the signature image; administrators (of the organization or above) the seal; the
 * clerk and the signers may look at the seal. Every upload is in the organization's trail, a
 * refusal writes nothing, and the picture is printed from then on.
 */
describe('signature images and seals uploaded over the API', () => {
  let t: TestApp;
  let authorityId: string;
  let organizationId: string;
  /** A picture nobody else has: 333 × 111 pixels, so the signing PDF shows whether it is the one printed. */
  let picture: Buffer;
  const db = () => t.app.get(DataSource);
  const stampCount = async () => Number((await db().query(`SELECT count(*)::int AS n FROM stamp_image`))[0].n);
  const trail = async (event: string) =>
    (await db().query(`SELECT data FROM audit_event WHERE event = $1 AND organization_id = $2 ORDER BY seq`, [event, organizationId])).map(
      (r: { data: Record<string, unknown> }) => r.data,
    );

  async function put(username: string, path: string, file?: Buffer) {
    let req = request(t.http)
      .put(path)
      .set('Authorization', `Bearer ${await t.token(username)}`);
    if (file) req = req.attach('file', file, { filename: 'anh.png', contentType: 'image/png' });
    return req;
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    [{ id: organizationId }] = await db().query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    [{ id: authorityId }] = await db().query(
      `SELECT a.id FROM signing_authority a JOIN app_user u ON u.id = a.user_id WHERE u.username = 'bcd-duk.signer'`,
    );
    picture = await svgToPng(
      t.app.get(RenderingService).pool,
      `<svg xmlns="http://www.w3.org/2000/svg" width="333" height="111" viewBox="0 0 333 111"><path d="M10 90 C 100 10, 200 110, 320 20" stroke="#1633a8" stroke-width="6" fill="none"/></svg>`,
    );
  });
  afterAll(() => t.close());

  it('the holder puts up their signature image; it is in the trail and served back to them byte for byte', async () => {
    const res = await put('bcd-duk.signer', `/api/authorities/${authorityId}/signature-image`, picture);
    expect(res.status).toBe(200);
    const sha256 = createHash('sha256').update(picture).digest('hex');
    expect(res.body).toEqual({ kind: 'signature', ownerId: authorityId, sha256, width: 333, height: 111 });
    expect(await trail('SIGNATURE_IMAGE_UPLOADED')).toEqual([expect.objectContaining({ authorityId, sha256, width: 333, height: 111 })]);
    const back = await getPdf(t, 'bcd-duk.signer', `/api/authorities/${authorityId}/signature-image`);
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect((back.body as Buffer).equals(picture)).toBe(true);
  });

  it('refuses anyone else, a file that is not a PNG, a missing or oversized file, and writes nothing', async () => {
    const before = await stampCount();
    const path = `/api/authorities/${authorityId}/signature-image`;
    // The clerk, a signer of another body, an admin of another tree: not theirs to change or see.
    for (const who of ['bcd-duk.clerk', 'db-stc.signer', 'ubnd-an.admin']) {
      expect({ who, status: (await put(who, path, picture)).status }).toEqual({ who, status: 403 });
      expect({ who, status: (await getPdf(t, who, path)).status }).toEqual({ who, status: 403 });
    }
    const gif = await put('bcd-duk.signer', path, Buffer.from('GIF89a not a png at all'));
    expect(gif.status).toBe(422);
    expect(gif.body.code).toBe('invalid_image');
    const none = await put('bcd-duk.signer', path);
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('image_file_missing');
    const huge = await put('bcd-duk.signer', path, Buffer.alloc(1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    expect((await put('bcd-duk.signer', '/api/authorities/00000000-0000-4000-8000-000000000000/signature-image', picture)).status).toBe(404);
    expect((await put('bcd-duk.signer', '/api/authorities/not-an-id/signature-image', picture)).status).toBe(400);
    expect(await stampCount()).toBe(before);
    expect(await trail('SIGNATURE_IMAGE_UPLOADED')).toHaveLength(1);
  });

  it('an administrator of the organization or above may change the signature image for a signer', async () => {
    const res = await put('duk-bd.admin', `/api/authorities/${authorityId}/signature-image`, picture);
    expect(res.status).toBe(200);
    expect(await trail('SIGNATURE_IMAGE_UPLOADED')).toHaveLength(2);
  });

  it('the seal: administrators change it, the clerk and signers look at it, others may do neither', async () => {
    const path = `/api/organizations/${organizationId}/seal-image`;
    const before = await stampCount();
    for (const who of ['bcd-duk.clerk', 'bcd-duk.signer', 'bcd-duk.drafter', 'ubnd-an.admin'])
      expect({ who, status: (await put(who, path, picture)).status }).toEqual({ who, status: 403 });
    expect(await stampCount()).toBe(before);
    expect((await put('bcd-duk.admin', path, picture)).status).toBe(200);
    expect(await trail('SEAL_IMAGE_UPLOADED')).toEqual([expect.objectContaining({ width: 333, height: 111 })]);
    for (const who of ['bcd-duk.clerk', 'bcd-duk.signer', 'bcd-duk.admin', 'duk-bd.admin'])
      expect({ who, status: (await getPdf(t, who, path)).status }).toEqual({ who, status: 200 });
    for (const who of ['bcd-duk.drafter', 'ubnd-an.clerk'])
      expect({ who, status: (await getPdf(t, who, path)).status }).toEqual({ who, status: 403 });
  });

  it('the uploaded signature image is the one printed on the document the signer signs', async () => {
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
    const preview = await getPdf(t, 'bcd-duk.signer', `/api/plans/${planId}/signing.pdf`);
    expect(preview.status).toBe(200);
    const images = execFileSync('pdfimages', ['-list', pdfFile(preview.body, 'signing-with-upload.pdf')], { encoding: 'utf8' });
    // page num type width height ...: the uploaded picture at its own size (and its soft mask).
    expect(images.split('\n').some((line) => /^\s*\d+\s+\d+\s+image\s+333\s+111\b/.test(line))).toBe(true);
  });
});
