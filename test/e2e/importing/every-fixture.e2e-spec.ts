import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from '../../support/test-app';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const IMPORTABLE = new Set(['.txt', '.md', '.docx']);

function importableFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return importableFiles(path);
    return IMPORTABLE.has(extname(name).toLowerCase()) ? [path] : [];
  });
}

/** A State-looking file is imported by a commune's drafter, any other by a Party body's. */
const drafterFor = (path: string) => (/(^|\/)state-/.test(relative(FIXTURES, path)) ? 'ubnd-nh.drafter' : 'duk-bd.drafter');

describe('importing: every plan under test/fixtures is saved as a draft, never refused', () => {
  let t: TestApp;
  const files = importableFiles(FIXTURES);
  const saved = new Map<
    string,
    {
      status: number;
      body: {
        planId: string;
        detected: { family: string | null };
        content: { recipients: { purpose: string; name: string }[] };
        report: { warnings: string[] };
      };
    }
  >();

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    for (const path of files) {
      const res = await request(t.http)
        .post('/api/plans/import?save=true')
        .set('Authorization', `Bearer ${await t.token(drafterFor(path))}`)
        .attach('file', readFileSync(path), relative(FIXTURES, path).replace(/\//g, '_'));
      saved.set(relative(FIXTURES, path), res);
    }
  });
  afterAll(() => t.close());

  it("finds the seeds, this test's own plans and a Word file among them", () => {
    const names = [...saved.keys()];
    expect(names).toEqual(
      expect.arrayContaining(['seeds/party-thixa-2023-draft.txt', 'imports/party-signature-kiem.txt', 'imports/state-lettered-parts.docx']),
    );
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it.each(importableFiles(FIXTURES).map((p) => relative(FIXTURES, p)))('%s: 201 and a saved draft', async (name) => {
    const res = saved.get(name)!;
    if (res.status !== 201) console.error(name, res.status, JSON.stringify(res.body).slice(0, 2000));
    expect(res.status).toBe(201);
    expect(res.body.planId).toEqual(expect.any(String));
    const plan = await request(t.http)
      .get(`/api/plans/${res.body.planId}`)
      .set('Authorization', `Bearer ${await t.token(drafterFor(name))}`)
      .expect(200);
    expect(plan.body).toMatchObject({ state: 'draft', version: 1 });
  });

  it('gives a bare "- Lưu." the organization\'s archive unit, and says so', () => {
    const res = saved.get('imports/state-archive-bare.txt')!;
    expect(res.body.content.recipients.at(-1)).toMatchObject({ purpose: 'archive', name: 'VT' });
    expect(res.body.report.warnings).toContain('Dòng "Lưu" không ghi nơi lưu: ghi "VT", hãy kiểm tra.');
  });

  it('takes the family of the importing organization for a text with no header', () => {
    const res = saved.get('imports/no-header.txt')!;
    expect(res.body.detected.family).toBe('party');
    expect(res.body.report.warnings).toContain('Không thấy phần đầu văn bản: coi là văn bản của Đảng như tổ chức soạn thảo.');
  });

  it('reads the lettered parts of the Word file as the Markdown one', () => {
    const titles = (name: string) =>
      (saved.get(name)!.body.content as unknown as { parts: { title: string; group?: boolean }[] }).parts.map(
        (p) => `${p.group ? '*' : ''}${p.title}`,
      );
    expect(titles('imports/state-lettered-parts.docx')).toEqual(titles('imports/state-lettered-parts.md'));
    expect(titles('imports/state-lettered-parts.docx').filter((t) => t.startsWith('*'))).toHaveLength(3);
  });
});
