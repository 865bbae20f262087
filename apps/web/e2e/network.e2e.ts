import { describe, expect, it } from 'vitest';
import { apiAs, login, pickRegion, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const COUNTY = '441202'; // 端州区, the demo county administrator's region
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe('service network', () => {
  it('a county administrator sees a town lose its station, registers a new one and sees the county covered again', async () => {
    const call = await apiAs(browser.baseUrl, 'county-admin');
    // The demo gives every town an operating station: close one town's station(s) first.
    const towns = (await call('GET', `/regions/${COUNTY}/children`)).body.rows as {
      code: string;
      name: string;
      level: number;
      kind: string;
    }[];
    const town = towns.filter((r) => r.level === 4 && r.kind === 'official').at(-1)!;
    const open = await call('GET', `/stations?regionCode=${town.code}&kind=town&status=operating&pageSize=100`);
    expect(open.status).toBe(200);
    for (const s of open.body.rows as { id: string; version: number }[]) {
      expect(
        (
          await call('POST', `/stations/${s.id}/status`, {
            status: 'closed',
            on: today(),
            reason: '场地调整',
            version: s.version,
          })
        ).status,
      ).toBe(200);
    }

    const page = await browser.newPage();
    await login(page, 'county-admin');
    await page.getByText('您好，').waitFor();

    // Coverage starts at the user's own county and lists the town that lost its station.
    await page.getByRole('menu', { name: '主菜单' }).getByText('服务阵地').click();
    await page.getByRole('link', { name: '覆盖情况' }).click();
    await page.getByTestId('coverage-breadcrumb').getByText('端州区').waitFor();
    await page.getByText('未建社工站的乡镇(街道)（1 个）').waitFor();
    await page.locator('.ant-tag', { hasText: town.name }).waitFor();

    await page.getByRole('link', { name: '站点管理' }).click();
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增站点' });
    await dialog.getByLabel('所属区划').click();
    await pickRegion(dialog, ['端州区', town.name]);
    const name = `${town.name}新社工站`;
    await dialog.getByLabel('站点名称').fill(name);
    await dialog.getByLabel('地址').fill(`${town.name}党群服务中心二楼`);
    // About 100 km east of the county's other stations: the server asks for a confirmation.
    await dialog.getByLabel('经度').fill('113.5');
    await dialog.getByLabel('纬度').fill('23.07');
    await dialog.getByRole('radio', { name: '运营' }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(/超过50公里；如确认无误，请勾选“坐标已核实”/).waitFor();
    await dialog.getByRole('checkbox', { name: '坐标已核实' }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    // The register is long (sorted by region): find it as a user would, among the points to review.
    await page.getByLabel('关键字').fill(name);
    await page.getByRole('checkbox', { name: '坐标待核实' }).check();
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('坐标待核实').waitFor();
    expect(await row.textContent()).toContain('运营');

    // The county is fully covered again, with the same figures the API reports.
    const coverage = (await call('GET', `/coverage/${COUNTY}`)).body as {
      region: { towns: number; townsCovered: number };
    };
    expect(coverage.region.townsCovered).toBe(coverage.region.towns);
    await page.getByRole('link', { name: '覆盖情况' }).click();
    await page.getByText('全部乡镇(街道)均已建成运营中的社工站').waitFor();
    await page.getByTestId('coverage-towns').getByText(`${coverage.region.towns} / ${coverage.region.towns}`).waitFor();
    await page.getByTestId('coverage-towns').getByText('100%').waitFor();
  });

  it('a second operating station in a town needs a reason; suspending it is kept in the status history', async () => {
    const call = await apiAs(browser.baseUrl, 'county-admin');
    const towns = (await call('GET', `/regions/${COUNTY}/children`)).body.rows as {
      name: string;
      level: number;
      kind: string;
    }[];
    const town = towns.filter((r) => r.level === 4 && r.kind === 'official')[0]!;

    const page = await browser.newPage();
    await login(page, 'county-admin');
    await page.getByText('您好，').waitFor();
    await page.goto('/network/stations');
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增站点' });
    await dialog.getByLabel('所属区划').click();
    await pickRegion(dialog, ['端州区', town.name]);
    const name = `${town.name}第二社工站`;
    await dialog.getByLabel('站点名称').fill(name);
    await dialog.getByRole('radio', { name: '运营' }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(/该乡镇\(街道\)已有运营中的社工站（.+）；如确需再设，请填写例外原因/).waitFor();
    await dialog.getByLabel('例外原因').fill('辖区人口超过二十万，设第二个站');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    await page.getByLabel('关键字').fill(name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: '状态变更' }).click();
    const change = page.getByRole('dialog', { name: `状态变更：${name}` });
    await change.getByRole('radio', { name: '暂停运营' }).check();
    await change.getByLabel('原因').fill('场地维修');
    await change.getByRole('button', { name: '确认变更' }).click();
    await page.getByText('状态已变更').waitFor();
    await page.getByRole('row').filter({ hasText: name }).getByText('暂停').waitFor();

    await page.getByRole('row').filter({ hasText: name }).getByText(name, { exact: true }).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.getByText('状态记录').waitFor();
    await drawer.getByText('例外原因：辖区人口超过二十万，设第二个站').waitFor();
    await drawer.getByText(/运营 → 暂停/).waitFor();
    await drawer.getByText('原因：场地维修').waitFor();
  });

  it('a save whose answer is lost on the way back is sent again and still registers one station', async () => {
    const call = await apiAs(browser.baseUrl, 'county-admin');
    const towns = (await call('GET', `/regions/${COUNTY}/children`)).body.rows as {
      name: string;
      level: number;
      kind: string;
    }[];
    const town = towns.filter((r) => r.level === 4 && r.kind === 'official')[1]!;

    const page = await browser.newPage();
    // The first save reaches the server, which registers the station; the connection drops before the answer arrives.
    const keys: string[] = [];
    await page.route('**/api/v1/stations', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      keys.push(request.headers()['idempotency-key']);
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await login(page, 'county-admin');
    await page.getByText('您好，').waitFor();
    await page.goto('/network/stations');
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增站点' });
    await dialog.getByLabel('所属区划').click();
    await pickRegion(dialog, ['端州区', town.name]);
    const name = `${town.name}筹建社工站${Date.now()}`;
    await dialog.getByLabel('站点名称').fill(name);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    // Sent twice with one key, registered once.
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    await page.getByLabel('关键字').fill(name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    expect((await call('GET', `/stations?q=${encodeURIComponent(name)}`)).body.total).toBe(1);
  });

  it('records what a pairing delivered and shows it against what was agreed', async () => {
    const call = await apiAs(browser.baseUrl, 'county-admin');
    const name = `鼎湖—端州结对 ${Date.now()}`;
    const created = await call('POST', '/pairings', {
      kind: 'region_region',
      name,
      regionCode: COUNTY,
      supporterRegionCode: '441203',
      startsOn: today(),
      supervisorsSent: 3,
      peopleTrained: 40,
      fundingFen: 500_000,
    });
    expect(created.status).toBe(201);

    const page = await browser.newPage();
    await login(page, 'county-admin');
    await page.getByText('您好，').waitFor();
    await page.goto('/network/pairings');
    await page.getByLabel('关键字').fill(name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    await page.getByRole('row').filter({ hasText: name }).getByText(name, { exact: true }).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.getByText('已落实 0 / 约定 3').waitFor();

    await drawer.getByRole('button', { name: '登记落实' }).click();
    const delivery = page.getByRole('dialog', { name: '登记落实' });
    await delivery.getByLabel('派驻督导(人)').fill('2');
    await delivery.getByLabel('培训人次').fill('30');
    await delivery.getByLabel('帮扶资金(元)').fill('1500.5');
    await delivery.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();
    await drawer.getByText('已落实 2 / 约定 3').waitFor();
    await drawer.getByText('已落实 30 / 约定 40').waitFor();
    await drawer.getByText('已落实 ¥1,500.50 / 约定 ¥5,000.00').waitFor();

    // The pairing's own form shows the agreed amounts in 元.
    await drawer.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByRole('dialog', { name: '编辑结对' });
    expect(await form.getByLabel('帮扶资金(元)').inputValue()).toBe('5000.00');
    expect(await form.getByLabel('派驻督导(人)').inputValue()).toBe('3');
  });
});
