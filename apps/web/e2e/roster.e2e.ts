import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const CITY = '4412'; // 肇庆市, the demo city administrator's region
const SHEET = '社工人才花名册';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = 500;
/** A 500-row check or import on a shared two-core machine can take longer than Playwright's default 30 s. */
const SLOW = { timeout: 90_000 };
/** Data rows (0-based) made wrong; the sheet's row numbers are these + 2 (row 1 holds the headers). */
const BAD = { checksum: 41, numeric: 251, organization: 433 } as const;
const BAD_ROWS = Object.values(BAD).map((i) => i + 2);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643's check character of a 17-digit body. */
const checkChar = (body: string) => '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0) % 11]!;
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
// Fictitious on sight: a surname and a 干支 pair (陈甲子), which neither the demo (陈甲三) nor the other journeys use.
const SURNAMES = '陈李黄梁林何张王吴冯罗邓谭苏莫叶周郑杨刘'.split('');
const STEMS = '甲乙丙丁戊己庚辛壬癸'.split('');
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥'.split('');

interface Person {
  姓名: string;
  证件号码: string | number;
  手机号码: string;
  人才类别: string;
  工作地区划代码: string;
  工作单位: string;
}
type Call = Awaited<ReturnType<typeof apiAs>>;
type Town = { code: string; name: string };

/**
 * 500 people born under 高要's pre-2015 code 441283 (no demo person has it, so no number
 * collides with the register), each with a distinct birth date and sequence.
 */
function people(towns: Town[], ownTown: string, orgs: string[]): Person[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const born = new Date(Date.UTC(1972, 0, 1) + i * 23 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const body = `441283${born}${String(100 + ((i * 7) % 900)).padStart(3, '0')}`;
    return {
      姓名: SURNAMES[i % 20]! + STEMS[Math.floor(i / 20) % 10]! + BRANCHES[Math.floor(i / 200)]!,
      证件号码: body + checkChar(body),
      手机号码: `139${String(20_000_000 + i * 131).padStart(8, '0')}`,
      人才类别: '专业社会工作者',
      // Every tenth person works in the town administrator's town, the rest across the city.
      工作地区划代码: i % 10 === 0 ? ownTown : towns[i % towns.length]!.code,
      工作单位: orgs[i % orgs.length]!,
    };
  });
}

async function read(download: Download) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
  return wb;
}

/** The downloaded template with `rows` filled in under its own headers, as a user fills the sheet. */
async function fill(template: Download, rows: Person[]) {
  const wb = await read(template);
  const ws = wb.getWorksheet(SHEET)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  rows.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    headers.forEach((h, c) => {
      const v = p[h as keyof Person];
      if (v !== undefined) row.getCell(c + 1).value = v;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function signIn(username: string) {
  const page = await browser.newPage();
  await login(page, username);
  await page.getByText('您好，').waitFor();
  await page.goto('/talent/workers');
  await page.getByRole('button', { name: /新\s*增/ }).waitFor();
  return page;
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: /导\s*入/ }).click();
  return page.getByRole('dialog', { name: `导入${SHEET}` });
}

async function check(dialog: Locator, name: string, buffer: Buffer) {
  await dialog.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
  await dialog.getByRole('button', { name: /预\s*检/ }).click();
}

/** The figure under one of the dry run's counts (新增 / 更新 / 无变化). */
const count = (dialog: Locator, title: string) =>
  dialog.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');

async function search(page: Page, name: string) {
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: /搜\s*索/ }).click();
}

const total = async (call: Call, query = '') => (await call('GET', `/workers?pageSize=1${query}`)).body.total as number;
const masked = (id: string) => `${id.slice(0, 1)}${'*'.repeat(id.length - 2)}${id.slice(-1)}`;

