import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, login, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const COUNTY = '441202'; // 端州区, the demo county administrator's region
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function openStations(page: Page) {
  await login(page, 'county-admin');
  await page.getByText('您好，').waitFor();
  await page.goto('/network/stations');
  await page.getByRole('button', { name: /导\s*出/ }).waitFor();
}

/** Picks a file in the import dialog and runs the dry run. */
async function check(page: Page, file: { name: string; buffer: Buffer }) {
  const dialog = page.getByRole('dialog', { name: '导入站点' });
  await dialog.locator('input[type=file]').setInputFiles({ name: file.name, mimeType: XLSX, buffer: file.buffer });
  await dialog.getByRole('button', { name: /预\s*检/ }).click();
  return dialog;
}

/** The figure under one of the dry run's counts (新增 / 更新 / 无变化). */
const count = (dialog: ReturnType<Page['getByRole']>, title: string) =>
  dialog.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');

describe('Excel exchange of the stations register', () => {
  it('a county administrator exports the stations and re-importing that file changes nothing', async () => {
    const page = await browser.newPage();
    await openStations(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导\s*出/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^站点_\d{8}\.xlsx$/);
    const buffer = fs.readFileSync((await download.path())!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const sheet = wb.getWorksheet('站点')!;
    const rows = sheet.rowCount - 1;
    const call = await apiAs(browser.baseUrl, 'county-admin');
    expect(rows).toBe((await call('GET', '/stations?pageSize=1')).body.total);
    expect(rows).toBeGreaterThan(20);

    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = await check(page, { name: download.suggestedFilename(), buffer });
    await dialog.getByText('预检通过，确认后写入。').waitFor();
    expect(await count(dialog, '无变化').textContent()).toBe(String(rows));
    expect(await count(dialog, '新增').textContent()).toBe('0');
    expect(await count(dialog, '更新').textContent()).toBe('0');
  });

  it('a file with one bad row writes nothing and names the row; fixed, the new station appears in the list', async () => {
    const call = await apiAs(browser.baseUrl, 'county-admin');
    const towns = (await call('GET', `/regions/${COUNTY}/children`)).body.rows as {
      code: string;
      level: number;
      kind: string;
    }[];
    const town = towns.find((r) => r.level === 4 && r.kind === 'official')!;
    const name = `导入测试服务点${Date.now() % 100000}`;

    const page = await browser.newPage();
    await openStations(page);
    // The headers as the template has them: the user fills in the sheet they downloaded.
    const [tpl] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: /导\s*入/ }).click();
        await page.getByRole('dialog', { name: '导入站点' }).getByRole('button', { name: '下载模板' }).click();
      })(),
    ]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(fs.readFileSync((await tpl.path())!) as never);
    const headers = (template.getWorksheet('站点')!.getRow(1).values as unknown[]).slice(1) as string[];
    const workbook = async (rows: Record<string, string | number>[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('站点');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const good = {
      站点名称: name,
      站点类型: '社工点',
      所属区划代码: town.code,
      地址: '城区党群服务中心一楼',
      服务项目: '养老服务、志愿服务',
      联系电话: '0758-2222333',
    };
    const bad = { 站点名称: `${name}乙`, 站点类型: '乡镇(街道)社工站', 所属区划代码: COUNTY };

    const dialog = await check(page, { name: '新站点.xlsx', buffer: await workbook([good, bad]) });
    await dialog.getByText('发现 1 处错误，未写入任何数据。', { exact: false }).waitFor();
    const errorRow = dialog.getByRole('row').filter({ hasText: '第3行' });
    await errorRow.getByText('所属区划代码').waitFor();
    await errorRow.getByText('乡镇(街道)社工站的所属区划应为乡镇(街道)').waitFor();
    expect(await dialog.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '下载错误报告' }).click(),
    ]);
    expect(report.suggestedFilename()).toBe('新站点_错误报告.xlsx');
    const returned = new ExcelJS.Workbook();
    await returned.xlsx.load(fs.readFileSync((await report.path())!) as never);
    const ws = returned.getWorksheet('站点')!;
    expect(ws.getRow(1).getCell(headers.length + 1).value).toBe('错误信息');
    expect(String(ws.getRow(3).getCell(headers.length + 1).value)).toContain('[所属区划代码]');
    expect((await call('GET', `/stations?q=${encodeURIComponent(name)}`)).body.total).toBe(0);

    await check(page, {
      name: '新站点.xlsx',
      buffer: await workbook([good, { ...bad, 站点类型: '社工点', 所属区划代码: town.code }]),
    });
    await dialog.getByText('预检通过，确认后写入。').waitFor();
    expect(await count(dialog, '新增').textContent()).toBe('2');
    await dialog.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入完成：新增 2 条，更新 0 条，无变化 0 条').waitFor();

    await page.getByLabel('关键字').fill(name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 2 条').waitFor();
    const row = page.getByRole('row').filter({ hasText: name }).first();
    expect(await row.textContent()).toContain('筹建');
  });
});
