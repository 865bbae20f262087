import { useCallback } from 'react';
import { useMe } from './useMe';

/** `can('system:user:create')`: whether the signed-in user holds a permission (menus and buttons only; the server enforces). */
export function usePermission() {
  const { data } = useMe();
  const permissions = data?.permissions;
  return useCallback((permission: string) => !!permissions?.includes(permission), [permissions]);
}
