import { api, unwrap } from './client';
import { queryClient } from './queryClient';
import type { RegionDetail, RegionNode } from './types';

/** Region code of the virtual root whose children are the top-level regions the user may see. */
export const ROOT = 'root';
const STALE = 5 * 60_000;

/** Children of a region (cached: the hierarchy changes only by import). */
export function fetchRegionChildren(code: string): Promise<RegionNode[]> {
  return queryClient.fetchQuery({
    queryKey: ['regions', 'children', code],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/regions/{code}/children', { params: { path: { code } } }))).rows,
    staleTime: STALE,
  });
}

/** One region with its ancestors, from the top down. */
export function fetchRegion(code: string): Promise<RegionDetail> {
  return queryClient.fetchQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: () => unwrap(api.GET('/api/v1/regions/{code}', { params: { path: { code } } })),
    staleTime: STALE,
  });
}

export async function searchRegions(q: string, limit = 20) {
  return (await unwrap(api.GET('/api/v1/regions', { params: { query: { q, limit } } }))).rows;
}

/** Drops cached hierarchy after an import. */
export function invalidateRegions() {
  return queryClient.invalidateQueries({ queryKey: ['regions'] });
}
