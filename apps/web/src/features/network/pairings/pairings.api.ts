import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf, Pairing } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const PAIRINGS_KEY = 'pairings';

export interface PairingFilters {
  q?: string;
  kind?: Pairing['kind'];
  regionCode?: string;
}

export const fetchPairings = (query: PairingFilters & PageParams) =>
  unwrap(api.GET('/api/v1/pairings', { params: { query } }));
export const fetchPairing = (id: string) => unwrap(api.GET('/api/v1/pairings/{id}', { params: { path: { id } } }));

export type PairingBody = BodyOf<'/api/v1/pairings', 'post'>;

export function usePairingMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [PAIRINGS_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: PairingBody) => create((init) => api.POST('/api/v1/pairings', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/pairings/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/pairings/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    addDelivery: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/pairings/{id}/deliveries', 'post'> & { id: string }) =>
        create((init) => api.POST('/api/v1/pairings/{id}/deliveries', { params: { path: { id } }, body, ...init })),
      onSuccess,
    }),
  };
}
