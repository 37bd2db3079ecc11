import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it where missing), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the test run leaves its screenshots (git-ignored). */
export const SCREENSHOTS = 'test-results/screenshots';

/**
 * Headless Chromium with every request to another origin than the gateway's blocked and recorded,
 * as on a government network with no internet: a page that needs a CDN or a font service fails
 * here. The flags stop Chromium's own background traffic (updates, sync, safe browsing).
 */
export async function openBrowser(origin: string) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
  /** Requests the pages tried to send anywhere but the gateway. */
  const outside: string[] = [];
  /** Uncaught page errors and console errors. */
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watch(page, problems));
  return {
    context,
    outside,
    problems,
    async newPage(): Promise<Page> {
      const page = await context.newPage();
      return page;
    },
    async screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<string> {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const label = process.env.DATABASE_URL ? 'postgres' : 'pglite';
      const path = join(SCREENSHOTS, `${name}-${label}.png`);
      await page.screenshot({ path, fullPage });
      return path;
    },
    close: () => browser.close(),
  };
}

function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chrome logs every non-2xx fetch this way (a page probing /dev/token-options gets 404 in
    // production), and a page cannot silence it: such answers are asserted where they matter.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
}
