import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { checkPhone, checkRegionCode, checkUscc } from '../../platform/excel/excel.checks.ts';
import type { ColumnOption, ExcelColumn } from '../../platform/excel/excel.columns.ts';
import type { ImportLimits } from '../../platform/excel/excel.guard.ts';
import { auditExport, type RowOutcome, runImport } from '../../platform/excel/excel.import.ts';
import {
  exportWorkbook,
  type ParsedRow,
  type SheetSpec,
  templateWorkbook,
} from '../../platform/excel/excel.workbook.ts';
import { dictLabels } from '../dicts/dicts.service.ts';
import { findVisibleOrganizationsBy } from '../organizations/organizations.repo.ts';
import { ParamsCache } from '../params/params.service.ts';
import { regionPathsOf } from '../regions/regions.repo.ts';
import { findStationByName, listAllStations, type StationFilter } from './stations.repo.ts';
import type { StationKind, StationStatus } from './stations.rules.ts';
import { createStation, type CreateStationInput, stationColumns, updateStation } from './stations.service.ts';

/** An export is the whole register in scope; past this it should be filtered down. */
export const EXPORT_LIMIT = 50_000;

async function options(db: Db, dict: string): Promise<ColumnOption[]> {
  return [...(await dictLabels(db, dict))].map(([value, l]) => ({ value, label: l.label, labelEn: l.labelEn }));
}

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** The stations sheet; dictionary columns show the dictionary's current labels. */
export async function stationSheet(db: Db): Promise<SheetSpec> {
  const [kinds, statuses, services, levels] = await Promise.all([
    options(db, 'station_kind'),
    options(db, 'station_status'),
    options(db, 'station_service'),
    options(db, 'demonstration_level'),
  ]);
  const columns: ExcelColumn[] = [
    { key: 'name', header: h('站点名称', 'Name'), type: 'text', required: true, maxLength: 80, width: 30 },
    { key: 'kind', header: h('站点类型', 'Kind'), type: 'dict', required: true, options: kinds, width: 20 },
    {
      key: 'regionCode',
      header: h('所属区划代码', 'Region code'),
      type: 'text',
      required: true,
      codeLike: true,
      check: checkRegionCode,
      width: 16,
      hint: h(
        '9位乡镇(街道)代码或12位村(社区)代码，见“行政区划”',
        '9-digit town or 12-digit village code, see Regions',
      ),
    },
    {
      key: 'regionPath',
      header: h('所属区划', 'Region'),
      type: 'text',
      exportOnly: true,
      optionalHeader: true,
      width: 36,
    },
    {
      key: 'status',
      header: h('状态', 'Status'),
      type: 'dict',
      options: statuses,
      width: 8,
      hint: h(
        '新站点默认“筹建”；已登记站点的状态请在系统中通过“状态变更”办理',
        "New stations default to planned; change a registered station's status in the app",
      ),
    },
    {
      key: 'organizationName',
      header: h('运营机构', 'Operating organization'),
      type: 'text',
      maxLength: 100,
      width: 28,
      hint: h(
        '机构须已登记；同名机构有多个时请填写信用代码',
        'Must be registered; give the credit code when names repeat',
      ),
    },
    {
      key: 'organizationCreditCode',
      header: h('运营机构统一社会信用代码', 'Operator credit code'),
      type: 'text',
      codeLike: true,
      check: checkUscc,
      width: 24,
    },
    { key: 'address', header: h('地址', 'Address'), type: 'text', maxLength: 200, width: 36 },
    {
      key: 'lng',
      header: h('经度', 'Longitude'),
      type: 'decimal',
      min: -180,
      max: 180,
      width: 12,
      hint: h('WGS-84（GPS）坐标', 'WGS-84 (GPS)'),
    },
    { key: 'lat', header: h('纬度', 'Latitude'), type: 'decimal', min: -90, max: 90, width: 12 },
    {
      key: 'coordConfirmed',
      header: h('坐标已核实', 'Coordinates checked'),
      type: 'boolean',
      width: 12,
      hint: h('坐标在境外或远离本县(区)其他站点时，核实无误后填“是”', 'Yes when unusual coordinates have been checked'),
    },
    { key: 'openingHours', header: h('开放时间', 'Opening hours'), type: 'text', maxLength: 200, width: 28 },
    { key: 'phone', header: h('联系电话', 'Phone'), type: 'text', codeLike: true, check: checkPhone(), width: 16 },
    { key: 'services', header: h('服务项目', 'Services'), type: 'dictList', options: services, width: 36 },
    { key: 'openedOn', header: h('启用日期', 'Opened on'), type: 'date', width: 12 },
    { key: 'suspendedOn', header: h('暂停日期', 'Suspended on'), type: 'date', width: 12 },
    { key: 'closedOn', header: h('撤销日期', 'Closed on'), type: 'date', width: 12 },
    { key: 'demonstration', header: h('示范点', 'Demonstration site'), type: 'boolean', width: 8 },
    {
      key: 'demonstrationLevel',
      header: h('示范级别', 'Demonstration level'),
      type: 'dict',
      options: levels,
      width: 10,
    },
    {
      key: 'demonstrationYear',
      header: h('命名年份', 'Demonstration year'),
      type: 'integer',
      min: 2000,
      max: 2100,
      width: 10,
    },
    {
      key: 'hidden',
      header: h('不公开位置', 'Hidden'),
      type: 'boolean',
      width: 10,
      hint: h('庇护场所等需保密的地点填“是”', 'Yes for a shelter or other confidential place'),
    },
    {
      key: 'overrideReason',
      header: h('例外原因', 'Override reason'),
      type: 'text',
      maxLength: 200,
      width: 24,
      hint: h(
        '该乡镇(街道)已有运营中的社工站、确需再设时填写',
        'Why a second operating town station in the town is allowed',
      ),
    },
    {
      key: 'version',
      header: h('版本号', 'Version'),
      type: 'integer',
      min: 1,
      optionalHeader: true,
      width: 8,
      hint: h(
        '导出时带出，用于发现导出后被他人修改的记录；新增行留空',
        'Filled in by the export to catch records changed since; leave empty for new rows',
      ),
    },
  ];
  return {
    name: h('站点', 'Stations'),
    columns,
    notes: {
      'zh-CN': [
        '站点按“所属区划代码 + 站点名称”识别：已登记的站点按表中内容更新，未登记的新增；同一文件重复导入不会产生任何变化。',
        '整个文件一次导入：任何一行有误，全部不写入。请先“预检”，按错误报告中的“错误信息”列修改后再导入。',
        '留空的单元格表示该项为空（更新时会清除原有内容）。代码、电话等列已设为文本格式，请勿改为数字格式。',
      ],
      'en-US': [
        'Stations are matched by region code + name: registered ones are updated from the sheet, others are added; importing the same file twice changes nothing.',
        'The file is imported as a whole: if any row is wrong, nothing is written. Run the check first and fix the rows named in the Errors column.',
        'An empty cell means an empty value (an update clears it). Code and phone columns are text: do not turn them into numbers.',
      ],
    },
  };
}

