import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, create } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';
import { WORKERS_KEY } from '../workers/workers.api';

export const POSITIONS_KEY = 'positions';

export interface PositionFilters {
  regionCode?: string;
  organizationId?: string;
  stationId?: string;
  level?: string;
  fundedBy?: string;
  filled?: 'true' | 'false';
  abolished?: 'true' | 'false';
}

export const fetchPositions = (query: PositionFilters & PageParams) =>
  unwrap(api.GET('/api/v1/positions', { params: { query } }));
export const fetchPosition = (id: string) => unwrap(api.GET('/api/v1/positions/{id}', { params: { path: { id } } }));

export type PositionBody = BodyOf<'/api/v1/positions', 'post'>;

/** A holder change shows on the worker's record too (所任岗位). */
export function usePositionMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    queryClient.invalidateQueries({ queryKey: [POSITIONS_KEY] });
    queryClient.invalidateQueries({ queryKey: [WORKERS_KEY] });
  };
  return {
    create: useMutation({
      mutationFn: (body: PositionBody) => create((init) => api.POST('/api/v1/positions', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/positions/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/positions/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    setHolder: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/positions/{id}/holder', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/positions/{id}/holder', { params: { path: { id } }, body, ...init })),
      onSuccess,
    }),
  };
}
