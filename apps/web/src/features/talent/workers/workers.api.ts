import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, create } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';
import { TRAININGS_KEY } from '../development/trainings.api';
import type { Qualifications, Worker } from '../talent.types';

export const WORKERS_KEY = 'workers';

export interface WorkerFilters {
  q?: string;
  regionCode?: string;
  category?: Worker['category'];
  level?: NonNullable<Worker['currentLevel']> | 'none';
  organizationId?: string;
  stationId?: string;
  status?: Worker['status'];
}

export const fetchWorkers = (query: WorkerFilters & PageParams) =>
  unwrap(api.GET('/api/v1/workers', { params: { query } }));
export const fetchWorker = (id: string) => unwrap(api.GET('/api/v1/workers/{id}', { params: { path: { id } } }));
export const fetchQualifications = (id: string) =>
  unwrap(api.GET('/api/v1/workers/{id}/qualifications', { params: { path: { id } } }));
export const qualificationsKey = (workerId: string) => [WORKERS_KEY, 'qualifications', workerId];

/** A 409 on a worker's qualifications carries the current ones: show them rather than the stale list. */
export function useReloadQualifications(workerId: string) {
  const queryClient = useQueryClient();
  return (current: unknown): Qualifications | undefined => {
    if (current) queryClient.setQueryData(qualificationsKey(workerId), current as Qualifications);
    else void queryClient.invalidateQueries({ queryKey: qualificationsKey(workerId) });
    return current as Qualifications | undefined;
  };
}
export const fetchTrainings = (id: string) =>
  unwrap(api.GET('/api/v1/workers/{id}/trainings', { params: { path: { id } } }));

export const revealWorker = (id: string, field: 'idNumber' | 'phone') =>
  unwrap(api.POST('/api/v1/workers/{id}/reveal', { params: { path: { id } }, body: { field } }));

/** Workers whose name matches `q`, for a picker (the first 20 in scope; typing narrows them). */
export function useWorkerOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: [WORKERS_KEY, 'options', q],
    queryFn: async () => (await fetchWorkers({ q: q || undefined, status: 'active', page: 1, pageSize: 20 })).rows,
    staleTime: 30_000,
    enabled,
  });
}

export type WorkerCreateBody = BodyOf<'/api/v1/workers', 'post'>;
export type WorkerUpdateBody = BodyOf<'/api/v1/workers/{id}', 'put'>;
type Path = { params: { path: { id: string } } };
const at = (id: string): Path => ({ params: { path: { id } } });

/**
 * Every change to a worker refreshes the register and whatever shows the worker: the detail,
 * qualifications and trainings share the WORKERS_KEY prefix; exams, positions and the trainings ledger name the worker too.
 */
export function useWorkerMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    queryClient.invalidateQueries({ queryKey: [WORKERS_KEY] });
    queryClient.invalidateQueries({ queryKey: ['exam-registrations'] });
    queryClient.invalidateQueries({ queryKey: ['positions'] });
    queryClient.invalidateQueries({ queryKey: ['supervision-sessions'] });
    queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] });
  };
  return {
    create: useMutation({
      mutationFn: (body: WorkerCreateBody) => create((init) => api.POST('/api/v1/workers', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: WorkerUpdateBody & { id: string }) =>
        unwrap(api.PUT('/api/v1/workers/{id}', { ...at(id), body })),
      onSuccess,
    }),
    addEmployment: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/employments', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/workers/{id}/employments', { ...at(id), body, ...init })),
      onSuccess,
    }),
    assign: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/station-assignments', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/workers/{id}/station-assignments', { ...at(id), body, ...init })),
      onSuccess,
    }),
    endAssignment: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/station-assignments/end', 'post'> & { id: string }) =>
        unwrap(api.POST('/api/v1/workers/{id}/station-assignments/end', { ...at(id), body })),
      onSuccess,
    }),
    depart: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/departure', 'post'> & { id: string }) =>
        unwrap(api.POST('/api/v1/workers/{id}/departure', { ...at(id), body })),
      onSuccess,
    }),
    addCertificate: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/qualifications', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/workers/{id}/qualifications', { ...at(id), body, ...init })),
      onSuccess,
    }),
    updateCertificate: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/qualifications/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/qualifications/{id}', { ...at(id), body })),
      onSuccess,
    }),
    addRegistration: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/qualifications/{id}/registrations', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/qualifications/{id}/registrations', { ...at(id), body, ...init })),
      onSuccess,
    }),
    addHonor: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/honors', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/workers/{id}/honors', { ...at(id), body, ...init })),
      onSuccess,
    }),
    updateHonor: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/honors/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/honors/{id}', { ...at(id), body })),
      onSuccess,
    }),
    deleteHonor: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        unwrap(api.DELETE('/api/v1/honors/{id}', { params: { path: { id }, query: { version } } })),
      onSuccess,
    }),
    addTraining: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/workers/{id}/trainings', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/workers/{id}/trainings', { ...at(id), body, ...init })),
      onSuccess,
    }),
    updateTraining: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/trainings/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/trainings/{id}', { ...at(id), body })),
      onSuccess,
    }),
  };
}
