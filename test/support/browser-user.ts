import { mkdirSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@app/identity';
import { launchChromium } from '@app/rendering';
import { createTestApp, TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test', 'artifacts', 'screenshots');
export const DOC_SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots');
/** Set KEHOACH_DOC_SCREENSHOTS=1 to refresh the screenshots committed under docs/screenshots. */
const WRITE_DOC_SCREENSHOTS = process.env.KEHOACH_DOC_SCREENSHOTS === '1';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * A real Chromium on the real app (listening on a free port): the tests type and
 * click as a person would, and every page they land on is saved as a screenshot.
 */
export class BrowserSession {
  private constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    readonly story: string,
  ) {}

  /** The in-process test app, listening on a free port. */
  static async start(t: TestApp, story: string): Promise<BrowserSession> {
    const server = await t.app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    return BrowserSession.open(`http://127.0.0.1:${port}`, story, t.config.chromiumPath);
  }

  /** Any server already listening at baseUrl (for example the built server in a child process). */
  static async open(baseUrl: string, story: string, chromiumPath = ''): Promise<BrowserSession> {
    // A Vietnamese user's browser: its language, locale (date fields read dd/mm/yyyy) and time zone.
    const browser = await launchChromium(chromiumPath, { args: ['--lang=vi-VN'], env: { ...process.env, LANG: 'vi_VN.UTF-8', LANGUAGE: 'vi' } });
    // Each run replaces the story's screenshots, so the folder shows exactly one walk through.
    rmSync(join(SCREENSHOT_DIR, story), { recursive: true, force: true });
    mkdirSync(join(SCREENSHOT_DIR, story), { recursive: true });
    return new BrowserSession(browser, baseUrl, story);
  }

  /** A person at a fresh browser window (own cookies), at desktop width unless told otherwise. */
  async person(name: string, viewport: typeof DESKTOP | typeof PHONE = DESKTOP): Promise<BrowserUser> {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(viewport);
    await page.emulateTimezone('Asia/Ho_Chi_Minh');
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setLocaleOverride', { locale: 'vi-VN' });
    page.setDefaultTimeout(30_000);
    return new BrowserUser(this, page, name);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The demo app (no workers) with one person at a desk and the same role on a phone, for a page that must fit both. */
export interface DeskAndPhone {
  t: TestApp;
  desk: BrowserUser;
  phone: BrowserUser;
}

/** Opens a DeskAndPhone before the file's tests and closes it after them; its fields are set once `beforeAll` has run. */
export function deskAndPhone(story: string, person: string): DeskAndPhone {
  const ui = {} as DeskAndPhone;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    ui.t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    browser = await BrowserSession.start(ui.t, story);
    ui.desk = await browser.person(person);
    ui.phone = await browser.person(`${person}-phone`, PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await ui.t?.close();
  });
  return ui;
}

let shotCounter = 0;

/** Rejects when the promise is not settled in time (a stalled screenshot must not hang a test until its timeout). */
function withinSeconds<T>(seconds: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export class BrowserUser {
  /** Errors thrown by the pages' scripts: a test fails on any. */
  readonly pageErrors: string[] = [];

  constructor(
    readonly session: BrowserSession,
    readonly page: Page,
    readonly name: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(String(error)));
  }

  /** Saves what the person sees now (the whole page) under test/artifacts/screenshots/<story>/. */
  async shot(label: string): Promise<string> {
    shotCounter += 1;
    const file = join(SCREENSHOT_DIR, this.session.story, `${String(shotCounter).padStart(3, '0')}-${this.name}-${label}.png`);
    const picture = () => this.page.screenshot({ path: file as `${string}.png`, fullPage: true });
    try {
      await withinSeconds(30, picture());
    } catch {
      // A page caught between two documents (a form posted by a script, a redirect) can fail or
      // stall the picture: wait for the document to settle, then take it once more.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await this.page.waitForFunction(() => document.readyState === 'complete' && document.body !== null);
      await withinSeconds(30, picture());
    }
    return file;
  }

  /**
   * A screenshot for the README (docs/screenshots/<name>.png), written only when asked for: the
   * top of the page (at most 1500 px of it), at the width the person's window has.
   */
  async docShot(name: string): Promise<void> {
    if (!WRITE_DOC_SCREENSHOTS) return;
    mkdirSync(DOC_SCREENSHOT_DIR, { recursive: true });
    const viewport = this.page.viewport()!;
    const height = Math.min(1500, await this.page.evaluate(() => document.documentElement.scrollHeight));
    await this.page.screenshot({
      path: join(DOC_SCREENSHOT_DIR, `${name}.png`) as `${string}.png`,
      clip: { x: 0, y: 0, width: viewport.width, height },
      captureBeyondViewport: true,
    });
  }

  /** Opens a page by its address (as a bookmark would) and screenshots it. */
  async open(path: string, label: string): Promise<number> {
    const response = await this.page.goto(`${this.session.baseUrl}${path}`, { waitUntil: 'load' });
    await this.shot(label);
    return response?.status() ?? 0;
  }

  /** Clicks something that leads to another page, waits for it, screenshots it; returns its HTTP status. */
  async clickAndWait(selector: string, label: string): Promise<number> {
    const [response] = await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), this.page.click(selector)]);
    await this.shot(label);
    return response?.status() ?? 0;
  }

  /** Clicks the link or button whose visible text is exactly `text`, then waits for the next page. */
  async clickText(text: string, label: string): Promise<number> {
    const handle = await this.page.waitForSelector(`::-p-xpath(//*[self::a or self::button][normalize-space(.)=${xpathLiteral(text)}])`);
    if (!handle) throw new Error(`no link or button "${text}"`);
    const [response] = await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), handle.click()]);
    await this.shot(label);
    return response?.status() ?? 0;
  }

  /** Types into a field found by its label's text, as a person would (clearing it first). */
  async fill(label: string, value: string): Promise<void> {
    const id = await this.fieldId(label);
    const selector = `[id="${id}"]`;
    await this.page.click(selector, { count: 3 });
    await this.page.$eval(selector, (el) => {
      (el as HTMLInputElement).value = '';
    });
    if (value) await this.page.type(selector, value);
  }

  /** Chooses an option of a select found by its label, by the option's visible text (or a part of it). */
  async choose(label: string, optionText: string): Promise<void> {
    const id = await this.fieldId(label);
    const value = await this.page.$eval(
      `[id="${id}"]`,
      (select, wanted) => {
        const option =
          [...(select as HTMLSelectElement).options].find((o) => o.text.replace(/^(— )+/, '').trim() === wanted) ??
          [...(select as HTMLSelectElement).options].find((o) => o.text.includes(wanted));
        return option?.value;
      },
      optionText,
    );
    if (value === undefined) throw new Error(`no option "${optionText}" in "${label}"`);
    await this.page.select(`[id="${id}"]`, value);
  }

  /** Ticks or unticks a checkbox found by its label's text, within an optional container. */
  async tick(label: string, on = true, within = 'body'): Promise<void> {
    const box = await this.page.waitForSelector(`${within} ::-p-xpath(.//label[normalize-space(.)=${xpathLiteral(label)}]/input[@type="checkbox"])`);
    if (!box) throw new Error(`no checkbox "${label}"`);
    const checked = await box.evaluate((el) => (el as HTMLInputElement).checked);
    if (checked !== on) await box.click();
  }

  /**
   * The width of everything the page lays out, in CSS pixels (what a full-page picture shows):
   * wider than the window means something sticks out sideways on a phone.
   */
  async contentWidth(): Promise<number> {
    const cdp = await this.page.createCDPSession();
    try {
      const metrics = await cdp.send('Page.getLayoutMetrics');
      return Math.round(metrics.cssContentSize.width);
    } finally {
      await cdp.detach();
    }
  }

  /** What sticks out past the right edge of the window (outside boxes that scroll), to name the culprit. */
  async overflowing(): Promise<string[]> {
    return this.page.evaluate(() => {
      const width = window.innerWidth;
      const scrolls = (el: Element | null): boolean => {
        for (let e = el?.parentElement ?? null; e; e = e.parentElement)
          if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX)) return true;
        return false;
      };
      return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
        .slice(0, 8)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)})`,
        );
    });
  }

  /** Form fields a screen reader would announce without a name (no label, no aria-label), and images without text. */
  async unlabeled(): Promise<string[]> {
    return this.page.evaluate(() => {
      const named = (el: Element) =>
        !!el.getAttribute('aria-label') ||
        !!el.getAttribute('aria-labelledby') ||
        !!el.closest('label') ||
        (!!el.id && !!document.querySelector(`label[for="${CSS.escape(el.id)}"]`));
      const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(
        (el) => !(el as HTMLElement).closest('[aria-hidden="true"]') && !named(el),
      );
      const buttons = [...document.querySelectorAll('button, a[href]')].filter(
        (el) => !(el.textContent ?? '').trim() && !el.getAttribute('aria-label') && !el.getAttribute('title'),
      );
      return [...fields, ...buttons].map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[name=${el.getAttribute('name') ?? ''}]`);
    });
  }

  async text(selector = 'main'): Promise<string> {
    return this.page.$eval(selector, (el) => (el as HTMLElement).innerText);
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.open('/login', 'dang-nhap');
    await this.fill('Tên đăng nhập', username);
    await this.fill('Mật khẩu', password);
    await this.clickText('Đăng nhập', 'sau-dang-nhap');
  }

  private async fieldId(label: string): Promise<string> {
    const id = await this.page.evaluate((wanted) => {
      const labels = [...document.querySelectorAll('label')];
      const clean = (s: string) =>
        s
          .replace(/\s*\*\s*$/, '')
          .replace(/\s+/g, ' ')
          .trim();
      const found = labels.find((l) => clean(l.innerText) === wanted) ?? labels.find((l) => clean(l.innerText).startsWith(wanted));
      return found?.htmlFor || null;
    }, label);
    if (!id) throw new Error(`no field labelled "${label}" on ${this.page.url()}`);
    return id;
  }
}

function xpathLiteral(text: string): string {
  return text.includes('"') ? `concat("${text.split('"').join('", \'"\', "')}")` : `"${text}"`;
}
