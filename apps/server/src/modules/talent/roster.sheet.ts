import type { Db } from '../../db/client.ts';
import { checkIdCard, checkPhone, checkRegionCode, checkUscc } from '../../platform/excel/excel.checks.ts';
import type { CheckResult, ColumnOption, ExcelColumn } from '../../platform/excel/excel.columns.ts';
import type { SheetSpec } from '../../platform/excel/excel.workbook.ts';
import { dictLabels } from '../dicts/dicts.service.ts';
import { type Level, LEVELS } from './talent.rules.ts';

/** A roster is a register, not a form: a province's whole 花名册 in one file. */
export const ROSTER_MAX_ROWS = 50_000;
/** The first national social-work exam was sat in 2008. */
export const FIRST_EXAM_YEAR = 2008;

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

async function options(db: Db, dict: string): Promise<ColumnOption[]> {
  return [...(await dictLabels(db, dict))].map(([value, l]) => ({ value, label: l.label, labelEn: l.labelEn }));
}

const LEVEL_HEADER: Record<Level, [string, string]> = {
  assistant: ['助理社会工作师', 'Assistant'],
  intermediate: ['社会工作师', 'Intermediate'],
  senior: ['高级社会工作师', 'Senior'],
};

type CertKeys = { readonly no: string; readonly on: string; readonly year: string };
const CERT_KEYS = Object.fromEntries(
  LEVELS.map((l) => [l, { no: `${l}No`, on: `${l}On`, year: `${l}Year` }]),
) as Record<Level, CertKeys>;

/** The three cells of one level's certificate: `${level}No`, `${level}On`, `${level}Year` (made once, read per row). */
export const certKeys = (level: Level): CertKeys => CERT_KEYS[level];

function certificateColumns(level: Level, thisYear: number): ExcelColumn[] {
  const [zh, en] = LEVEL_HEADER[level];
  const k = certKeys(level);
  return [
    {
      key: k.no,
      header: h(`${zh}证书编号`, `${en} certificate number`),
      type: 'text',
      codeLike: true,
      maxLength: 40,
      width: 22,
      hint: h(
        '填写该级别证书的编号；该级别的三列都留空表示没有该证书',
        "The certificate's number; leave the level's three columns empty when there is none",
      ),
    },
    { key: k.on, header: h(`${zh}取得日期`, `${en} obtained on`), type: 'date', width: 14 },
    {
      key: k.year,
      header: h(`${zh}考试年度`, `${en} exam year`),
      type: 'integer',
      min: FIRST_EXAM_YEAR,
      max: thisYear,
      width: 10,
      hint: h('取得日期不能早于考试年度', 'The certificate cannot be obtained before its exam year'),
    },
  ];
}

/** A masked number copied from an export says so, instead of failing its checksum. */
function checkIdNumber(today: Date) {
  const check = checkIdCard(today);
  return (s: string): CheckResult<string> =>
    s.includes('*') ? { ok: false, message: 'validation.roster.maskedIdNumber' } : check(s);
}

/**
 * The roster (花名册) sheet: one row per person, their current employment, resident station and,
 * in column groups by level, their certificates — the layout of the 持证社工 rosters 民政 offices
 * keep. Export-only columns describe the person for the reader and are ignored on import.
 */