describe('the roster (花名册) import and export', () => {
  let city: Call;
  let ownTown: Town;
  let rows: Person[];
  /** The 497 good rows in the template, once the three bad ones are taken out. */
  let fixed: Buffer;

  beforeAll(async () => {
    city = await apiAs(browser.baseUrl, 'city-admin');
    const town = await apiAs(browser.baseUrl, 'town-admin');
    ownTown = ((await town('GET', '/me')).body.scopes as Town[])[0]!;
    const counties = (await city('GET', `/regions/${CITY}/children`)).body.rows as { code: string; level: number }[];
    const towns: Town[] = [];
    for (const c of counties.filter((r) => r.level === 3)) {
      const children = (await city('GET', `/regions/${c.code}/children`)).body.rows as (Town & {
        level: number;
        kind: string;
      })[];
      towns.push(...children.filter((r) => r.level === 4 && r.kind === 'official' && r.code !== ownTown.code));
    }
    const orgRows = (await city('GET', '/organizations?pageSize=100')).body.rows as { name: string }[];
    const names = orgRows.map((o) => o.name);
    // A name two organizations share would need the credit code: the file names organizations by name alone.
    const orgs = names.filter((n) => names.indexOf(n) === names.lastIndexOf(n)).slice(0, 12);
    expect(towns.length).toBeGreaterThan(20);
    expect(orgs.length).toBeGreaterThan(3);
    rows = people(towns, ownTown.code, orgs);
  });

  it('a city administrator fills the downloaded template, gets the 3 bad rows back, imports the 497 others and exports them masked', async () => {
    const before = await total(city);
    const active = await total(city, '&status=active');
    const page = await signIn('city-admin');
    const dialog = await openImport(page);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/^社工人才花名册导入模板_\d{8}\.xlsx$/);

    const bad = rows.map((p, i) =>
      i === BAD.checksum
        ? { ...p, 证件号码: withWrongCheck(p.证件号码 as string) }
        : i === BAD.numeric
          ? { ...p, 证件号码: Number((p.证件号码 as string).replace('X', '0')) }
          : i === BAD.organization
            ? { ...p, 工作单位: '不存在的社会工作服务中心' }
            : p,
    );
    expect(typeof bad[BAD.numeric]!.证件号码).toBe('number');
    await check(dialog, '肇庆市社工人才花名册.xlsx', await fill(template, bad));
    await dialog.getByText('发现 3 处错误，未写入任何数据。', { exact: false }).waitFor(SLOW);
    const errors = dialog.locator('.ant-table-tbody').getByRole('row');
    expect(await errors.count()).toBe(3);
    for (const [n, column] of [
      [BAD_ROWS[0], '证件号码'],
      [BAD_ROWS[1], '证件号码'],
      [BAD_ROWS[2], '工作单位'],
    ] as const) {
      await errors
        .filter({ hasText: `第${n}行` })
        .getByText(column, { exact: true })
        .waitFor();
    }
    expect(await dialog.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    expect(await total(city)).toBe(before);

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '下载错误报告' }).click(),
    ]);
    expect(report.suggestedFilename()).toBe('肇庆市社工人才花名册_错误报告.xlsx');
    const returned = (await read(report)).getWorksheet(SHEET)!;
    const headers = (returned.getRow(1).values as unknown[]).slice(1);
    const at = headers.indexOf('错误信息') + 1;
    expect(at).toBeGreaterThan(0);
    const flagged: number[] = [];
    returned.eachRow((row, n) => {
      if (n > 1 && row.getCell(at).value) flagged.push(n);
    });
    expect(flagged).toEqual(BAD_ROWS);
    expect(String(returned.getRow(BAD_ROWS[2]!).getCell(at).value)).toContain('[工作单位]');

    // The three rows taken out, the rest as they were.
    const good = rows.filter((_, i) => !Object.values(BAD).includes(i as never));
    fixed = await fill(template, good);
    await check(dialog, '肇庆市社工人才花名册.xlsx', fixed);
    await dialog.getByText('预检通过，确认后写入。').waitFor(SLOW);
    expect(await count(dialog, '新增').textContent()).toBe('497');
    expect(await total(city)).toBe(before);
    await dialog.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入完成：新增 497 条，更新 0 条，无变化 0 条').waitFor(SLOW);
    expect(await total(city)).toBe(before + 497);

    // The list shows the newcomers with ID numbers and phones masked, never in clear: the three
    // 陈甲… of the file, and every other row the search brings up (the demo's 陈甲一… too).
    await search(page, '陈甲');
    const ours = good.filter((p) => p.姓名.startsWith('陈甲'));
    expect(ours.length).toBe(3);
    for (const p of ours) {
      const row = page.getByRole('row').filter({ hasText: p.姓名 });
      await row.getByText(masked(p.证件号码 as string), { exact: true }).waitFor();
      await row.getByText(`139****${p.手机号码.slice(-4)}`, { exact: true }).waitFor();
      expect(await row.textContent()).not.toContain(p.证件号码);
      expect(await row.textContent()).not.toContain(p.手机号码);
    }
    const header = (await page.locator('.ant-table-thead th').allTextContents()).map((x) => x.trim());
    const [idCol, phoneCol] = [header.indexOf('身份证号'), header.indexOf('手机号码')];
    expect(idCol).toBeGreaterThan(0);
    const listed = await page.locator('.ant-table-tbody').getByRole('row').all();
    expect(listed.length).toBeGreaterThanOrEqual(3);
    // The value, without the 显示 button beside it.
    const value = (r: Locator, col: number) =>
      r.getByRole('cell').nth(col).locator('.ant-space-item').first().textContent();
    for (const r of listed) {
      expect(await value(r, idCol)).toMatch(/^\d\*{16}[\dX]$/);
      expect(await value(r, phoneCol)).toMatch(/^\d{3}\*{4}\d{4}$|^0\d{2,3}-\*+\d{3}|^-$/);
    }

    // 导出 of what the list shows with the search cleared (the people in the register now): every ID number and phone masked.
    await search(page, '');
    await page.getByText(`共 ${active + 497} 条`).waitFor();
    const [exported] = await Promise.all([
      page.waitForEvent('download', SLOW),
      page.getByRole('button', { name: /导\s*出/ }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^社工人才花名册_\d{8}\.xlsx$/);
    const wb = await read(exported);
    const sheet = wb.getWorksheet(SHEET)!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    const idAt = head.indexOf('证件号码') + 1;
    const phoneAt = head.indexOf('手机号码') + 1;
    const creditAt = head.indexOf('工作单位统一社会信用代码') + 1;
    expect(sheet.rowCount - 1).toBe(active + 497);
    const clear = new Set(good.flatMap((p) => [p.证件号码 as string, p.手机号码]));
    const names = new Set<string>();
    for (const ws of wb.worksheets) {
      ws.eachRow((r, n) => {
        r.eachCell((cell, c) => {
          const v = String(cell.value ?? '');
          expect(clear.has(v), `${ws.name}!${cell.address}`).toBe(false);
          // An organization's credit code is public and may be 18 digits; nothing else may be.
          if (!(ws.name === SHEET && c === creditAt))
            expect(v, `${ws.name}!${cell.address}`).not.toMatch(/\d{17}[\dX]/);
          if (ws.name !== SHEET || n === 1) return;
          if (c === idAt) expect(v).toMatch(/^\d\*+[\dX]$/);
          if (c === phoneAt && v) expect(v).toMatch(/^\d{3}\*{4}\d{4}$|^0\d{2,3}-\*+\d{3}/);
          if (c === 1) names.add(v);
        });
      });
    }
    expect(good.every((p) => names.has(p.姓名))).toBe(true);
  }, 240_000);

  it("a town administrator sees only their own town's people", async () => {
    const town = await apiAs(browser.baseUrl, 'town-admin');
    const mine = rows.filter((p, i) => p.工作地区划代码 === ownTown.code && !Object.values(BAD).includes(i as never));
    expect(mine.length).toBe(50);
    expect(await total(town)).toBe(await total(city, `&regionCode=${ownTown.code}`));
    const inTown = await total(town, `&q=${encodeURIComponent(mine[0]!.姓名)}`);
    expect(inTown).toBe(1);

    const page = await signIn('town-admin');
    await search(page, mine[0]!.姓名);
    const own = page.getByRole('row').filter({ hasText: mine[0]!.姓名 });
    await own.getByText(masked(mine[0]!.证件号码 as string), { exact: true }).waitFor();
    // Someone the city administrator finds, in another town: the town's list answers with nobody.
    const elsewhere = rows.find((p, i) => i % 10 === 3 && p.工作地区划代码 !== ownTown.code)!;
    expect(await total(city, `&q=${encodeURIComponent(elsewhere.姓名)}`)).toBe(1);
    await search(page, elsewhere.姓名);
    await own.waitFor({ state: 'detached' });
    await page.locator('.ant-table-placeholder').waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).not.toContain(elsewhere.姓名);
  }, 120_000);

  it('uploading the same 497-row file again changes nothing', async () => {
    const before = await total(city);
    const page = await signIn('city-admin');
    const dialog = await openImport(page);
    await check(dialog, '肇庆市社工人才花名册.xlsx', fixed);
    // Whatever the check found is shown in one alert: its text says what went wrong, if anything did.
    await dialog.locator('.ant-alert').waitFor(SLOW);
    expect(await dialog.locator('.ant-alert').textContent()).toBe('预检通过，确认后写入。');
    expect(await count(dialog, '新增').textContent()).toBe('0');
    expect(await count(dialog, '更新').textContent()).toBe('0');
    expect(await count(dialog, '无变化').textContent()).toBe('497');
    expect(await total(city)).toBe(before);
  }, 120_000);
});
