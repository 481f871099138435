import type { Browser, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { waitForPagedMedia } from '../document/paged-media';
import { launchChromium } from '../chromium';

export interface BrowserPoolOptions {
  chromiumPath: string;
  /** Pages printing at the same time. */
  size: number;
  /** Jobs one browser runs before it is replaced (bounds leaks in long-lived Chromium). */
  restartAfter: number;
  timeoutMs: number;
}

export class RenderTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`render did not finish within ${timeoutMs} ms`);
  }
}

/** One browser and its open pages; retired after `restartAfter` jobs, closed when idle. */
interface Generation {
  browser: Promise<Browser>;
  jobs: number;
  active: number;
  idlePages: Page[];
  retired: boolean;
}

/**
 * One shared Chromium with a bounded pool of pages. A page never reaches the network: every
 * request except data: URLs is refused. Pages are reused; a page that timed out or failed is
 * thrown away, and a crashed browser is replaced on the next job.
 */
export class BrowserPool {
  private current: Generation | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly retiring = new Set<Generation>();

  constructor(private readonly options: BrowserPoolOptions) {}

  get stats() {
    return { running: this.running, waiting: this.waiting.length, jobsOnBrowser: this.current?.jobs ?? 0 };
  }

  /** Prints one HTML page to PDF bytes. */
  async pdf(html: string, pdfOptions: PDFOptions = {}): Promise<Buffer> {
    await this.acquireSlot();
    try {
      return await this.withTimeout((page) => this.print(page, html, pdfOptions));
    } finally {
      this.releaseSlot();
    }
  }

  /** Runs `fn` on a pooled page (used by the benchmark to time Chromium alone). */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      return await this.withTimeout(fn);
    } finally {
      this.releaseSlot();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const generations = [...this.retiring, ...(this.current ? [this.current] : [])];
    this.current = null;
    await Promise.all(generations.map((g) => closeGeneration(g)));
  }

  private async print(page: Page, html: string, pdfOptions: PDFOptions): Promise<Buffer> {
    return printPage(page, html, this.options.timeoutMs, pdfOptions);
  }

  private async withTimeout<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const generation = this.generation();
    generation.jobs++;
    generation.active++;
    let page: Page | undefined;
    let broken = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      page = generation.idlePages.pop() ?? (await newPage(await generation.browser));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RenderTimeout(this.options.timeoutMs)), this.options.timeoutMs);
      });
      return await Promise.race([fn(page), timeout]);
    } catch (error) {
      broken = true;
      const browser = await generation.browser.catch(() => null);
      if (!browser?.connected) generation.retired = true;
      throw error;
    } finally {
      clearTimeout(timer);
      generation.active--;
      if (page && !broken && !generation.retired) generation.idlePages.push(page);
      else if (page) await page.close().catch(() => undefined);
      if (generation.retired && generation.active === 0) await this.dispose(generation);
    }
  }

  private generation(): Generation {
    if (this.closed) throw new Error('browser pool closed');
    const current = this.current;
    if (current && !current.retired && current.jobs < this.options.restartAfter) return current;
    if (current) {
      current.retired = true;
      this.retiring.add(current);
      if (current.active === 0) void this.dispose(current);
    }
    const browser = launchChromium(this.options.chromiumPath);
    browser.catch(() => undefined);
    this.current = { browser, jobs: 0, active: 0, idlePages: [], retired: false };
    return this.current;
  }

  private async dispose(generation: Generation): Promise<void> {
    this.retiring.delete(generation);
    if (this.current === generation) this.current = null;
    await closeGeneration(generation);
  }

  private async acquireSlot(): Promise<void> {
    if (this.running < this.options.size) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** Loads the page, waits for Paged.js to lay out its pages, prints them (also the benchmark's raw print). */
export async function printPage(page: Page, html: string, timeoutMs: number, pdfOptions: PDFOptions = {}): Promise<Buffer> {
  // setContent keeps the window of the page's last document, and with it Paged.js's done flag:
  // a fresh window first, or the next print would not wait for its own layout.
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  await waitForPagedMedia(page, timeoutMs);
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: timeoutMs, ...pdfOptions });
  return Buffer.from(bytes);
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.url().startsWith('data:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
  return page;
}

async function closeGeneration(generation: Generation): Promise<void> {
  generation.idlePages.length = 0;
  const browser = await generation.browser.catch(() => null);
  await browser?.close().catch(() => undefined);
}
