import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, create } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';
import type { SupervisionSession } from '../talent.types';
import { WORKERS_KEY } from '../workers/workers.api';

export const SUPERVISION_KEY = 'supervision-sessions';

export interface SupervisionFilters {
  from?: string;
  to?: string;
  mode?: SupervisionSession['mode'];
  supervisorId?: string;
  workerId?: string;
  stationId?: string;
  regionCode?: string;
}

export const fetchSessions = (query: SupervisionFilters & PageParams) =>
  unwrap(api.GET('/api/v1/supervision-sessions', { params: { query } }));
export const fetchSession = (id: string) =>
  unwrap(api.GET('/api/v1/supervision-sessions/{id}', { params: { path: { id } } }));

export type SessionBody = BodyOf<'/api/v1/supervision-sessions', 'post'>;

/** Supervision hours count towards each supervisee's continuing education: their trainings refresh too. */
export function useSupervisionMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    queryClient.invalidateQueries({ queryKey: [SUPERVISION_KEY] });
    queryClient.invalidateQueries({ queryKey: [WORKERS_KEY] });
  };
  return {
    create: useMutation({
      mutationFn: (body: SessionBody) => create((init) => api.POST('/api/v1/supervision-sessions', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/supervision-sessions/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/supervision-sessions/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
  };
}
