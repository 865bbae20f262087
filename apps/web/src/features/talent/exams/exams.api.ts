import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, create } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';
import type { ExamRegistration } from '../talent.types';
import { WORKERS_KEY } from '../workers/workers.api';

export const EXAMS_KEY = 'exam-registrations';

export interface ExamFilters {
  year?: number;
  level?: ExamRegistration['level'];
  result?: ExamRegistration['result'];
  regionCode?: string;
  workerId?: string;
  sponsorOrganizationId?: string;
}

export const fetchExams = (query: ExamFilters & PageParams) =>
  unwrap(api.GET('/api/v1/exam-registrations', { params: { query } }));
export const fetchExam = (id: string) =>
  unwrap(api.GET('/api/v1/exam-registrations/{id}', { params: { path: { id } } }));

export type ExamCreateBody = BodyOf<'/api/v1/exam-registrations', 'post'>;
export type ExamUpdateBody = BodyOf<'/api/v1/exam-registrations/{id}', 'put'>;

/** A pass creates a certificate: the register's levels and qualifications are refreshed with the exams. */
export function useExamMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    queryClient.invalidateQueries({ queryKey: [EXAMS_KEY] });
    queryClient.invalidateQueries({ queryKey: [WORKERS_KEY] });
  };
  return {
    create: useMutation({
      mutationFn: (body: ExamCreateBody) => create((init) => api.POST('/api/v1/exam-registrations', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: ExamUpdateBody & { id: string }) =>
        unwrap(api.PUT('/api/v1/exam-registrations/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
  };
}
