import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export function useSystemInfo() {
  return useQuery({
    queryKey: ['system-info'],
    queryFn: () => unwrap(api.GET('/api/v1/system/info')),
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}