export async function stationTemplate(db: Db, ctx: Ctx) {
  return templateWorkbook(await stationSheet(db), ctx.locale);
}

export async function exportStations(db: Db, ctx: Ctx, filter: Omit<StationFilter, 'page' | 'pageSize'>) {
  const [spec, rows] = await Promise.all([
    stationSheet(db),
    listAllStations(db, ctx.actor.scopes, filter, EXPORT_LIMIT),
  ]);
  const path = await regionPathsOf(
    db,
    rows.map((r) => r.regionCode),
  );
  const out = rows.map((r) => ({
    ...r,
    regionPath: path(r.regionCode),
    organizationName: r.organizationName,
    organizationCreditCode: r.organizationCreditCode,
    demonstrationLevel: r.demonstration ? r.demonstrationLevel : null,
    demonstrationYear: r.demonstration ? r.demonstrationYear : null,
  }));
  await auditExport(db, ctx, 'station', rows.length, filter);
  return exportWorkbook(spec, out);
}

/** The operating organization a row names: by credit code, else by a name only one visible organization has. */
async function resolveOrganization(tx: Db, ctx: Ctx, v: Record<string, unknown>): Promise<string | null> {
  const code = v.organizationCreditCode as string | null;
  const name = v.organizationName as string | null;
  if (!code && !name) return null;
  const found = await findVisibleOrganizationsBy(
    tx,
    ctx.actor.scopes,
    code ? { creditCode: code } : { name: name as string },
  );
  if (found.length === 0)
    throw validationError(code ? 'organizationCreditCode' : 'organizationName', 'validation.org.unknown');
  if (found.length > 1) throw validationError('organizationName', 'validation.import.orgAmbiguous');
  return found[0].id;
}

