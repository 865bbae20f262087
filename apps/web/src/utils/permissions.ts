import { PERMISSIONS } from '@lianxin/shared';
import type { ParseKeys, TFunction } from 'i18next';

/** `system:user:list` → `system:user`; a two-part code (`pii:read`) is its own group. */
export function groupOf(code: string): string {
  return code.split(':').slice(0, 2).join(':');
}

export function moduleOf(code: string): string {
  return code.split(':')[0] ?? code;
}

export const permissionLabel = (t: TFunction, code: string) =>
  t(`permission.${code}` as ParseKeys, { defaultValue: code });
export const groupLabel = (t: TFunction, group: string) =>
  t(`permissionGroup.${group}` as ParseKeys, { defaultValue: group });
export const moduleLabel = (t: TFunction, module: string) =>
  t(`permissionModule.${module}` as ParseKeys, { defaultValue: module });

/** Permission codes grouped by module, then by resource, in the order of the shared list. */
export function groupPermissions(
  codes: readonly string[] = PERMISSIONS,
): { module: string; groups: { group: string; codes: string[] }[] }[] {
  const modules: { module: string; groups: { group: string; codes: string[] }[] }[] = [];
  const order = new Map<string, number>(PERMISSIONS.map((p, i) => [p, i]));
  const sorted = [...codes].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999));
  for (const code of sorted) {
    const module = moduleOf(code);
    let m = modules.find((x) => x.module === module);
    if (!m) {
      m = { module, groups: [] };
      modules.push(m);
    }
    const group = groupOf(code);
    let g = m.groups.find((x) => x.group === group);
    if (!g) {
      g = { group, codes: [] };
      m.groups.push(g);
    }
    g.codes.push(code);
  }
  return modules;
}
