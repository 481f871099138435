import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@app/identity';
import type { PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { BuiltServer, startServerAsReadme } from '../../support/server-process';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { withFutureDeadlines } from '../../support/workflow-client';

/**
 * What a newcomer runs: the server built and started as `npm start` does, in a child process
 * with its own embedded PostgreSQL and demo data. The API and the web UI are used from outside,
 * over HTTP, by a client and by Chromium; nothing here reaches into the process.
 */
const SEED: PlanContent = withFutureDeadlines(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')),
);

describe('the built server, started as npm start starts it', () => {
  let server: BuiltServer;
  let browser: BrowserSession;
  let planId: string;
  /** "/v/<code>", read from the issued PDF's text. */
  let verificationPath = '';
  const people: Record<string, BrowserUser> = {};

  const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // an HTML page or a PDF: the text is the body
    }
    return { status: response.status, type: response.headers.get('content-type') ?? '', body };
  };
  const token = async (username: string) => {
    const res = await api('/api/auth/login', { method: 'POST', body: { username, password: DEMO_PASSWORD } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const person = async (username: string) => {
    if (!people[username]) {
      people[username] = await browser.person(username.replace(/\./g, '-'));
      await people[username].login(username);
    }
    return people[username];
  };
  const planState = async () => (await api(`/api/plans/${planId}/allowed-events`, { token: await token('bcd-duk.drafter') })).body.state as string;
  /** The stylesheet of the page was fetched and applied (a page without it is a bare list of links). */
  const styled = (user: BrowserUser) =>
    user.page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/static/app.css') && sheet.cssRules.length > 20));

  beforeAll(async () => {
    server = await startServerAsReadme();
    browser = await BrowserSession.open(server.baseUrl, 'built-server');
  });
  afterAll(async () => {
    await browser?.close();
    if (server) expect(await server.stop('SIGTERM')).toBe(0);
  });
  afterEach(() => {
    for (const user of Object.values(people)) expect(user.pageErrors).toEqual([]);
  });

  describe('API, from outside', () => {
    it('signs in with the demo password only, and reads the organizations', async () => {
      expect((await api('/api/auth/login', { method: 'POST', body: { username: 'bcd-duk.drafter', password: 'sai' } })).status).toBe(401);
      const organizations = await api('/api/organizations', { token: await token('bcd-duk.drafter') });
      expect(organizations.status).toBe(200);
      expect(organizations.body.map((o: { code: string }) => o.code)).toContain('bcd-duk');
      expect((await api('/api/organizations')).status).toBe(401);
    });

    it('refuses invalid content with the reasons and writes nothing; takes the seed plan', async () => {
      const drafter = await token('bcd-duk.drafter');
      const before = (await api('/api/plans', { token: drafter })).body;
      const bad = await api('/api/plans', {
        method: 'POST',
        token: drafter,
        body: { content: { ...SEED, summary: 42, parts: 'không phải danh sách' } },
      });
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.body)).toContain('summary');
      expect((await api('/api/plans', { token: drafter })).body).toEqual(before);
      const created = await api('/api/plans', { method: 'POST', token: drafter, body: { content: SEED } });
      expect(created.status).toBe(201);
      planId = created.body.id;
    });

    it('a refused transition says why and which events are allowed', async () => {
      const refused = await api(`/api/plans/${planId}/events`, { method: 'POST', token: await token('bcd-duk.drafter'), body: { type: 'APPROVE' } });
      expect(refused.status).toBe(409);
      expect(refused.body.allowedEvents).toEqual(expect.arrayContaining(['SUBMIT']));
      expect(await planState()).toBe('draft');
    });

    it('serves the OpenAPI description', async () => {
      const doc = await api('/api/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toContain('/api/plans/{id}/events');
    });
  });

  describe('web UI, in Chromium', () => {
    it('serves the sign-in page with its stylesheet; a wrong password is refused on the form', async () => {
      const visitor = await browser.person('khach');
      expect(await visitor.open('/login', 'dang-nhap')).toBe(200);
      expect(await styled(visitor)).toBe(true);
      expect((await api('/static/app.css')).type).toContain('text/css');
      await visitor.fill('Tên đăng nhập', 'bcd-duk.drafter');
      await visitor.fill('Mật khẩu', 'sai-mat-khau');
      await visitor.clickText('Đăng nhập', 'dang-nhap-sai');
      expect(visitor.page.url()).toContain('/login');
    });

    it('the drafter signs in through the form, finds the plan on the work page and submits it', async () => {
      const drafter = await person('bcd-duk.drafter');
      expect(drafter.page.url()).toBe(`${server.baseUrl}/`);
      expect(await styled(drafter)).toBe(true);
      expect(await drafter.text()).toContain('Việc cần làm');
      expect(await drafter.open(`/plans/${planId}`, 'ke-hoach')).toBe(200);
      expect(await styled(drafter)).toBe(true);
      expect(await drafter.text()).toContain(SEED.summary.split('\n')[0]);
      expect(await drafter.open(`/plans/${planId}/edit`, 'soan-thao')).toBe(200);
      expect(await drafter.clickText('Trình duyệt', 'da-trinh')).toBe(200);
      expect(await drafter.text('[role="status"]')).toContain('Đã trình duyệt');
      expect(await planState()).toBe('review');
    });

    it('the reviewer and the format checker approve, each from their work page', async () => {
      for (const [username, step] of [
        ['bcd-duk.reviewer', 'Duyệt: Duyệt nội dung'],
        ['bcd-duk.format_checker', 'Duyệt: Kiểm tra thể thức'],
      ]) {
        const reviewer = await person(username);
        await reviewer.open('/', 'viec-can-lam');
        await reviewer.clickAndWait('section[aria-labelledby="sec-reviews"] .work-item a', 'duyet');
        expect(await reviewer.clickText(step, 'da-duyet')).toBe(200);
      }
      expect(await planState()).toBe('awaitingSignature');
    });

    it('the signer signs; the clerk issues at the desk; the plan is numbered and issued, and its PDF opens with its number', async () => {
      const signer = await person('bcd-duk.signer');
      await signer.open('/', 'viec-can-lam');
      await signer.clickAndWait('section[aria-labelledby="sec-signatures"] .work-item a', 'ky');
      await signer.fill('Nhập lại mật khẩu để xác nhận', DEMO_PASSWORD);
      expect(await signer.clickText('Ký ban hành', 'da-ky')).toBe(200);
      expect(await planState()).toBe('awaitingIssue');
      const clerk = await person('bcd-duk.clerk');
      await clerk.open('/', 'viec-can-lam');
      await clerk.clickAndWait('section[aria-labelledby="sec-issuing"] .work-item a', 'cap-so');
      expect(await clerk.clickText('Cấp số và ban hành', 'da-cap-so')).toBe(200);
      await clerk.page.waitForSelector('[data-issued]:not([hidden])', { timeout: 120_000 });
      const numberSymbol = (await clerk.text('[data-number]')).trim();
      expect(numberSymbol).toMatch(/^\d{2}-KH\/BCĐ$/);
      const href = await clerk.page.$eval('a[href$="/pdf"]', (a) => a.getAttribute('href'));
      const pdf = await clerk.page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
      const text = pdftotext(pdfFile(Buffer.from(pdf), 'built-issued.pdf'));
      expect(text).toContain(`Số ${numberSymbol}`);
      expect(text).not.toContain('DỰ THẢO');
      verificationPath = /\/v\/[2-9A-HJKMNP-Z]{16}/.exec(text)?.[0] ?? '';
    });

    it('the verification address printed on the issued PDF answers from outside, without a session', async () => {
      expect(verificationPath).not.toBe('');
      const page = await fetch(`${server.baseUrl}${verificationPath}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(await page.text()).toContain('Còn hiệu lực');
      const facts = await api(verificationPath);
      expect(facts.status).toBe(200);
      expect(facts.body.numberSymbol).toMatch(/^\d{2}-KH\/BCĐ$/);
      expect(facts.body.signatures.every((s: { intact: boolean; trusted: boolean }) => s.intact && s.trusted)).toBe(true);
      expect((await api(`/v/${'A'.repeat(16)}`)).status).toBe(404);
    });

    it('the plan page reads on a phone without sideways scrolling', async () => {
      const phone = await browser.person('bcd-duk-drafter-phone', PHONE);
      await phone.login('bcd-duk.drafter');
      expect(await phone.open(`/plans/${planId}`, 'ke-hoach-dien-thoai')).toBe(200);
      expect(await styled(phone)).toBe(true);
      expect(await phone.contentWidth()).toBeLessThanOrEqual(PHONE.width);
    });
  });
});
