import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Ok } from '../../../api/types';

export type Unqualified = Ok<'/api/v1/talent/compliance/unqualified-resident'>;
export type HoursShort = Ok<'/api/v1/talent/compliance/hours-short'>;
export type RenewalDue = Ok<'/api/v1/talent/compliance/renewal-due'>;

interface Common {
  page: number;
  pageSize: number;
  region?: string;
}

export function useUnqualified(query: Common & { deadline?: string }) {
  return useQuery({
    queryKey: ['talent', 'compliance', 'unqualified', query],
    queryFn: () => unwrap(api.GET('/api/v1/talent/compliance/unqualified-resident', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useHoursShort(query: Common & { year?: number }) {
  return useQuery({
    queryKey: ['talent', 'compliance', 'hours', query],
    queryFn: () => unwrap(api.GET('/api/v1/talent/compliance/hours-short', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRenewalDue(query: Common & { days?: number }) {
  return useQuery({
    queryKey: ['talent', 'compliance', 'renewal', query],
    queryFn: () => unwrap(api.GET('/api/v1/talent/compliance/renewal-due', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
