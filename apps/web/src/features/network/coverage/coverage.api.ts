import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const COVERAGE_KEY = 'coverage';
export const DEADLINES_KEY = 'coverage-deadlines';
/** The code the coverage route takes for the whole country. */
export const COUNTRY = 'root';

/** A region's coverage figures with one row per child region. */
export function useCoverage(regionCode: string) {
  return useQuery({
    queryKey: [COVERAGE_KEY, regionCode],
    queryFn: () => unwrap(api.GET('/api/v1/coverage/{regionCode}', { params: { path: { regionCode } } })),
    placeholderData: keepPreviousData,
  });
}

export interface DeadlineFilters {
  regionCode?: string;
  kind?: 'town_station' | 'community_room';
}

export const fetchDeadlines = (query: DeadlineFilters & PageParams) =>
  unwrap(api.GET('/api/v1/coverage-deadlines', { params: { query } }));

export function useDeadlineMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [DEADLINES_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/coverage-deadlines', 'post'>) =>
        create((init) => api.POST('/api/v1/coverage-deadlines', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/coverage-deadlines/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/coverage-deadlines/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/coverage-deadlines/{id}', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}
