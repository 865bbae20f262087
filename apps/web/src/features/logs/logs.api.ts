import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../../api/client';
import type { PageParams } from '../../hooks/useListQuery';
import { dayEnd, dayStart } from '../../utils/format';

export interface RangeFilter {
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** A RangePicker value as the `from`/`to` instants of whole days in Asia/Shanghai. */
export function rangeToQuery<F extends RangeFilter>({ range, ...rest }: F) {
  return { ...rest, from: range?.[0] ? dayStart(range[0]) : undefined, to: range?.[1] ? dayEnd(range[1]) : undefined };
}

export interface AuditFilters extends RangeFilter {
  entity?: string;
  action?: string;
  q?: string;
}
export interface LoginFilters extends RangeFilter {
  result?: 'success' | 'failure' | 'locked' | 'disabled' | 'totp_required';
  q?: string;
}

export const fetchAuditLogs = (f: AuditFilters & PageParams) =>
  unwrap(api.GET('/api/v1/audit-logs', { params: { query: rangeToQuery(f) } }));
export const fetchLoginLogs = (f: LoginFilters & PageParams) =>
  unwrap(api.GET('/api/v1/login-logs', { params: { query: rangeToQuery(f) } }));
export const verifyAuditLog = () => unwrap(api.GET('/api/v1/audit-logs/verify'));

/** Audit actions and entities the server writes today; unknown ones show their code. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'reveal',
  'assign_roles',
  'reset_password',
  'reset_totp',
  'unlock',
  'change_password',
  'enable_totp',
  'force_logout',
  'import',
  'seed',
] as const;
export const AUDIT_ENTITIES = ['user', 'role', 'dict_type', 'dict_item', 'param', 'session', 'region', 'demo'] as const;
