import { inScope } from '../../platform/access.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkPhone, checkRegionCode, checkUscc } from '../../platform/excel/excel.checks.ts';
import type { ColumnOption } from '../../platform/excel/excel.columns.ts';
import type { ImportLimits } from '../../platform/excel/excel.guard.ts';
import { auditExport, type RowOutcome, runImport } from '../../platform/excel/excel.import.ts';
import {
  exportWorkbook,
  type ParsedRow,
  type SheetSpec,
  templateWorkbook,
} from '../../platform/excel/excel.workbook.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { maskPhone } from '@lianxin/shared';
import { dictLabels } from '../dicts/dicts.service.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import type { OrganizationType } from './organizations.presenter.ts';
import { findOrganizationForImport, listAllOrganizations, type OrganizationFilter } from './organizations.repo.ts';
import { createOrganization, type OrganizationInput, updateOrganization } from './organizations.service.ts';

export const EXPORT_LIMIT = 50_000;

async function options(db: Db, dict: string): Promise<ColumnOption[]> {
  return [...(await dictLabels(db, dict))].map(([value, l]) => ({ value, label: l.label, labelEn: l.labelEn }));
}

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** A masked number from an export (138****5678) stands for "keep the stored number". */
const MASKED = /\*/;

export async function organizationSheet(db: Db): Promise<SheetSpec> {
  const [types, domains] = await Promise.all([options(db, 'org_type'), options(db, 'org_domain')]);
  return {
    name: h('机构', 'Organizations'),
    columns: [
      { key: 'name', header: h('机构名称', 'Name'), type: 'text', required: true, maxLength: 100, width: 32 },
      { key: 'type', header: h('机构类型', 'Type'), type: 'dict', required: true, options: types, width: 18 },
      {
        key: 'creditCode',
        header: h('统一社会信用代码', 'Credit code'),
        type: 'text',
        codeLike: true,
        check: checkUscc,
        width: 24,
        hint: h(
          '18位；只备案未登记的社区社会组织可留空',
          '18 characters; may be empty for a community organization that is only filed',
        ),
      },
      {
        key: 'regionCode',
        header: h('所属区划代码', 'Region code'),
        type: 'text',
        required: true,
        codeLike: true,
        check: checkRegionCode,
        width: 16,
        hint: h('机构登记所在的区划', 'Where the organization is registered'),
      },
      {
        key: 'regionName',
        header: h('所属区划', 'Region'),
        type: 'text',
        exportOnly: true,
        optionalHeader: true,
        width: 16,
      },
      {
        key: 'registrationAuthority',
        header: h('登记管理机关', 'Registration authority'),
        type: 'text',
        maxLength: 100,
        width: 24,
      },
      { key: 'registeredOn', header: h('登记日期', 'Registered on'), type: 'date', width: 12 },
      { key: 'domains', header: h('服务领域', 'Service domains'), type: 'dictList', options: domains, width: 30 },
      { key: 'contactName', header: h('联系人', 'Contact'), type: 'text', maxLength: 40, width: 12 },
      {
        key: 'contactPhone',
        header: h('联系电话', 'Contact phone'),
        type: 'text',
        codeLike: true,
        width: 16,
        check: (s: string) => (MASKED.test(s) ? { ok: true, value: s } : checkPhone(true)(s)),
        hint: h(
          '导出的号码已脱敏，原样保留表示不修改',
          'Exported numbers are masked; leaving one as it is keeps the stored number',
        ),
      },
      { key: 'address', header: h('地址', 'Address'), type: 'text', maxLength: 200, width: 36 },
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
    ],
    notes: {
      'zh-CN': [
        '机构按“统一社会信用代码”识别（无信用代码的按“所属区划代码 + 机构名称”）：已登记的机构按表中内容更新，未登记的新增；同一文件重复导入不会产生任何变化。',
        '整个文件一次导入：任何一行有误，全部不写入。请先“预检”，按错误报告中的“错误信息”列修改后再导入。',
        '留空的单元格表示该项为空（更新时会清除原有内容）。代码、电话等列已设为文本格式，请勿改为数字格式。',
      ],
      'en-US': [
        'Organizations are matched by credit code (by region code + name when there is none): registered ones are updated from the sheet, others are added; importing the same file twice changes nothing.',
        'The file is imported as a whole: if any row is wrong, nothing is written. Run the check first and fix the rows named in the Errors column.',
        'An empty cell means an empty value (an update clears it). Code and phone columns are text: do not turn them into numbers.',
      ],
    },
  };
}

