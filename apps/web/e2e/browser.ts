import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { DEMO_PASSWORD } from './global-setup.ts';

export { DEMO_PASSWORD };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One Chromium per test file; each test opens its own context (own cookies) through `newPage`. */
export function useBrowser() {
  const ctx = { baseUrl: '', browser: undefined as unknown as Browser };
  beforeAll(async () => {
    ctx.baseUrl = inject('baseUrl');
    ctx.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  // A failed journey leaves a screenshot of every page it had open, for whoever reads the CI log.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const dir = path.resolve(import.meta.dirname, '../../../.vitest-results/screenshots');
      fs.mkdirSync(dir, { recursive: true });
      const pages = ctx.browser.contexts().flatMap((c) => c.pages());
      for (const [i, page] of pages.entries()) {
        await page
          .screenshot({
            path: path.join(dir, `${task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}-${i}.png`),
            fullPage: true,
          })
          .catch(() => {});
      }
    }
    await Promise.all(ctx.browser.contexts().map((c) => c.close()));
  });
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return {
    get baseUrl() {
      return ctx.baseUrl;
    },
    /** `options` adds to the defaults, e.g. a granted geolocation. */
    async newPage(locale: 'zh-CN' | 'en-US' = 'zh-CN', options: BrowserContextOptions = {}): Promise<Page> {
      // Reduced motion, as a user may ask their system: menus, drop-downs and dialogs open at once, so
      // a click under load lands on what is there rather than on something still moving into place.
      const context = await ctx.browser.newContext({
        baseURL: ctx.baseUrl,
        locale,
        viewport: { width: 1400, height: 900 },
        reducedMotion: 'reduce',
        ...options,
      });
      return context.newPage();
    },
  };
}

/** Fills the login form as a user would and waits for the console (or the next step) to show. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/**
 * Picks a region in the open region picker of `dialog`, one level after another, then closes the
 * drop-down by clicking the dialog's title. (A region without children closes it by itself, and an
 * Escape pressed then would close the dialog instead.)
 */
export async function pickRegion(dialog: Locator, path: readonly string[]) {
  const dropdown = dialog.page().locator('.ant-cascader-dropdown');
  for (const name of path) await dropdown.getByText(name, { exact: true }).click();
  await dialog.locator('.ant-modal-title').click();
  await dialog.page().locator('.ant-cascader-dropdown:not(.ant-cascader-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** Calls the API with the page's own session cookie (for seeding through the API). */
export async function apiAs(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), origin: baseUrl },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: r.status === 204 ? null : await r.json() };
  };
}
