import { existsSync } from 'node:fs';
import type { Browser, LaunchOptions } from 'puppeteer-core';

/** System browsers tried, in order, when no explicit path is configured. */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags for a headless browser that prints trusted templates: no sandbox (containers
 * run as root), no GPU, and nothing that phones home during a render.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
  // Paged.js lays pages out in animation frames: a pooled page printing behind another must not
  // be throttled as a background tab would be.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export interface ResolvedBrowser {
  executablePath: string;
  source: 'config' | 'system' | 'sparticuz';
}

let sparticuzPath: Promise<string> | undefined;

/**
 * The browser executable, in the documented order: the configured path
 * (PUPPETEER_EXECUTABLE_PATH), a system Chromium/Chrome, then @sparticuz/chromium
 * (extracted once per process to /tmp).
 */
export async function resolveChromium(configuredPath = ''): Promise<ResolvedBrowser> {
  if (configuredPath) {
    if (!existsSync(configuredPath)) {
      throw new Error(`PUPPETEER_EXECUTABLE_PATH="${configuredPath}": không tìm thấy trình duyệt (browser not found)`);
    }
    return { executablePath: configuredPath, source: 'config' };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  sparticuzPath ??= import('@sparticuz/chromium').then((module) => module.default.executablePath());
  try {
    return { executablePath: await sparticuzPath, source: 'sparticuz' };
  } catch (error) {
    sparticuzPath = undefined;
    throw error;
  }
}

/** Launches a headless browser resolved by `resolveChromium`; shared by the renderer and the browser tests. */
export async function launchChromium(configuredPath = '', extra: LaunchOptions = {}): Promise<Browser> {
  const { executablePath } = await resolveChromium(configuredPath);
  const puppeteer = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    headless: true,
    ...extra,
    args: [...CHROMIUM_FLAGS, ...(extra.args ?? [])],
  });
}
