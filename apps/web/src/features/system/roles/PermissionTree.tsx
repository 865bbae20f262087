import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupLabel, groupPermissions, moduleLabel, permissionLabel } from '../../../utils/permissions';

interface Props {
  /** All permission codes that can be granted. */
  codes: string[];
  value?: string[];
  onChange?: (codes: string[]) => void;
  disabled?: boolean;
}

const MODULE = 'module:';
const GROUP = 'group:';

/** Permissions as a checkable tree: module → resource (`system:user`) → permission. The value holds codes only. */
export function PermissionTree({ codes, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const treeData = useMemo<DataNode[]>(
    () =>
      groupPermissions(codes).map((m) => ({
        key: MODULE + m.module,
        title: moduleLabel(t, m.module),
        children: m.groups.flatMap((g): DataNode[] => {
          const leaves = g.codes.map((c) => ({
            key: c,
            isLeaf: true,
            title: (
              <>
                {permissionLabel(t, c)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c}
                </Typography.Text>
              </>
            ),
          }));
          if (g.codes.length === 1 && g.codes[0] === g.group) return leaves;
          return [{ key: GROUP + g.group, title: groupLabel(t, g.group), children: leaves }];
        }),
      })),
    [codes, t],
  );
  const known = new Set(codes);
  return (
    <Tree
      checkable
      selectable={false}
      defaultExpandAll
      disabled={disabled}
      treeData={treeData}
      checkedKeys={value.filter((c) => known.has(c))}
      onCheck={(checked) => {
        const keys = Array.isArray(checked) ? checked : checked.checked;
        onChange?.(keys.map(String).filter((k) => known.has(k)));
      }}
      style={{ maxHeight: 360, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
    />
  );
}
