import { idCardCheckChar } from '@lianxin/shared';
import { describe, expect, it } from 'vitest';
import { apiAs, login, pickRegion, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const CITY = '4412'; // 肇庆市, the demo city administrator's region
const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

/** A valid resident ID number (GB 11643 check character) unique to this run. */
function idNumber(county: string, n: number): string {
  const body =
    `${county}1988${String((n % 12) + 1).padStart(2, '0')}${String(10 + n).padStart(2, '0')}${String((Date.now() % 900) + 100)}`.slice(
      0,
      17,
    );
  return body + idCardCheckChar(body);
}

interface Region {
  code: string;
  name: string;
  level: number;
  kind: string;
}

describe('talent targets', () => {
  it('a city administrator sets a target for a community and sees its progress, the forecast and the status', async () => {
    const call = await apiAs(browser.baseUrl, 'city-admin');
    // A community of the city's last county: the demo employs its workers at town level, so
    // nobody but this journey's four workers counts there.
    const counties = (await call('GET', `/regions/${CITY}/children`)).body.rows as Region[];
    const county = counties.filter((r) => r.kind === 'official').at(-1)!;
    const town = ((await call('GET', `/regions/${county.code}/children`)).body.rows as Region[]).filter(
      (r) => r.level === 4 && r.kind === 'official',
    )[0]!;
    const community = ((await call('GET', `/regions/${town.code}/children`)).body.rows as Region[]).filter(
      (r) => r.level === 5 && r.kind === 'official',
    )[0]!;

    // One more certified social worker at each of the last four year-ends: 0, 1, 2, 3, 4 over five years.
    for (let i = 0; i < 4; i++) {
      const worker = await call('POST', '/workers', {
        name: `统计社工${i + 1}`,
        idNumber: idNumber(county.code, i),
        category: 'professional',
        regionCode: community.code,
        joinedOn: `${year - 6}-01-01`,
      });
      expect(worker.status).toBe(201);
      const y = year - 4 + i;
      const cert = await call('POST', `/workers/${worker.body.id}/qualifications`, {
        level: 'assistant',
        obtainedOn: `${y}-09-01`,
        examYear: y,
        certificateNo: `E2E${Date.now()}${i}`,
      });
      expect(cert.status).toBe(200);
    }

    const page = await browser.newPage();
    await login(page, 'city-admin');
    await page.getByText('您好，').waitFor();
    await page.getByRole('menu', { name: '主菜单' }).getByText('人才队伍').click();
    await page.getByRole('link', { name: '目标管理' }).click();
    await page.getByRole('button', { name: '新增目标' }).click();

    const dialog = page.getByRole('dialog', { name: '新增目标' });
    await dialog.getByLabel('行政区划').click();
    await pickRegion(dialog, ['肇庆市', county.name, town.name, community.name]);
    await dialog.getByLabel('目标值').fill('10');
    await dialog.getByLabel('截止日期').fill(`${year + 1}-12-31`);
    await page.keyboard.press('Enter');
    await dialog.getByLabel('依据').fill('镇社会工作人才三年行动');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    const row = page.getByRole('row').filter({ hasText: community.name });
    await row.getByText('持证社工人数').waitFor();
    await row.getByRole('button', { name: '进度' }).click();

    // The figures beside the chart: 4 certified now, 1 a year on the trend, so about 6 by the due date — behind.
    const drawer = page.getByRole('dialog', { name: /目标进度/ });
    const figures = drawer.getByTestId('target-progress');
    await figures.getByText('进度滞后').waitFor();
    const cell = (label: string) =>
      figures.locator('.ant-descriptions-item-label', { hasText: label }).locator('xpath=following-sibling::td[1]');
    expect(await cell('实际值').textContent()).toBe('4');
    expect(await cell('目标值').textContent()).toBe(`10（${year + 1}-12-31）`);
    expect(await cell('完成率').textContent()).toBe('40.0%');
    expect(await cell('截止日预测值').textContent()).toContain(
      '6 — 按最近 5 年年末实际值线性回归（最小二乘）预测，每年约 +1',
    );
    await drawer.getByText('预测值达到目标为“进展正常”，达到目标的 90.0% 为“存在风险”，否则为“进度滞后”').waitFor();
    await drawer.getByRole('img', { name: '年末实际值 / 线性预测 / 目标' }).waitFor();
    const yearly = drawer.locator('.ant-table').filter({ hasText: '历年年末实际值' });
    for (let i = 0; i < 5; i++) {
      await yearly
        .getByRole('row')
        .filter({ hasText: `${year - 5 + i}-12-31` })
        .getByText(String(i), { exact: true })
        .waitFor();
    }

    await page.keyboard.press('Escape');

    // The city's figures: the series by year and one row per county, the town's county among them.
    await page.getByRole('link', { name: '人才统计' }).click();
    await page.getByTestId('summary-certified').waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: String(year) })
      .first()
      .waitFor();
    await page.getByRole('row').filter({ hasText: county.name }).getByText(county.name, { exact: true }).click();
    await page.getByRole('row').filter({ hasText: town.name }).waitFor();

    // The three compliance lists as tabs.
    await page.getByRole('link', { name: '合规提醒' }).click();
    await page.getByRole('columnheader', { name: '驻站站点' }).waitFor();
    await page.getByRole('tab', { name: '继续教育学时不足' }).click();
    await page.getByRole('columnheader', { name: '应完成学时' }).waitFor();
    await page.getByRole('tab', { name: '证书登记待续期' }).click();
    await page.getByRole('columnheader', { name: '登记有效期至' }).waitFor();
  });
});
