import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf, User } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const USERS_KEY = 'users';

export interface UserFilters {
  q?: string;
  regionCode?: string;
  status?: 'active' | 'disabled';
}

export const fetchUsers = (query: UserFilters & PageParams) => unwrap(api.GET('/api/v1/users', { params: { query } }));
export const fetchUser = (id: string) => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } }));

/** Role choices for a user: every role the current user can see (pages are small). */
export function useRoleOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['roles', 'options'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/roles', { params: { query: { page: 1, pageSize: 500 } } }))).rows,
    enabled,
    staleTime: 60_000,
  });
}

/** The user mutations; each refreshes the list when it succeeds. */
export function useUserMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/users', 'post'>) =>
        create((init) => api.POST('/api/v1/users', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/users/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/users/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    assignRoles: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/users/{id}/roles', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/users/{id}/roles', { params: { path: { id } }, body })),
      onSuccess,
    }),
    resetPassword: useMutation({
      mutationFn: ({ id, password }: { id: string; password: string }) =>
        unwrap(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } }, body: { password } })),
      onSuccess,
    }),
    resetTotp: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/{id}/totp/reset', { params: { path: { id } } })),
      onSuccess,
    }),
    unlock: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}

export function revealPhone(user: User) {
  return unwrap(api.POST('/api/v1/users/{id}/reveal', { params: { path: { id: user.id } }, body: { field: 'phone' } }));
}
