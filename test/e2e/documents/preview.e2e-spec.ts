import request from 'supertest';
import { createPlan, planContent } from '../../support/plan-factory';
import { findPhrase, pdffonts, pdfFile, pdftotext, wordBoxes } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';

/** Draft preview: anyone who may read the plan gets a PDF that can never pass for an issued one. */
describe('draft preview (GET /api/plans/:id/preview.pdf)', () => {
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp();
    planId = await createPlan(t, 'bcd-duk.drafter', planContent());
  });
  afterAll(() => t.close());

  it('shows the blank number, a blank date and the boxed DỰ THẢO, with fonts embedded', async () => {
    const res = await request(t.http)
      .get(`/api/plans/${planId}/preview.pdf`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.reviewer')}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = pdfFile(res.body as Buffer);
    const text = pdftotext(file, ['-layout']).normalize('NFC');
    expect(text).toMatch(/Số\s+-KH\/BCĐ/);
    expect(text).toMatch(/Bình Định, ngày\s+tháng\s+năm \d{4}/);
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    const words = wordBoxes(file);
    const box = findPhrase(words, 'DỰ THẢO', 1)!;
    const number = findPhrase(words, 'Số', 1)!;
    expect(box.yMin).toBeGreaterThan(number.yMax);
    expect(box.xMax).toBeLessThan(box.pageWidth / 2);
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('is refused to someone who may not read the plan (404) and to no one signed in (401)', async () => {
    const stranger = await request(t.http)
      .get(`/api/plans/${planId}/preview.pdf`)
      .set('Authorization', `Bearer ${await t.token('ubnd-nh.drafter')}`);
    expect(stranger.status).toBe(404);
    const anonymous = await request(t.http).get(`/api/plans/${planId}/preview.pdf`);
    expect(anonymous.status).toBe(401);
  });

  it('says the plan is not issued yet when its PDF is asked for (404)', async () => {
    const res = await request(t.http)
      .get(`/api/plans/${planId}/pdf`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('document_not_issued');
  });
});
