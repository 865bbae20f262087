import type { ReactNode } from 'react';
import { usePermission } from '../hooks/usePermission';
import { ForbiddenPage } from './StatusPages';

/** Shows the 403 page instead of a page the user may not open. */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const can = usePermission();
  if (permission && !can(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
