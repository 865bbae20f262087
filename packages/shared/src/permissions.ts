/**
 * Permission strings follow `module:resource:action`, as Chinese admin systems do.
 * The list is the single source: the server checks routes against it, the web app
 * builds menus from it, and the built-in roles below are made of it.
 */
export const PERMISSIONS = [
  'system:user:list',
  'system:user:create',
  'system:user:update',
  'system:user:reset-password',
  'system:user:assign-role',
  'system:role:list',
  'system:role:create',
  'system:role:update',
  'system:role:delete',
  'system:region:list',
  'system:region:import',
  'system:dict:list',
  'system:dict:edit',
  'system:param:list',
  'system:param:edit',
  'system:security:edit',
  'monitor:online:list',
  'monitor:online:force-logout',
  'log:operation:list',
  'log:login:list',
  'log:audit:verify',
  'pii:read',
  'network:station:list',
  'network:station:create',
  'network:station:update',
  'network:station:lifecycle',
  'network:station:import',
  'network:station:export',
  'network:org:list',
  'network:org:create',
  'network:org:update',
  'network:org:import',
  'network:org:export',
  'network:pairing:list',
  'network:pairing:edit',
  'network:coverage:list',
  'network:deadline:edit',
  'network:directory:export',
  'network:directory:import',
  'talent:worker:list',
  'talent:worker:create',
  'talent:worker:update',
  'talent:worker:import',
  'talent:worker:export',
  'talent:qualification:edit',
  'talent:exam:list',
  'talent:exam:edit',
  'talent:training:edit',
  'talent:supervision:list',
  'talent:supervision:edit',
  'talent:position:list',
  'talent:position:edit',
  'talent:target:list',
  'talent:target:edit',
  'talent:stats:list',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Route-level pseudo permissions: no login needed, or any logged-in user. */
export type RoutePermission = Permission | 'public' | 'authenticated';

/**
 * 三员分立: each administrative duty belongs to exactly one of the three admin domains.
 * A role may not mix permissions of two domains and a user may not hold roles of two.
 */
export const ADMIN_DOMAINS = {
  system: ['system:dict:edit', 'system:param:edit', 'system:region:import'],
  security: ['system:security:edit', 'monitor:online:force-logout'],
  audit: ['log:operation:list', 'log:login:list', 'log:audit:verify'],
} as const satisfies Record<string, readonly Permission[]>;

export type AdminDomain = keyof typeof ADMIN_DOMAINS;

export function adminDomainsOf(permissions: readonly string[]): AdminDomain[] {
  return (Object.keys(ADMIN_DOMAINS) as AdminDomain[]).filter((d) =>
    (ADMIN_DOMAINS[d] as readonly string[]).some((p) => permissions.includes(p)),
  );
}

/** The administrative planes: everything else (pii:read, network:*, talent:*) is business or personal data. */
const ADMIN_PLANES = ['system:', 'monitor:', 'log:'] as const;

export type DutyConflict = 'two_duties' | 'duty_and_business';

/**
 * 三员分立 for one set of permissions (a role, or everything a user holds through all roles): at most
 * one administrator duty, and a holder of a duty holds no business or personal-data permission.
 */
export function dutyConflict(permissions: readonly string[]): DutyConflict | null {
  const duties = adminDomainsOf(permissions);
  if (duties.length > 1) return 'two_duties';
  if (duties.length === 1 && permissions.some((p) => !ADMIN_PLANES.some((plane) => p.startsWith(plane))))
    return 'duty_and_business';
  return null;
}

export const BUILTIN_ROLE_CODES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'region_admin',
  'station_head',
  'social_worker',
  'supervisor',
  'volunteer',
  'resident',
] as const;
export type BuiltinRoleCode = (typeof BUILTIN_ROLE_CODES)[number];

/** Permissions whose holders must use a TOTP second factor: personal data and user management. */
const TOTP_PERMISSIONS: readonly Permission[] = [
  'pii:read',
  'system:user:create',
  'system:user:update',
  'system:user:reset-password',
  'system:user:assign-role',
];

