import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PERMISSIONS } from '@lianxin/shared';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const ROLES_KEY = 'roles';

export const fetchRoles = (query: { q?: string } & PageParams) =>
  unwrap(api.GET('/api/v1/roles', { params: { query } }));
export const fetchRole = (id: string) => unwrap(api.GET('/api/v1/roles/{id}', { params: { path: { id } } }));

/** The permission codes the server knows; the shared list until it answers. */
export function usePermissionCodes() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/permissions'))).rows.map((r) => r.code),
    placeholderData: [...PERMISSIONS],
    staleTime: 10 * 60_000,
  });
}

export function useRoleMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [ROLES_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/roles', 'post'>) =>
        create((init) => api.POST('/api/v1/roles', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/roles/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/roles/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/roles/{id}', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}