const COMPARED = [
  'kind',
  'organizationId',
  'address',
  'lng',
  'lat',
  'openingHours',
  'phone',
  'services',
  'demonstration',
  'demonstrationLevel',
  'demonstrationYear',
  'hidden',
  'coordConfirmed',
] as const;

async function writeStationRow(tx: Db, ctx: Ctx, params: ParamsCache, { values: v }: ParsedRow): Promise<RowOutcome> {
  if ((v.lng === null) !== (v.lat === null)) throw validationError('lat', 'validation.station.coordPair');
  const input: CreateStationInput = {
    kind: v.kind as StationKind,
    regionCode: v.regionCode as string,
    name: v.name as string,
    organizationId: await resolveOrganization(tx, ctx, v),
    address: (v.address as string | null) ?? '',
    lng: v.lng as number | null,
    lat: v.lat as number | null,
    openingHours: (v.openingHours as string | null) ?? '',
    phone: (v.phone as string | null) ?? '',
    services: v.services as string[],
    demonstration: v.demonstration as boolean,
    demonstrationLevel: v.demonstrationLevel as CreateStationInput['demonstrationLevel'],
    demonstrationYear: v.demonstrationYear as number | null,
    hidden: v.hidden as boolean,
    coordConfirmed: v.coordConfirmed as boolean,
    overrideReason: (v.overrideReason as string | null) ?? undefined,
  };
  const dates = {
    openedOn: v.openedOn as string | null,
    suspendedOn: v.suspendedOn as string | null,
    closedOn: v.closedOn as string | null,
  };
  const existing = await findStationByName(tx, ctx.actor.scopes, input.regionCode, input.name);
  if (!existing) {
    await createStation(tx, ctx, params, {
      ...input,
      ...dates,
      status: (v.status as StationStatus | null) ?? 'planned',
    });
    return 'created';
  }
  if (v.status && v.status !== existing.status) throw validationError('status', 'validation.import.statusChange');
  const next = { ...stationColumns(input), ...dates };
  const stored = {
    ...stationColumns(existing as never),
    openedOn: existing.openedOn,
    suspendedOn: existing.suspendedOn,
    closedOn: existing.closedOn,
  };
  const changed = [...COMPARED, 'openedOn', 'suspendedOn', 'closedOn'].some(
    (k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(stored[k as keyof typeof stored]),
  );
  if (!changed) return 'unchanged';
  // The file's version is the one the user exported: a record changed since is not overwritten.
  if (v.version != null && v.version !== existing.version)
    throw new AppError('VERSION_CONFLICT', {
      errors: [{ path: 'version', message: 'validation.import.stale', params: { version: existing.version } }],
    });
  await updateStation(tx, ctx, params, existing.id, { ...input, ...dates, version: existing.version });
  return 'updated';
}

export async function importStations(
  db: Db,
  ctx: Ctx,
  file: { buffer: Buffer; filename: string; limits?: ImportLimits },
  dryRun: boolean,
) {
  return runImport(db, ctx, {
    spec: await stationSheet(db),
    ...file,
    dryRun,
    entity: 'station',
    identity: (v) => ({ key: `${v.regionCode}|${v.name}`, column: 'name' }),
    pathColumns: { organizationId: 'organizationName', on: 'openedOn' },
    // A row with an override reason is the town's second station: the first must exist before it.
    order: (rows) => [...rows.filter((r) => !r.values.overrideReason), ...rows.filter((r) => r.values.overrideReason)],
    // Parameters are read through the transaction: PGlite has one connection, held by it.
    write: (tx, row) => writeStationRow(tx, ctx, new ParamsCache(tx), row),
  });
}
