import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

describe('admin console', () => {
  it('signs in, greets the user and shows the demo banner', async () => {
    const page = await browser.newPage();
    await login(page, 'sysadmin');
    await page.getByText('您好，').waitFor();
    await page.getByText('演示环境：数据为虚构，请勿录入真实个人信息').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('says only that the username or password is wrong, as for an unknown user', async () => {
    const page = await browser.newPage();
    await login(page, 'volunteer', 'Wrong#Password1');
    await page.getByText('用户名或密码错误').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('builds the menu from permissions and answers 403 for a page the user may not open', async () => {
    const page = await browser.newPage();
    await login(page, 'auditor');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.getByText('日志管理').waitFor();
    expect(await menu.getByText('系统管理').count()).toBe(0);
    await page.goto('/system/users');
    await page.getByText('抱歉，您没有访问此页面的权限。').waitFor();
    await page.goto('/no-such-page');
    await page.getByText('抱歉，您访问的页面不存在。').waitFor();
  });

  it('returns to the requested page after signing in', async () => {
    const page = await browser.newPage();
    await page.goto('/system/regions');
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel('用户名').fill('sysadmin');
    await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/system\/regions$/);
    await page.getByText('广东省 (44)').waitFor();
  });

  it('switches to English and remembers the choice', async () => {
    const page = await browser.newPage();
    await login(page, 'sysadmin');
    await page.getByText('您好，').waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Hello, ').waitFor();
    await page.reload();
    await page.getByText('Demo environment: data is fictitious; do not enter real personal data').first().waitFor();
  });

  it('finds a region by pinyin initials and shows its path', async () => {
    const page = await browser.newPage();
    await login(page, 'sysadmin');
    await page.getByText('您好，').waitFor();
    await page.goto('/system/regions');
    await page.getByLabel('搜索行政区划').fill('dzq');
    await page.getByText('端州区 (441202)').click();
    const crumb = page.getByTestId('region-breadcrumb');
    await crumb.getByText('肇庆市').waitFor();
    expect(await crumb.textContent()).toContain('广东省');
  });
});
