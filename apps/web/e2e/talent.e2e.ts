import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, login, pickRegion, useBrowser } from './browser.ts';

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture (beforeAll/afterAll), not a React hook
const browser = useBrowser();

const COUNTY = '441202'; // 端州区: the demo county; town-admin holds its first town
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let serial = Math.floor(Math.random() * 500);

/** A fresh valid ID number (GB 11643 check character) of someone born in 端州区 in the 1980s–90s. */
function newIdNumber(): string {
  serial += 1;
  const born = new Date(Date.UTC(1980, 0, 1) + ((serial * 37) % 7000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const body = `${COUNTY}${born}${String(100 + (serial % 900)).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** The same body with a wrong check character. */
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** Picks the option whose text starts with `text` (a worker's name is followed by the region) in the open antd dropdown. */
async function pick(page: Page, text: string) {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: new RegExp(`^${text}`),
    })
    .click();
}

async function signIn(username: string, password?: string) {
  const page = await browser.newPage();
  await login(page, username, password);
  await page.getByText('您好，').waitFor();
  return page;
}

type Call = Awaited<ReturnType<typeof apiAs>>;

async function seedWorker(call: Call, name: string, regionCode: string) {
  const res = await call('POST', '/workers', {
    name,
    idNumber: newIdNumber(),
    phone: '13912345678',
    category: 'professional',
    regionCode,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

async function officialTowns(call: Call) {
  const rows = (await call('GET', `/regions/${COUNTY}/children`)).body.rows as {
    code: string;
    name: string;
    level: number;
    kind: string;
  }[];
  return rows.filter((r) => r.level === 4 && r.kind === 'official');
}

describe('talent register', () => {
  it('a town administrator registers a worker, sees the ID number and phone masked, reveals one (audited), adds a certificate, and corrects then removes a title', async () => {
    const townAdmin = await apiAs(browser.baseUrl, 'town-admin');
    // The region picker starts at the user's own scope: their town.
    const [town] = (await townAdmin('GET', '/me')).body.scopes as { code: string; name: string }[];
    const name = `谭颖${Date.now() % 100000}`;
    const idNumber = newIdNumber();

    const page = await signIn('town-admin');
    await page.getByRole('menu', { name: '主菜单' }).getByText('人才队伍').click();
    await page.getByRole('link', { name: '人才库' }).click();
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增人才' });
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('身份证号').fill(withWrongCheck(idNumber));
    await dialog.getByLabel('手机号码').fill('138 1234 5678');
    await dialog.getByLabel('人才类别').click();
    await pick(page, '专业社会工作者');
    await dialog.getByLabel('所属区划').click();
    await pickRegion(dialog, [town!.name]);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // The shared validator answers in the form, before anything reaches the server.
    await dialog.getByText('身份证号校验位错误（第18位）').waitFor();
    expect((await townAdmin('GET', `/workers?q=${encodeURIComponent(name)}`)).body.total).toBe(0);

    await dialog.getByLabel('身份证号').fill(idNumber);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    await page.getByLabel('姓名').fill(name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    const row = page.getByRole('row').filter({ hasText: name });
    const maskedId = `${idNumber.slice(0, 1)}${'*'.repeat(16)}${idNumber.slice(-1)}`;
    await row.getByText(maskedId, { exact: true }).waitFor();
    await row.getByText('138****5678', { exact: true }).waitFor();
    expect(await row.textContent()).not.toContain(idNumber);
    expect(await row.textContent()).not.toContain('13812345678');

    await row.getByTitle(`显示 ${name} 的完整身份证号`).click();
    await page.locator('.ant-popover').getByText(idNumber, { exact: true }).waitFor();
    await page.getByText('本次查看已记录到审计日志。').waitFor();

    // The auditor finds the read in the operation log: who read which field of which worker.
    const worker = (await townAdmin('GET', `/workers?q=${encodeURIComponent(name)}`)).body.rows[0] as { id: string };
    const auditor = await apiAs(browser.baseUrl, 'auditor');
    const logs = (await auditor('GET', '/audit-logs?entity=worker&action=reveal&pageSize=100')).body.rows as {
      actorName: string;
      entityIds: string[];
      fields: string[];
    }[];
    expect(logs.filter((l) => l.entityIds.includes(worker.id))).toEqual([
      expect.objectContaining({ actorName: 'town-admin', action: 'reveal', fields: ['idNumber'] }),
    ]);

    // A certificate, from the worker's record; the register then shows the level.
    await page.keyboard.press('Escape');
    await row.getByText(name, { exact: true }).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.getByRole('tab', { name: '证书与荣誉' }).click();
    await drawer.getByRole('button', { name: '添加证书' }).click();
    const cert = page.getByRole('dialog', { name: '添加证书' });
    await cert.getByLabel('等级').click();
    await pick(page, '助理社会工作师');
    const certificateNo = `ZS${Date.now()}`;
    await cert.getByLabel('证书编号').fill(certificateNo);
    await cert.getByLabel('发证机关').fill('广东省人力资源和社会保障厅');
    await cert.getByRole('button', { name: /保\s*存/ }).click();
    // The newest toast: the worker's own 保存成功 may still be showing above it.
    await page.getByText('保存成功').last().waitFor();
    const certRow = drawer.getByRole('row').filter({ hasText: certificateNo });
    await certRow.getByText('助理社会工作师').waitFor();
    await certRow.getByText('未登记').waitFor();

    // A title, entered with the wrong year, corrected, then removed as entered by mistake.
    await drawer.getByRole('button', { name: '添加称号' }).click();
    const honor = page.getByRole('dialog', { name: '添加称号' });
    await honor.getByLabel('称号', { exact: true }).click();
    await pick(page, '优秀社会工作者');
    await honor.getByLabel('级别', { exact: true }).click();
    await pick(page, '市级');
    await honor.getByLabel('年度', { exact: true }).fill('2025');
    await honor.getByRole('button', { name: /保\s*存/ }).click();
    const honorRow = drawer.getByRole('row').filter({ hasText: '优秀社会工作者' });
    await honorRow.getByText('2025', { exact: true }).waitFor();
    await honorRow.getByRole('button', { name: /编\s*辑/ }).click();
    const correction = page.getByRole('dialog', { name: '编辑称号' });
    await correction.getByLabel('年度', { exact: true }).fill('2024');
    await correction.getByRole('button', { name: /保\s*存/ }).click();
    await honorRow.getByText('2024', { exact: true }).waitFor();
    await honorRow.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await honorRow.waitFor({ state: 'detached' });
    const honors = (await townAdmin('GET', `/workers/${worker.id}/qualifications`)).body.honors as unknown[];
    expect(honors).toEqual([]);

    await drawer.getByRole('tab', { name: '基本信息' }).click();
    await drawer.getByRole('tabpanel').getByText('助理社会工作师').waitFor();
    await page.keyboard.press('Escape');
    await row.getByText('助理社会工作师').waitFor();
  });

  it('a county user sees a town worker; a user of another town does not', async () => {
    const county = await apiAs(browser.baseUrl, 'county-admin');
    const towns = await officialTowns(county);
    const name = `梁敏${Date.now() % 100000}`;
    const worker = await seedWorker(county, name, towns[0]!.code);

    // A supervisor of the second town, given a password of their own as a new user must. (A social
    // worker reads personal data and would first have to enrol TOTP, which is not what this is about.)
    const roles = (await county('GET', '/roles?pageSize=100')).body.rows as { id: string; code: string }[];
    const username = `e2e-sv-${Date.now() % 100000}`;
    const created = await county('POST', '/users', {
      username,
      displayName: '邻镇督导',
      regionCode: towns[1]!.code,
      password: 'Init#Pass2026',
      roleIds: [roles.find((r) => r.code === 'supervisor')!.id],
    });
    expect(created.status).toBe(201);
    const first = await apiAs(browser.baseUrl, username, 'Init#Pass2026');
    expect(
      (await first('POST', '/auth/password', { oldPassword: 'Init#Pass2026', newPassword: 'Fresh#Pass2026' })).status,
    ).toBe(200);

    const countyPage = await signIn('county-admin');
    await countyPage.goto('/talent/workers');
    await countyPage.getByLabel('姓名').fill(name);
    await countyPage.getByRole('button', { name: /搜\s*索/ }).click();
    await countyPage.getByText('共 1 条').waitFor();
    await countyPage.getByRole('row').filter({ hasText: name }).getByText(towns[0]!.name).waitFor();

    const other = await signIn(username, 'Fresh#Pass2026');
    await other.goto('/talent/workers');
    await other.getByLabel('姓名').fill(name);
    await other.getByRole('button', { name: /搜\s*索/ }).click();
    await other.locator('.ant-table-placeholder .ant-empty-description').getByText('暂无数据').waitFor();
    const neighbour = await apiAs(browser.baseUrl, username, 'Fresh#Pass2026');
    expect((await neighbour('GET', `/workers/${worker.id}`)).status).toBe(404);
  });

  it('a supervisor records a group supervision session with two supervisees', async () => {
    const county = await apiAs(browser.baseUrl, 'county-admin');
    const [town] = await officialTowns(county);
    const suffix = Date.now() % 100000;
    const supervisor = await seedWorker(county, `吴国华${suffix}`, town!.code);
    const a = await seedWorker(county, `冯小雨${suffix}`, town!.code);
    const b = await seedWorker(county, `邓家明${suffix}`, town!.code);

    const page = await signIn('supervisor');
    await page.getByRole('menu', { name: '主菜单' }).getByText('人才队伍').click();
    await page.getByRole('link', { name: '培训督导' }).click();
    await page.getByRole('tab', { name: '督导记录' }).click();
    await page.getByRole('button', { name: '登记督导' }).click();
    const dialog = page.getByRole('dialog', { name: '登记督导' });
    await dialog.getByLabel('督导', { exact: true }).fill(supervisor.name);
    await pick(page, supervisor.name);
    const supervisees = dialog.getByLabel('被督导人');
    await supervisees.fill(a.name);
    await pick(page, a.name);
    await supervisees.fill(b.name);
    await pick(page, b.name);
    await page.keyboard.press('Escape');
    await dialog.getByRole('radio', { name: '团体督导' }).check();
    await dialog.getByLabel('时长(小时)').fill('2');
    await dialog.getByLabel('督导主题').fill('个案会谈技巧');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();

    const row = page.getByRole('row').filter({ hasText: supervisor.name });
    await row
      .getByText(`${a.name}、${b.name}`)
      .or(row.getByText(`${b.name}、${a.name}`))
      .waitFor();
    await row.getByText('团体督导').waitFor();

    const sessions = (await county('GET', `/supervision-sessions?workerId=${b.id}`)).body.rows as {
      supervisor: { id: string };
      supervisees: { id: string }[];
      hours: number;
    }[];
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.supervisor.id).toBe(supervisor.id);
    expect(sessions[0]!.supervisees.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(sessions[0]!.hours).toBe(2);
  });

  it("the trainings ledger finds a worker's course by their name and opens their record", async () => {
    const county = await apiAs(browser.baseUrl, 'county-admin');
    const [town] = await officialTowns(county);
    const worker = await seedWorker(county, `韦丽${Date.now() % 100000}`, town!.code);
    const course = {
      course: '儿童保护实务培训',
      provider: '肇庆社会工作学院',
      startedOn: '2025-06-02',
      endedOn: '2025-06-03',
      hours: 12,
      credits: 1,
      certificateNo: 'E2E-PX-01',
    };
    expect((await county('POST', `/workers/${worker.id}/trainings`, course)).status).toBe(201);

    const page = await signIn('county-admin');
    await page.getByRole('menu', { name: '主菜单' }).getByText('人才队伍').click();
    await page.getByRole('link', { name: '培训记录' }).click();
    await page.getByLabel('姓名').fill(worker.name);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByText('共 1 条').waitFor();
    const row = page.getByRole('row').filter({ hasText: worker.name });
    for (const text of [town!.name, course.course, course.provider, '2025-06-02 ~ 2025-06-03', 'E2E-PX-01'])
      await row.getByText(text, { exact: true }).waitFor();
    await row.getByTitle(`查看 ${worker.name} 的人才档案`).click();
    await page.getByRole('dialog', { name: worker.name }).getByRole('tab', { name: '基本信息' }).waitFor();
  });
});

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe('exams and positions', () => {
  it('recording a pass creates the certificate with its number pending; the reimbursed amount shows in 元', async () => {
    const county = await apiAs(browser.baseUrl, 'county-admin');
    const [town] = await officialTowns(county);
    const worker = await seedWorker(county, `苏晴${Date.now() % 100000}`, town!.code);
    const year = Number(today().slice(0, 4));
    const exam = await county('POST', '/exam-registrations', {
      workerId: worker.id,
      year,
      level: 'assistant',
      reimbursedItems: ['registration_fee'],
      reimbursedFen: 35050,
    });
    expect(exam.status, JSON.stringify(exam.body)).toBe(201);

    const page = await signIn('county-admin');
    await page.goto('/talent/exams');
    await page.getByLabel('考试结果').click();
    await pick(page, '待公布');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    const row = page.getByRole('row').filter({ hasText: worker.name });
    await row.getByText('¥350.50').waitFor();
    await row.getByRole('button', { name: '登记成绩' }).click();
    const dialog = page.getByRole('dialog', { name: `登记成绩：${worker.name} ${year}年 助理社会工作师` });
    await dialog.getByRole('radio', { name: '通过', exact: true }).check();
    await dialog.getByText('考试通过后将自动生成该等级的证书记录').waitFor();
    await dialog.getByLabel('成绩公布日期').fill(today());
    await page.keyboard.press('Enter');
    expect(await dialog.getByLabel('报销金额(元)').inputValue()).toBe('350.50');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`保存成功，已为${worker.name}生成证书记录（编号待确认）`).waitFor();
    // No longer pending: it is found among the passes, with the certificate it created.
    await page.getByLabel('考试结果').click();
    await pick(page, '通过');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await row.getByText('已生成，编号待确认').waitFor();

    const q = (await county('GET', `/workers/${worker.id}/qualifications`)).body as {
      currentLevel: string;
      certificates: { level: string; numberPending: boolean }[];
    };
    expect(q.currentLevel).toBe('assistant');
    expect(q.certificates).toEqual([expect.objectContaining({ level: 'assistant', numberPending: true })]);
  });

  it('a post is handed over from one holder to the next and then left vacant', async () => {
    const county = await apiAs(browser.baseUrl, 'county-admin');
    const [town] = await officialTowns(county);
    const suffix = Date.now() % 100000;
    const first = await seedWorker(county, `罗静${suffix}`, town!.code);
    const next = await seedWorker(county, `韦强${suffix}`, town!.code);
    const title = `个案社工岗${suffix}`;
    const post = await county('POST', '/positions', {
      regionCode: town!.code,
      title,
      level: 'assistant',
      fundedBy: 'purchase',
      establishedOn: '2025-01-01',
    });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    expect(
      (await county('POST', `/positions/${post.body.id}/holder`, { workerId: first.id, on: '2025-03-01' })).status,
    ).toBe(200);

    const page = await signIn('county-admin');
    await page.goto('/talent/positions');
    const row = page.getByRole('row').filter({ hasText: title });
    await row.getByText(first.name).waitFor();
    await row.getByText('在岗').waitFor();

    await row.getByRole('button', { name: '交接' }).click();
    const handOver = page.getByRole('dialog', { name: `交接：${title}` });
    await handOver.getByText(`现任：${first.name}（自 2025-03-01）`).waitFor();
    await handOver.getByLabel('聘任人员').fill(next.name);
    await pick(page, next.name);
    await handOver.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').last().waitFor();
    await row.getByText(next.name).waitFor();

    await row.getByRole('button', { name: '空岗' }).click();
    const vacate = page.getByRole('dialog', { name: `空岗：${title}` });
    await vacate.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').first().waitFor();
    await row.locator('.ant-tag', { hasText: '空岗' }).waitFor();
    // The post keeps who held it and when.
    await row.getByRole('button', { name: '展开行' }).click();
    await page.getByText(`${next.name}：${today()} ~ ${today()}`).waitFor();
    await page.getByText(new RegExp(`^${first.name}：2025-03-01 ~ \\d{4}-\\d{2}-\\d{2}$`)).waitFor();

    const detail = (await county('GET', `/positions/${post.body.id}`)).body as {
      filled: boolean;
      holders: { id: string; endedOn: string | null }[];
    };
    expect(detail.filled).toBe(false);
    expect(detail.holders.map((h) => [h.id, h.endedOn])).toEqual(
      expect.arrayContaining([
        [first.id, expect.any(String)],
        [next.id, today()],
      ]),
    );
  });
});
