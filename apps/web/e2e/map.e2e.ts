import { describe, expect, it } from 'vitest';
import { apiAs, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe('public service map', () => {
  it('a visitor without an account finds a new station, filters by service, opens its card and finds it nearest', async () => {
    // A city administrator registers an operating station, and a safe house that must stay off the map.
    const call = await apiAs(browser.baseUrl, 'city-admin');
    const towns = (await call('GET', '/regions/441202/children')).body.rows as {
      code: string;
      level: number;
      kind: string;
    }[];
    const town = towns.filter((r) => r.level === 4 && r.kind === 'official')[0]!;
    const org = (await call('GET', '/organizations?pageSize=1')).body.rows[0] as { id: string; name: string };
    // Beside the town's other stations, so no review is asked for.
    const labels = (await (await fetch(`${browser.baseUrl}/api/v1/public/stations/labels`)).json()).rows as {
      code: string;
      lng: number;
      lat: number;
    }[];
    const centre = labels.find((l) => l.code === town.code)!;
    const place = {
      lng: Math.round((centre.lng + 0.0021) * 1e6) / 1e6,
      lat: Math.round((centre.lat - 0.0017) * 1e6) / 1e6,
    };
    const name = `星湖长者服务点${Date.now().toString().slice(-5)}`;
    const station = {
      kind: 'point',
      regionCode: town.code,
      name,
      address: '端州区星湖大道88号一楼',
      ...place,
      openingHours: '周一至周六 8:30-17:30',
      phone: '0758-2345678',
      services: ['elderly', 'volunteering'],
      organizationId: org.id,
      status: 'operating',
      openedOn: today(),
    };
    expect((await call('POST', '/stations', station)).status).toBe(201);
    expect(
      (await call('POST', '/stations', { ...station, name: `${name}庇护所`, organizationId: null, hidden: true }))
        .status,
    ).toBe(201);

    // From the login page, without signing in.
    const page = await browser.newPage('zh-CN', {
      geolocation: { longitude: place.lng, latitude: place.lat },
      permissions: ['geolocation'],
    });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto('/login');
    scripts.length = 0;
    await page.getByRole('link', { name: '查看服务地图（无需登录）' }).click();
    await page.waitForURL('**/map');
    const list = page.getByTestId('station-list');
    await list.getByRole('button').first().waitFor();
    // The map is its own light page: none of the console's code comes with it.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /\/assets\/console-/.test(s))).toEqual([]);

    const search = page.getByRole('searchbox', { name: '搜索站点名称或地址' });
    await search.fill(name);
    await page.getByText('共 1 个站点').waitFor();
    await list.getByRole('button', { name: new RegExp(name) }).waitFor();
    await expect.poll(() => page.getByTestId('station-map').getAttribute('data-markers')).toBe('1');

    // A service it offers keeps it; one it does not offer leaves nothing.
    const service = page.getByRole('combobox', { name: '服务项目' });
    await service.selectOption({ label: '养老服务' });
    await list.getByRole('button', { name: new RegExp(name) }).waitFor();
    await service.selectOption({ label: '禁毒' });
    await page.getByText('没有符合条件的站点').waitFor();
    await page.getByText('共 0 个站点').waitFor();
    await service.selectOption({ label: '全部服务' });

    // Its card: kind, address, hours, a phone to call, services, who runs it.
    await list.getByRole('button', { name: new RegExp(name) }).click();
    const card = page.getByRole('dialog', { name });
    await card.getByText('社工点', { exact: true }).waitFor();
    await card.getByText('端州区星湖大道88号一楼').waitFor();
    await card.getByText('周一至周六 8:30-17:30').waitFor();
    expect(await card.getByRole('link', { name: '0758-2345678' }).getAttribute('href')).toBe('tel:07582345678');
    await card.getByText('养老服务').waitFor();
    await card.getByText('志愿服务').waitFor();
    await card.getByText(org.name).waitFor();
    await card.getByRole('button', { name: '关闭' }).click();
    await card.waitFor({ state: 'detached' });

    // "Near me" from the visitor's shared location: the new station is nearest, with its distance.
    await search.fill('');
    await page.getByText(/共 \d{3,} 个站点/).waitFor();
    await page.getByRole('button', { name: '离我最近' }).click();
    await page.getByText('已按离您的距离排序').waitFor();
    const first = list.getByRole('button').first();
    await first.filter({ hasText: name }).waitFor();
    expect(await first.textContent()).toContain('10 米');
    expect(await list.getByRole('button').nth(1).textContent()).toMatch(/\d+(\.\d)? (米|公里)/);

    // The same page in English, remembered for the next visit.
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('button', { name: 'Stop using my location' }).waitFor();
    await page.getByText('Sorted by distance from you').waitFor();
    expect(await first.textContent()).toContain('10 m');
    await first.click();
    await page.getByRole('dialog', { name }).getByText('Elderly care').waitFor();
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search by station name or address' }).waitFor();
  });

  it('on a phone the list is a drawer over the map, and picking a station closes it and shows the card', async () => {
    const page = await browser.newPage('zh-CN', {
      viewport: { width: 390, height: 800 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto('/map');
    const toggle = page.getByRole('button', { name: /^列表\s*\d+$/ });
    await toggle.waitFor();
    const list = page.getByTestId('station-list');
    expect(await list.isVisible()).toBe(false);
    await toggle.click();
    const first = list.getByRole('button').first();
    await first.waitFor();
    const name = (await first.locator('.map-item-name').textContent())!;
    await first.click();
    await page.getByRole('dialog', { name }).waitFor();
    await list.waitFor({ state: 'hidden' });
  });
});
