import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { dictKey } from '../../../hooks/useDict';
import type { PageParams } from '../../../hooks/useListQuery';

export const DICT_TYPES_KEY = 'dict-types';
export const itemsKey = (code: string) => ['dict-items', code];

/** antd's preset tag colours, offered for dictionary items. */
export const PRESET_COLORS = [
  'default',
  'success',
  'processing',
  'error',
  'warning',
  'magenta',
  'red',
  'volcano',
  'orange',
  'gold',
  'lime',
  'green',
  'cyan',
  'blue',
  'geekblue',
  'purple',
] as const;

export const fetchDictTypes = (query: { q?: string } & PageParams) =>
  unwrap(api.GET('/api/v1/dict-types', { params: { query } }));

export function useDictItems(code: string | undefined) {
  return useQuery({
    queryKey: itemsKey(code ?? ''),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/dict-types/{code}/items', { params: { path: { code: code! } } }))).rows,
    enabled: !!code,
  });
}

export function useDictTypeMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [DICT_TYPES_KEY] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/dict-types', 'post'>) =>
        create((init) => api.POST('/api/v1/dict-types', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/dict-types/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/dict-types/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/dict-types/{id}', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}

/** Item changes refresh both the admin list and the cached dictionary used by DictTag and selects. */
export function useDictItemMutations(typeCode: string) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: itemsKey(typeCode) }),
      queryClient.invalidateQueries({ queryKey: dictKey(typeCode) }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/dict-items', 'post'>) =>
        create((init) => api.POST('/api/v1/dict-items', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/dict-items/{id}', 'put'> & { id: string }) =>
        unwrap(api.PUT('/api/v1/dict-items/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/dict-items/{id}', { params: { path: { id } } })),
      onSuccess,
    }),
  };
}