export async function rosterSheet(db: Db, now: Date): Promise<SheetSpec> {
  const [sexes, educations, categories] = await Promise.all([
    options(db, 'sys_user_sex'),
    options(db, 'talent_education'),
    options(db, 'talent_category'),
  ]);
  const thisYear = Number(now.toISOString().slice(0, 4)) + 1;
  const columns: ExcelColumn[] = [
    { key: 'name', header: h('姓名', 'Name'), type: 'text', required: true, maxLength: 40, width: 12 },
    {
      key: 'idNumber',
      header: h('证件号码', 'ID number'),
      type: 'text',
      required: true,
      refuseNumeric: true,
      check: checkIdNumber(now),
      width: 22,
      hint: h(
        '居民身份证（18位或15位）、港澳台居民居住证或外国人永久居留身份证；本列须为文本格式，否则 Excel 会丢失末几位数字',
        'Resident ID (18 or 15 digits), residence permit or permanent-residence card; keep the column as text or Excel loses digits',
      ),
    },
    {
      key: 'sex',
      header: h('性别', 'Sex'),
      type: 'dict',
      options: sexes,
      width: 8,
      hint: h('留空时按身份证号码填写', 'Read from the ID number when empty'),
    },
    {
      key: 'birthDate',
      header: h('出生日期', 'Birth date'),
      type: 'date',
      width: 12,
      hint: h(
        '留空时按身份证号码填写；填写时须与身份证号码一致',
        'Read from the ID number when empty; must agree with it',
      ),
    },
    { key: 'phone', header: h('手机号码', 'Phone'), type: 'text', codeLike: true, check: checkPhone(true), width: 15 },
    { key: 'education', header: h('学历', 'Education'), type: 'dict', options: educations, width: 12 },
    { key: 'major', header: h('所学专业', 'Major'), type: 'text', maxLength: 60, width: 16 },
    {
      key: 'category',
      header: h('人才类别', 'Category'),
      type: 'dict',
      required: true,
      options: categories,
      width: 24,
    },
    {
      key: 'regionCode',
      header: h('工作地区划代码', 'Region code'),
      type: 'text',
      required: true,
      codeLike: true,
      check: checkRegionCode,
      width: 16,
      hint: h(
        '工作所在县(区)、乡镇(街道)或村(社区)的区划代码，须在您的数据范围内',
        'The county, town or village code where the person works, inside your scope',
      ),
    },
    {
      key: 'regionPath',
      header: h('工作地', 'Region'),
      type: 'text',
      exportOnly: true,
      optionalHeader: true,
      width: 30,
    },
    {
      key: 'organizationName',
      header: h('工作单位', 'Organization'),
      type: 'text',
      maxLength: 100,
      width: 28,
      hint: h(
        '须为已登记的机构；同名机构有多个时请填写统一社会信用代码',
        'A registered organization; give the credit code when names repeat',
      ),
    },
    {
      key: 'organizationCreditCode',
      header: h('工作单位统一社会信用代码', 'Organization credit code'),
      type: 'text',
      codeLike: true,
      check: checkUscc,
      width: 22,
    },
    { key: 'jobTitle', header: h('职务/岗位', 'Job title'), type: 'text', maxLength: 60, width: 14 },
    {
      key: 'joinedOn',
      header: h('入库日期', 'Joined on'),
      type: 'date',
      width: 12,
      hint: h(
        '开始从事社会工作的日期，仅用于新增人员；留空为导入当天',
        'First day in the register, for new people only; today when empty',
      ),
    },
    {
      key: 'stationName',
      header: h('驻站站点', 'Resident station'),
      type: 'text',
      maxLength: 80,
      width: 24,
      hint: h(
        '驻站社工所驻的社工站（点）名称；留空不会结束已有的驻站',
        'The station where the person is resident; an empty cell does not end a current residency',
      ),
    },
    {
      key: 'stationFrom',
      header: h('驻站日期', 'Resident from'),
      type: 'date',
      width: 12,
      hint: h('留空为入库日期', 'The joined date when empty'),
    },
    ...LEVELS.flatMap((l) => certificateColumns(l, thisYear)),
    { key: 'note', header: h('备注', 'Note'), type: 'text', maxLength: 500, width: 24 },
    {
      key: 'currentLevel',
      header: h('当前等级', 'Current level'),
      type: 'text',
      exportOnly: true,
      optionalHeader: true,
      width: 14,
    },
    { key: 'status', header: h('状态', 'Status'), type: 'text', exportOnly: true, optionalHeader: true, width: 8 },
    {
      key: 'leftOn',
      header: h('离库日期', 'Left on'),
      type: 'date',
      exportOnly: true,
      optionalHeader: true,
      width: 12,
    },
  ];
  return {
    name: h('社工人才花名册', 'Roster'),
    columns,
    maxRows: ROSTER_MAX_ROWS,
    notes: {
      'zh-CN': [
        '每行一人：人员按证件号码识别，已在人才库中的人员按表中内容更新，未登记的新增；同一文件重复导入不会产生任何变化。',
        '证书按等级分列（助理社会工作师、社会工作师、高级社会工作师各三列：证书编号、取得日期、考试年度），一人每个等级填一张证书；该等级三列留空表示不导入该等级证书，不会删除已登记的证书。',
        '整个文件一次导入：任何一行有误，全部不写入。请先“预检”，按错误报告中的“错误信息”列修改后再导入。',
        '工作单位、职务和工作地区划的修改视为更正当前任职；调动请在系统中办理。留空的单元格表示该项为空（更新时会清除原有内容），性别、出生日期、入库日期、驻站和证书除外。',
        '导出的花名册中证件号码和手机号码已打码，不能直接用于导入。',
      ],
      'en-US': [
        'One row per person, matched by ID number: people already in the register are updated from the sheet, others are added; importing the same file twice changes nothing.',
        'Certificates are in column groups by level (assistant, intermediate, senior: number, obtained on, exam year), one certificate per level; a level left empty is not imported and no registered certificate is removed.',
        'The file is imported as a whole: if any row is wrong, nothing is written. Run the check first and fix the rows named in the Errors column.',
        'A changed organization, job title or region corrects the current employment; a move is recorded in the app. An empty cell means an empty value (an update clears it), except sex, birth date, joined date, residency and certificates.',
        'An exported roster has masked ID numbers and phones and cannot be imported as it is.',
      ],
    },
  };
}

/** The template: the columns a user fills in, without those an export adds for the reader. */
export function templateSpec(spec: SheetSpec): SheetSpec {
  return { ...spec, columns: spec.columns.filter((c) => !c.exportOnly) };
}