/**
 * Whether these permissions require a TOTP second factor (outside demo accounts): reading personal
 * data, managing users, or any of the three administrator duties. Decided from permissions, not
 * role codes, so a custom role holding the same powers needs it too.
 */
export function totpRequiredFor(permissions: Iterable<string>): boolean {
  const held = [...permissions];
  return TOTP_PERMISSIONS.some((p) => held.includes(p)) || adminDomainsOf(held).length > 0;
}

/** The service network (服务阵地): business data, so none of the three administrators holds any of it. */
const NETWORK_PERMISSIONS = PERMISSIONS.filter((p): p is Extract<Permission, `network:${string}`> =>
  p.startsWith('network:'),
);

/** The talent pipeline (人才队伍): business data, like the network. */
const TALENT_PERMISSIONS = PERMISSIONS.filter((p): p is Extract<Permission, `talent:${string}`> =>
  p.startsWith('talent:'),
);

/** Reading the talent register of one's own scope (workers, exams, supervision, positions, targets, figures). */
const TALENT_READ: Permission[] = [
  'talent:worker:list',
  'talent:exam:list',
  'talent:supervision:list',
  'talent:position:list',
  'talent:target:list',
  'talent:stats:list',
];

export const BUILTIN_ROLES: Record<BuiltinRoleCode, { name: string; nameEn: string; permissions: Permission[] }> = {
  sysadmin: {
    name: '系统管理员',
    nameEn: 'System administrator',
    permissions: [
      'system:user:list',
      'system:user:create',
      'system:user:update',
      'system:user:reset-password',
      'system:role:list',
      'system:region:list',
      'system:region:import',
      'system:dict:list',
      'system:dict:edit',
      'system:param:list',
      'system:param:edit',
      'monitor:online:list',
    ],
  },
  secadmin: {
    name: '安全管理员',
    nameEn: 'Security administrator',
    permissions: [
      'system:user:list',
      'system:user:assign-role',
      'system:role:list',
      'system:role:create',
      'system:role:update',
      'system:role:delete',
      'system:region:list',
      'system:security:edit',
      'system:param:list',
      'monitor:online:list',
      'monitor:online:force-logout',
    ],
  },
  auditor: {
    name: '审计管理员',
    nameEn: 'Audit administrator',
    permissions: ['log:operation:list', 'log:login:list', 'log:audit:verify'],
  },
  region_admin: {
    name: '区域管理员',
    nameEn: 'Region administrator',
    permissions: [
      'system:user:list',
      'system:user:create',
      'system:user:update',
      'system:user:reset-password',
      'system:user:assign-role',
      'system:role:list',
      'system:role:create',
      'system:role:update',
      'system:role:delete',
      'system:region:list',
      'system:dict:list',
      'monitor:online:list',
      'pii:read',
      ...NETWORK_PERMISSIONS,
      ...TALENT_PERMISSIONS,
    ],
  },
  station_head: {
    name: '站点负责人',
    nameEn: 'Station head',
    // Keeps their own station's record up to date; opening and closing stay with the region.
    // Records the trainings of the station's workers; the register itself is kept by the region.
    permissions: [
      'system:region:list',
      'system:dict:list',
      'pii:read',
      'network:station:list',
      'network:station:update',
      'network:org:list',
      ...TALENT_READ,
      'talent:training:edit',
    ],
  },
  social_worker: {
    name: '社工',
    nameEn: 'Social worker',
    permissions: [
      'system:region:list',
      'system:dict:list',
      'pii:read',
      'network:station:list',
      'network:org:list',
      ...TALENT_READ,
      'talent:training:edit',
    ],
  },
  supervisor: {
    name: '督导',
    nameEn: 'Supervisor',
    permissions: [
      'system:region:list',
      'system:dict:list',
      'network:station:list',
      'network:org:list',
      ...TALENT_READ,
      'talent:supervision:edit',
    ],
  },
  volunteer: { name: '志愿者', nameEn: 'Volunteer', permissions: ['system:dict:list'] },
  resident: { name: '居民', nameEn: 'Resident', permissions: ['system:dict:list'] },
};
