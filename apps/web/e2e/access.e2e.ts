import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, DEMO_PASSWORD, login, pickRegion, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

/** The top-level entries of the side menu and, for each group, the pages inside it. */
async function menuOf(page: Page): Promise<Record<string, string[]>> {
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.getByText('首页').waitFor();
  const tops = menu.locator(':scope > li');
  const result: Record<string, string[]> = {};
  for (let i = 0; i < (await tops.count()); i++) {
    const top = tops.nth(i);
    const title = top.locator('.ant-menu-submenu-title');
    if ((await title.count()) === 0) {
      result[((await top.textContent()) ?? '').trim()] = [];
      continue;
    }
    const name = ((await title.textContent()) ?? '').trim();
    const sub = top.locator('ul[role=menu]');
    if (!(await sub.isVisible())) await title.click();
    await sub.locator('li').first().waitFor();
    result[name] = (await sub.locator('li').allInnerTexts()).map((s) => s.trim());
  }
  return result;
}

const SYSTEM_ALL = ['用户管理', '角色管理', '行政区划', '字典管理', '参数设置'];
const NETWORK_ALL = ['站点管理', '机构管理', '结对帮扶', '覆盖情况', '目录交换'];
const NETWORK_STAFF = ['站点管理', '机构管理'];
// Every role that works with the register reads all five lists; the buttons differ by permission.
const TALENT_ALL = ['人才库', '考试报名', '培训督导', '培训记录', '岗位管理'];
const TALENT_STATS = ['目标管理', '人才统计', '合规提醒'];
const EXPECTED_MENUS: Record<string, Record<string, string[]>> = {
  sysadmin: { 首页: [], 系统管理: SYSTEM_ALL, 系统监控: ['在线用户'] },
  secadmin: { 首页: [], 系统管理: ['用户管理', '角色管理', '行政区划', '参数设置'], 系统监控: ['在线用户'] },
  auditor: { 首页: [], 日志管理: ['操作日志', '登录日志'] },
  'city-admin': {
    首页: [],
    服务阵地: NETWORK_ALL,
    人才队伍: [...TALENT_ALL, ...TALENT_STATS],
    系统管理: ['用户管理', '角色管理', '行政区划'],
    系统监控: ['在线用户'],
  },
  'county-admin': {
    首页: [],
    服务阵地: NETWORK_ALL,
    人才队伍: [...TALENT_ALL, ...TALENT_STATS],
    系统管理: ['用户管理', '角色管理', '行政区划'],
    系统监控: ['在线用户'],
  },
  'town-admin': {
    首页: [],
    服务阵地: NETWORK_ALL,
    人才队伍: [...TALENT_ALL, ...TALENT_STATS],
    系统管理: ['用户管理', '角色管理', '行政区划'],
    系统监控: ['在线用户'],
  },
  'station-head': {
    首页: [],
    服务阵地: NETWORK_STAFF,
    人才队伍: [...TALENT_ALL, ...TALENT_STATS],
    系统管理: ['行政区划'],
  },
  'social-worker': {
    首页: [],
    服务阵地: NETWORK_STAFF,
    人才队伍: [...TALENT_ALL, ...TALENT_STATS],
    系统管理: ['行政区划'],
  },
  supervisor: { 首页: [], 服务阵地: NETWORK_STAFF, 人才队伍: [...TALENT_ALL, ...TALENT_STATS], 系统管理: ['行政区划'] },
  volunteer: { 首页: [] },
  resident: { 首页: [] },
};

describe('who sees what', () => {
  for (const [account, expected] of Object.entries(EXPECTED_MENUS)) {
    it(`${account} signs in and sees the menu of their role`, async () => {
      const page = await browser.newPage();
      await login(page, account);
      await page.getByText('您好，').waitFor();
      expect(await menuOf(page)).toEqual(expected);
    });
  }
});

describe('accounts', () => {
  it('a new user must change the initial password before the console opens', async () => {
    const call = await apiAs(browser.baseUrl, 'city-admin');
    const created = await call('POST', '/users', {
      username: 'e2e-first',
      displayName: '首次登录',
      regionCode: '441202001',
      password: 'Init#Pass2026',
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage();
    await login(page, 'e2e-first', 'Init#Pass2026');
    await page.getByText('首次登录或管理员重置密码后，须修改密码才能继续使用。').waitFor();
    await page.getByLabel('原密码').fill('Init#Pass2026');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('密码至少 8 位').first().waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Fresh#Pass2026');
    await page.getByLabel('确认新密码').fill('Fresh#Pass2026');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('您好，首次登录').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('locks an account for 10 minutes after 5 wrong passwords, even against the right one', async () => {
    const call = await apiAs(browser.baseUrl, 'city-admin');
    expect(
      (
        await call('POST', '/users', {
          username: 'e2e-lock',
          displayName: '锁定测试',
          regionCode: '441202001',
          password: 'Init#Pass2026',
        })
      ).status,
    ).toBe(201);
    const page = await browser.newPage();
    // Every wrong answer reads the same, the fifth too: only the right password learns of the lock.
    for (let i = 5; i >= 1; i--) {
      await login(page, 'e2e-lock', `Wrong#Pass${i}`);
      await page.getByText('用户名或密码错误').waitFor();
    }
    await login(page, 'e2e-lock', 'Init#Pass2026');
    await page.getByText(/账号已锁定，请于 .+ 后再试。/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('a county administrator creates a user in a town of the county and cannot reach another county', async () => {
    const page = await browser.newPage();
    await login(page, 'county-admin');
    await page.getByText('您好，').waitFor();
    await page.goto('/system/users');
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill('e2e-town-worker');
    await dialog.getByLabel('姓名').fill('城东社工');
    await dialog.getByLabel('所属区划').click();
    // The picker offers the county and below, nothing of the sibling county 鼎湖区.
    const cascader = page.locator('.ant-cascader-dropdown');
    await cascader.getByText('端州区', { exact: true }).waitFor();
    expect(await cascader.getByText('鼎湖区').count()).toBe(0);
    await pickRegion(dialog, ['端州区', '端州区城东街道']);
    await dialog.getByLabel('初始密码').fill('Init#Pass2026');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();
    await page.getByRole('cell', { name: 'e2e-town-worker' }).waitFor();

    // The server is the authority: a request naming another county is refused, with the field.
    const outside = await page.request.post('/api/v1/users', {
      headers: { origin: browser.baseUrl },
      data: { username: 'e2e-dinghu', displayName: '鼎湖', regionCode: '441203', password: 'Init#Pass2026' },
    });
    expect(outside.status()).toBe(422);
    expect(await outside.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
  });
});

describe('regions', () => {
  it('drills down the region tree from the province to a community', async () => {
    const page = await browser.newPage();
    await login(page, 'sysadmin', DEMO_PASSWORD);
    await page.getByText('您好，').waitFor();
    await page.goto('/system/regions');
    const expand = async (title: string) => {
      await page.locator('.ant-tree-treenode', { hasText: title }).last().locator('.ant-tree-switcher').click();
    };
    await expand('广东省 (44)');
    await expand('肇庆市 (4412)');
    await expand('端州区 (441202)');
    await expand('端州区城东街道 (441202001)');
    await page
      .getByText(/社区居委会 \(441202001\d{3}\)/)
      .first()
      .click();
    const crumb = page.getByTestId('region-breadcrumb');
    await crumb.getByText('端州区城东街道').waitFor();
    expect(await crumb.textContent()).toMatch(/广东省.*肇庆市.*端州区.*城东街道/);
  });
});
