import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { contentDifferences, withoutTypography } from '@app/importing';
import { PlanContent, readSeedPlans } from '@app/plans';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { wordsInOrderRatio } from '../../support/seed-text';
import { createTestApp, TestApp } from '../../support/test-app';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
import { SEEDS_DIR as SEEDS } from '../../support/seeds';
import { binaryBody } from '../../support/binary-body';
const seeds = readSeedPlans(FIXTURES);

/** Every difference, printed, so that a failing comparison says what differs. */
function expectSameContent(expected: PlanContent, actual: PlanContent, what: string): void {
  const differences = contentDifferences(expected, actual);
  if (differences.length) console.error(`${what}: ${differences.length} difference(s)\n  ${differences.join('\n  ')}`);
  expect(differences).toEqual([]);
}

describe('importing: Word, Markdown and text files become structured drafts', () => {
  let t: TestApp;
  let db: DataSource;
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const counts = async () =>
    (await db.query(`SELECT (SELECT count(*) FROM plan)::int AS plans, (SELECT count(*) FROM plan_import_report)::int AS reports`))[0];
  const upload = async (username: string, bytes: Buffer, filename: string, query = '') =>
    request(t.http)
      .post(`/api/plans/import${query}`)
      .set('Authorization', await auth(username))
      .attach('file', bytes, filename);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe.each(seeds.map((s) => [s.facts.seed, s] as const))('seed %s', (_name, { facts, content: fixture }) => {
    const drafter = `${facts.organizationCode}.drafter`;

    it('imports into the plan of the hand-written fixture, field by field, and saves it with its report', async () => {
      const bytes = readFileSync(join(SEEDS, facts.seed));
      const res = await upload(drafter, bytes, facts.seed, '?save=true');
      expect(res.status).toBe(201);
      expectSameContent(fixture, res.body.content, facts.seed);
      expect(res.body.detected).toMatchObject({
        family: facts.family,
        numberSymbol: facts.numberSymbol,
        number: facts.number,
        draft: facts.status === 'draft',
      });
      if (facts.issuedOn) expect(res.body.detected.date).toBe(facts.issuedOn);
      expect(res.body.report.unrecognized).toEqual([]);
      expect(res.body.report.recognized.length).toBeGreaterThan(20);

      const saved = await request(t.http)
        .get(`/api/plans/${res.body.planId}`)
        .set('Authorization', await auth(drafter))
        .expect(200);
      expect(saved.body).toMatchObject({ state: 'draft', version: 1 });
      expectSameContent(fixture, saved.body.content, `${facts.seed} (saved)`);
      const kept = await request(t.http)
        .get(`/api/plans/${res.body.planId}/import-report`)
        .set('Authorization', await auth(drafter))
        .expect(200);
      expect(kept.body).toMatchObject({
        planId: res.body.planId,
        fileName: facts.seed,
        fileSize: bytes.length,
        source: 'txt/utf-8',
        report: res.body.report,
        detected: res.body.detected,
      });
      // A plan made in the editor has no import report; a stranger does not see that one exists.
      const typed = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth(drafter))
        .send({ content: fixture })
        .expect(201);
      await request(t.http)
        .get(`/api/plans/${typed.body.id}/import-report`)
        .set('Authorization', await auth(drafter))
        .expect(404);
      await request(t.http)
        .get(`/api/plans/${res.body.planId}/import-report`)
        .set('Authorization', await auth('ubnd-np.drafter'))
        .expect(404);

      // The imported draft renders to a PDF that reads as the seed (its number and date still blank).
      const pdf = await request(t.http)
        .get(`/api/plans/${res.body.planId}/preview.pdf`)
        .set('Authorization', await auth(drafter))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const reading = wordsInOrderRatio(bytes.toString('utf8'), pdftotext(pdfFile(pdf.body as Buffer)));
      console.log(
        `${facts.seed}: ${(reading.ratio * 100).toFixed(1)}% of the seed's ${reading.seedWords} words in order in the imported draft's PDF`,
      );
      expect(reading.ratio).toBeGreaterThanOrEqual(0.97);
    });

    it('round trip: the fixture exported to Word imports back to the same structure', async () => {
      const created = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth(drafter))
        .send({ content: fixture })
        .expect(201);
      const docx = await request(t.http)
        .get(`/api/plans/${created.body.id}/export.docx`)
        .set('Authorization', await auth(drafter))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      const bytes = docx.body as Buffer;
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      const res = await upload(drafter, bytes, 'ke-hoach.docx');
      expect(res.status).toBe(200);
      expect(res.body.planId).toBeNull();
      expect(res.body.detected).toMatchObject({ family: facts.family, draft: true });
      expectSameContent(fixture, res.body.content, `${facts.fixture} via .docx`);
      expect(res.body.report.unrecognized).toEqual([]);
    });

    it('round trip: the fixture rendered to PDF, read by pdftotext -layout, imports back to the same structure', async () => {
      const created = await request(t.http)
        .post('/api/plans')
        .set('Authorization', await auth(drafter))
        .send({ content: fixture })
        .expect(201);
      const pdf = await request(t.http)
        .get(`/api/plans/${created.body.id}/preview.pdf`)
        .set('Authorization', await auth(drafter))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const text = pdftotext(pdfFile(pdf.body as Buffer), ['-layout']);
      const res = await upload(drafter, Buffer.from(text, 'utf8'), 'ke-hoach.txt');
      expect(res.status).toBe(200);
      expect(res.body.detected).toMatchObject({ family: facts.family, draft: true, numberSymbol: null });
      // A PDF's text carries no bold or italic: compared without them, everything else must be equal.
      expectSameContent(withoutTypography(fixture), withoutTypography(res.body.content), `${facts.fixture} via PDF text`);
      expect(res.body.report.unrecognized).toEqual([]);
      const artifacts = new Set(res.body.report.recognized.map((r: { what: string }) => r.what));
      expect(artifacts.has('watermark')).toBe(true);
    });
  });

  describe('bad files get a clear 4xx and nothing is saved', () => {
    const refused = async (bytes: Buffer, filename: string, status: number, code: string) => {
      const before = await counts();
      const res = await upload('bcd-duk.drafter', bytes, filename, '?save=true');
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(typeof res.body.message).toBe('string');
      expect(res.body.message).toMatch(/[ăâđêôơưàảãáạ]/u);
      expect(await counts()).toEqual(before);
      return res.body;
    };

    it('not a document: a binary named .txt, a PNG, a PDF, an old .doc, a broken .docx', async () => {
      const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
      const body = await refused(binary, 'ke-hoach.txt', 422, 'not_a_document');
      expect(body.errors).toEqual([{ path: 'file', code: 'not_a_document', message: expect.any(String) }]);
      await refused(binary, 'anh.png', 422, 'unsupported_type');
      await refused(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'ke-hoach.pdf', 422, 'unsupported_type');
      await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'ke-hoach.doc', 422, 'unsupported_type');
      await refused(Buffer.from('not a zip at all'), 'ke-hoach.docx', 422, 'not_a_document');
      const zip = new JSZip();
      zip.file('hello.txt', 'xin chào');
      await refused(await zip.generateAsync({ type: 'nodebuffer' }), 'ke-hoach.docx', 422, 'not_a_document');
    });

    it('a text that is no plan', async () => {
      await refused(Buffer.from('Danh sách đi chợ:\ncà chua, rau muống, thịt bò.\n'), 'cho.txt', 422, 'not_a_plan');
    });

    it('empty files', async () => {
      await refused(Buffer.alloc(0), 'rong.txt', 422, 'empty_file');
      await refused(Buffer.from('  \n\n \t\n'), 'rong.md', 422, 'empty_file');
    });

    it('no file at all', async () => {
      const res = await request(t.http)
        .post('/api/plans/import?save=true')
        .set('Authorization', await auth('bcd-duk.drafter'))
        .field('note', 'x');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('no_file');
    });

    it('50 MB', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
      const before = await counts();
      const res = await upload('bcd-duk.drafter', big, 'lon.txt', '?save=true');
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('file_too_large');
      expect(res.body.message).toContain('Tệp quá lớn');
      expect(await counts()).toEqual(before);
    });

    it('a .docx with no text', async () => {
      const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({}), new Paragraph({ children: [] })] }] }));
      await refused(empty, 'trong.docx', 422, 'no_text');
    });

    it('a zip bomb: a part that inflates a thousandfold', async () => {
      const document = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('KẾ HOẠCH')] }] })));
      document.file('word/media/bomb.bin', Buffer.alloc(16 * 1024 * 1024), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
      await refused(await document.generateAsync({ type: 'nodebuffer' }), 'bom.docx', 422, 'zip_bomb');
    });
  });

  it('only drafters import', async () => {
    const res = await upload('bcd-duk.reviewer', Buffer.from('KẾ HOẠCH\nthử\nI. A\n1. B.'), 'x.txt');
    expect(res.status).toBe(403);
  });

  it('links cited plans the drafter may read, and organizations named near the issuer', async () => {
    // An issued parent plan: 56/KH-UBND of An Nhơn, cited by the State seed's preamble.
    const parent = await request(t.http)
      .post('/api/plans')
      .set('Authorization', await auth('ubnd-an.drafter'))
      .send({ content: seeds[2].content })
      .expect(201);
    await db.query(`UPDATE plan SET number = 56, number_symbol = '56/KH-UBND', issued_on = '2024-03-21', state = 'issued' WHERE id = $1`, [
      parent.body.id,
    ]);
    const seed = readFileSync(join(SEEDS, 'state-xa-2024-48-KH-UBND.txt'));
    const cited = (body: { content: PlanContent }) => body.content.preamble.references.find((r) => r.numberSymbol === '56/KH-UBND')!;

    // Nhơn Hậu cannot read An Nhơn's plan yet: no link (a link would tell it exists).
    const unseen = await upload('ubnd-nh.drafter', seed, 'state.txt');
    expect(unseen.status).toBe(200);
    expect(cited(unseen.body).planId).toBeNull();

    const [drafter] = await db.query(`SELECT id FROM app_user WHERE username = 'ubnd-nh.drafter'`);
    const [anNhon] = await db.query(`SELECT id FROM organization WHERE code = 'ubnd-an'`);
    await db.query(`INSERT INTO membership (user_id, organization_id, roles) VALUES ($1, $2, '{consultee}')`, [drafter.id, anNhon.id]);
    const res = await upload('ubnd-nh.drafter', seed, 'state.txt');
    expect(res.status).toBe(200);
    expect(cited(res.body).planId).toBe(parent.body.id);
    expect(res.body.report.recognized).toContainEqual({ what: 'reference.plan', path: 'preamble.references[3].planId', line: 0 });
    // "UBND thị xã" is An Nhơn's short name and An Nhơn is the parent of Nhơn Hậu: the reports go there.
    expect(res.body.content.reportingDuties.map((d: { toOrganizationId: string }) => d.toOrganizationId)).toEqual([anNhon.id, anNhon.id]);
    // The same short name written by a Party committee of another tree links to nothing.
    const party = await upload('bcd-duk.drafter', readFileSync(join(SEEDS, 'party-thixa-2023-draft.txt')), 'draft.txt');
    expect(party.body.content.recipients.find((r: { name: string }) => r.name === 'Ủy ban nhân dân thị xã').organizationId).toBeNull();
  });
});
