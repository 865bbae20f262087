import { BUILTIN_ROLES, type BuiltinRoleCode } from '@lianxin/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { dictItems, dictTypes } from '../modules/dicts/dicts.table.ts';
import { seedParams } from '../modules/params/params.service.ts';
import { roles } from '../modules/roles/roles.table.ts';
import { NETWORK_DICTS } from './network-dicts.ts';
import { TALENT_DICTS } from './talent-dicts.ts';

export type Item = [value: string, label: string, labelEn: string, color?: string];

/** Dictionaries every installation needs; national standards where one exists. */
export const BASE_DICTS: { code: string; name: string; nameEn: string; items: Item[] }[] = [
  {
    // GB/T 2261.1-2003 人的性别代码
    code: 'sys_user_sex',
    name: '性别',
    nameEn: 'Sex',
    items: [
      ['1', '男', 'Male', 'blue'],
      ['2', '女', 'Female', 'magenta'],
      ['0', '未知的性别', 'Unknown', 'default'],
      ['9', '未说明的性别', 'Not stated', 'default'],
    ],
  },
  {
    code: 'sys_normal_disable',
    name: '状态',
    nameEn: 'Status',
    items: [
      ['active', '正常', 'Active', 'success'],
      ['disabled', '停用', 'Disabled', 'error'],
    ],
  },
  {
    code: 'sys_yes_no',
    name: '是否',
    nameEn: 'Yes/No',
    items: [
      ['Y', '是', 'Yes', 'success'],
      ['N', '否', 'No', 'default'],
    ],
  },
  {
    code: 'region_level',
    name: '区划级别',
    nameEn: 'Region level',
    items: [
      ['1', '省级', 'Province'],
      ['2', '地级', 'City'],
      ['3', '县级', 'County'],
      ['4', '乡级', 'Town'],
      ['5', '村级', 'Village'],
    ],
  },
  {
    code: 'region_kind',
    name: '区划类型',
    nameEn: 'Region kind',
    items: [
      ['official', '正式区划', 'Official', 'blue'],
      ['placeholder', '虚拟区划', 'Placeholder', 'default'],
      ['development_zone', '功能区', 'Development zone', 'orange'],
    ],
  },
  {
    code: 'login_result',
    name: '登录结果',
    nameEn: 'Login result',
    items: [
      ['success', '成功', 'Success', 'success'],
      ['failure', '失败', 'Failure', 'error'],
      ['locked', '锁定', 'Locked', 'warning'],
      ['disabled', '已停用', 'Disabled', 'default'],
      ['totp_required', '待验证', 'Code required', 'processing'],
    ],
  },
  ...NETWORK_DICTS,
  ...TALENT_DICTS,
];

/** Idempotent: built-in roles are brought up to date on every start; dictionaries and parameters only added. */
export async function seedBase(db: Db, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const roleRows = (Object.keys(BUILTIN_ROLES) as BuiltinRoleCode[]).map((code) => ({
      code,
      name: BUILTIN_ROLES[code].name,
      nameEn: BUILTIN_ROLES[code].nameEn,
      builtin: true,
      permissions: BUILTIN_ROLES[code].permissions,
      regionCode: '',
      createdAt: now,
      updatedAt: now,
    }));
    await tx
      .insert(roles)
      .values(roleRows)
      .onConflictDoUpdate({
        target: roles.code,
        set: {
          permissions: sql`excluded.permissions`,
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          builtin: true,
        },
      });
    await tx
      .insert(dictTypes)
      .values(
        BASE_DICTS.map((d) => ({
          code: d.code,
          name: d.name,
          nameEn: d.nameEn,
          builtin: true,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(dictItems)
      .values(
        BASE_DICTS.flatMap((d) =>
          d.items.map(([value, label, labelEn, color], i) => ({
            typeCode: d.code,
            value,
            label,
            labelEn,
            color: color ?? 'default',
            sort: i + 1,
            createdAt: now,
            updatedAt: now,
          })),
        ),
      )
      .onConflictDoNothing();
    await seedParams(tx);
  });
}
