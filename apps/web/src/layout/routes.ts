import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface ConsoleRoute {
  path: string;
  /** Needed to open the page; the menu entry is hidden and the route shows 403 without it. */
  permission?: string;
  Page: LazyExoticComponent<ComponentType>;
}

const named = <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

/** Every console page, code-split: each loads when first opened. */
export const CONSOLE_ROUTES: ConsoleRoute[] = [
  { path: '/', Page: lazy(() => import('../features/home/HomePage')) },
  {
    path: '/account/password',
    Page: named(
      () => import('../features/auth/AccountPages'),
      (m) => m.AccountPasswordPage,
    ),
  },
  {
    path: '/account/totp',
    Page: named(
      () => import('../features/auth/AccountPages'),
      (m) => m.AccountTotpPage,
    ),
  },
  {
    path: '/network/stations',
    permission: 'network:station:list',
    Page: lazy(() => import('../features/network/stations/StationsPage')),
  },
  {
    path: '/network/organizations',
    permission: 'network:org:list',
    Page: lazy(() => import('../features/network/organizations/OrganizationsPage')),
  },
  {
    path: '/network/pairings',
    permission: 'network:pairing:list',
    Page: lazy(() => import('../features/network/pairings/PairingsPage')),
  },
  {
    path: '/network/coverage',
    permission: 'network:coverage:list',
    Page: lazy(() => import('../features/network/coverage/CoveragePage')),
  },
  {
    path: '/talent/workers',
    permission: 'talent:worker:list',
    Page: lazy(() => import('../features/talent/workers/WorkersPage')),
  },
  {
    path: '/talent/exams',
    permission: 'talent:exam:list',
    Page: lazy(() => import('../features/talent/exams/ExamsPage')),
  },
  {
    path: '/talent/development',
    permission: 'talent:supervision:list',
    Page: lazy(() => import('../features/talent/development/DevelopmentPage')),
  },
  {
    path: '/talent/trainings',
    permission: 'talent:worker:list',
    Page: lazy(() => import('../features/talent/development/TrainingsPage')),
  },
  {
    path: '/talent/positions',
    permission: 'talent:position:list',
    Page: lazy(() => import('../features/talent/positions/PositionsPage')),
  },
  {
    path: '/network/directory',
    permission: 'network:directory:export',
    Page: lazy(() => import('../features/network/directory/DirectoryPage')),
  },
  {
    path: '/talent/targets',
    permission: 'talent:target:list',
    Page: lazy(() => import('../features/talent/targets/TargetsPage')),
  },
  {
    path: '/talent/stats',
    permission: 'talent:stats:list',
    Page: lazy(() => import('../features/talent/stats/TalentStatsPage')),
  },
  {
    path: '/talent/compliance',
    permission: 'talent:stats:list',
    Page: lazy(() => import('../features/talent/compliance/CompliancePage')),
  },
  {
    path: '/system/users',
    permission: 'system:user:list',
    Page: lazy(() => import('../features/system/users/UsersPage')),
  },
  {
    path: '/system/roles',
    permission: 'system:role:list',
    Page: lazy(() => import('../features/system/roles/RolesPage')),
  },
  {
    path: '/system/regions',
    permission: 'system:region:list',
    Page: lazy(() => import('../features/system/regions/RegionsPage')),
  },
  {
    path: '/system/dicts',
    permission: 'system:dict:edit',
    Page: lazy(() => import('../features/system/dicts/DictsPage')),
  },
  {
    path: '/system/params',
    permission: 'system:param:list',
    Page: lazy(() => import('../features/system/params/ParamsPage')),
  },
  {
    path: '/monitor/online',
    permission: 'monitor:online:list',
    Page: lazy(() => import('../features/monitor/online/OnlinePage')),
  },
  {
    path: '/logs/operation',
    permission: 'log:operation:list',
    Page: lazy(() => import('../features/logs/OperationLogPage')),
  },
  { path: '/logs/login', permission: 'log:login:list', Page: lazy(() => import('../features/logs/LoginLogPage')) },
];

export const permissionOf = (path: string) => CONSOLE_ROUTES.find((r) => r.path === path)?.permission;
