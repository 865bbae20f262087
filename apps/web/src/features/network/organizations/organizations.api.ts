import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf, Organization } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const ORGANIZATIONS_KEY = 'organizations';

export interface OrganizationFilters {
  q?: string;
  type?: Organization['type'];
  domain?: string;
  regionCode?: string;
}

export const fetchOrganizations = (query: OrganizationFilters & PageParams) =>
  unwrap(api.GET('/api/v1/organizations', { params: { query } }));
export const fetchOrganization = (id: string) =>
  unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } }));

/** Organizations whose name matches `q`, for a picker (the first 20; typing narrows them). */
export function useOrganizationOptions(q: string, type?: Organization['type']) {
  return useQuery({
    queryKey: [ORGANIZATIONS_KEY, 'options', q, type],
    queryFn: async () => (await fetchOrganizations({ q: q || undefined, type, page: 1, pageSize: 20 })).rows,
    staleTime: 30_000,
  });
}

export function useOrganizationMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [ORGANIZATIONS_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/organizations', 'post'>) =>
        create((init) => api.POST('/api/v1/organizations', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/organizations/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
  };
}

export function revealContactPhone(org: Organization) {
  return unwrap(
    api.POST('/api/v1/organizations/{id}/reveal', {
      params: { path: { id: org.id } },
      body: { field: 'contactPhone' },
    }),
  );
}