export async function organizationTemplate(db: Db, ctx: Ctx) {
  return templateWorkbook(await organizationSheet(db), ctx.locale);
}

/** Contact phones leave masked, as in every other answer of the API. */
export async function exportOrganizations(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  filter: Omit<OrganizationFilter, 'page' | 'pageSize'>,
) {
  const [spec, rows] = await Promise.all([
    organizationSheet(db),
    listAllOrganizations(db, ctx.actor.scopes, filter, EXPORT_LIMIT),
  ]);
  const names = await regionNamesOf(
    db,
    rows.map((r) => r.regionCode),
  );
  const out = rows.map((r) => ({
    ...r,
    regionName: names.get(r.regionCode) ?? '',
    contactPhone: r.contactPhoneEnc ? maskPhone(pii.decrypt(r.contactPhoneEnc)) : null,
  }));
  await auditExport(db, ctx, 'organization', rows.length, filter);
  return exportWorkbook(spec, out);
}

async function writeOrganizationRow(tx: Db, ctx: Ctx, pii: PiiCipher, { values: v }: ParsedRow): Promise<RowOutcome> {
  const phone = v.contactPhone as string | null;
  const input: OrganizationInput = {
    type: v.type as OrganizationType,
    name: v.name as string,
    creditCode: v.creditCode as string | null,
    regionCode: v.regionCode as string,
    registrationAuthority: (v.registrationAuthority as string | null) ?? '',
    registeredOn: v.registeredOn as string | null,
    domains: v.domains as string[],
    contactName: (v.contactName as string | null) ?? '',
    address: (v.address as string | null) ?? '',
    contactPhone: phone && MASKED.test(phone) ? undefined : phone,
  };
  const existing = await findOrganizationForImport(tx, ctx.actor.scopes, {
    creditCode: input.creditCode ?? null,
    regionCode: input.regionCode,
    name: input.name,
  });
  if (!existing) {
    await createOrganization(tx, ctx, pii, input);
    return 'created';
  }
  const storedPhone = existing.contactPhoneEnc ? pii.decrypt(existing.contactPhoneEnc) : null;
  const next = { ...input, domains: [...new Set(input.domains)] };
  const same = (
    [
      'type',
      'name',
      'creditCode',
      'regionCode',
      'registrationAuthority',
      'registeredOn',
      'domains',
      'contactName',
      'address',
    ] as const
  ).every((k) => JSON.stringify(next[k] ?? null) === JSON.stringify(existing[k] ?? null));
  if (same && (input.contactPhone === undefined || input.contactPhone === storedPhone)) return 'unchanged';
  // Readable from above the scope is not editable: say so on the row instead of a bare 404.
  if (!inScope(existing.regionCode, ctx.actor.scopes))
    throw new AppError('SCOPE_EXCEEDED', { errors: [{ path: 'regionCode', message: 'validation.scope.outside' }] });
  if (v.version != null && v.version !== existing.version)
    throw new AppError('VERSION_CONFLICT', {
      errors: [{ path: 'version', message: 'validation.import.stale', params: { version: existing.version } }],
    });
  await updateOrganization(tx, ctx, pii, existing.id, { ...input, version: existing.version });
  return 'updated';
}

export async function importOrganizations(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  file: { buffer: Buffer; filename: string; limits?: ImportLimits },
  dryRun: boolean,
) {
  return runImport(db, ctx, {
    spec: await organizationSheet(db),
    ...file,
    dryRun,
    entity: 'organization',
    identity: (v) =>
      v.creditCode
        ? { key: `c|${v.creditCode}`, column: 'creditCode' }
        : { key: `n|${v.regionCode}|${v.name}`, column: 'name' },
    write: (tx, row) => writeOrganizationRow(tx, ctx, pii, row),
  });
}
