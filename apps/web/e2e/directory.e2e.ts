import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

describe('directory exchange', () => {
  it('a city administrator exports the directory, and a dry run of the same file finds nothing to change', async () => {
    const page = await browser.newPage();
    await login(page, 'city-admin');
    await page.getByText('您好，').waitFor();
    await page.getByRole('menu', { name: '主菜单' }).getByText('服务阵地').click();
    await page.getByRole('link', { name: '目录交换' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 HSDS 文件' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lianxin-hsds-\d{8}\.json$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-hsds-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.hsds_version).toBe('3.0');
    expect(doc.locations.length).toBeGreaterThan(100);

    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText(`已选择：${download.suggestedFilename()}`).waitFor();
    await page.getByRole('button', { name: /预\s*检/ }).click();
    await page.getByText('预检通过：没有需要变更的记录').waitFor();
    const stations = page
      .getByTestId('directory-report')
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '站点', exact: true }) });
    expect(await stations.getByRole('cell').allInnerTexts()).toEqual(['站点', '0', '0', String(doc.locations.length)]);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

    // A broken copy is refused with the JSON path of each error.
    doc.locations[0].latitude = 'north';
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, JSON.stringify(doc));
    await page.locator('input[type=file]').setInputFiles(broken);
    await page.getByText('已选择：broken.json').waitFor();
    await page.getByRole('button', { name: /预\s*检/ }).click();
    await page.getByText('发现 1 处错误，未导入任何数据').waitFor();
    await page.getByTestId('directory-errors').getByText('/locations/0/latitude').waitFor();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
