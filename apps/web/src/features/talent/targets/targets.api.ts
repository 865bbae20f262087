import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, Ok } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const TARGETS_KEY = 'targets';
export type Target = Ok<'/api/v1/targets'>['rows'][number];
export type TargetProgress = Ok<'/api/v1/targets/{id}/progress'>;
export type TargetBody = BodyOf<'/api/v1/targets', 'post'>;
export type Metric = Target['metric'];
export const METRICS: Metric[] = [
  'total_talent',
  'certified',
  'exam_registrations',
  'positions_filled',
  'resident_qualified',
  'active_volunteers',
];
export const LEVELS = ['assistant', 'intermediate', 'senior'] as const;

export interface TargetFilters {
  regionCode?: string;
  metric?: Metric;
  topLevel?: 'true' | 'false';
}

export const fetchTargets = (query: TargetFilters & PageParams) =>
  unwrap(api.GET('/api/v1/targets', { params: { query } }));
export const fetchTarget = (id: string) => unwrap(api.GET('/api/v1/targets/{id}', { params: { path: { id } } }));

export function useTargetProgress(id: string) {
  return useQuery({
    queryKey: [TARGETS_KEY, 'progress', id],
    queryFn: () => unwrap(api.GET('/api/v1/targets/{id}/progress', { params: { path: { id }, query: {} } })),
    placeholderData: keepPreviousData,
  });
}

export function useTargetMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [TARGETS_KEY] });
  return {
    create: useMutation({ mutationFn: (body: TargetBody) => unwrap(api.POST('/api/v1/targets', { body })), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/targets/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/targets/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/targets/{id}', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}
