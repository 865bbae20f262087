import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, unwrap } from '../api/client';
import type { Me, Stage } from '../api/types';

export const ME_KEY = ['me'] as const;

/** The signed-in user; a 401 leaves `data` empty and `error` set (no toast: RequireAuth redirects). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    retry: false,
    staleTime: 60_000,
    meta: { silent: true },
  });
}

/** The signed-in user inside the console, where RequireAuth has already loaded it. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  // Keeps the last known user while the console unmounts after sign-out clears the cache.
  const last = useRef(data);
  if (data) last.current = data;
  if (!last.current) throw new Error('useCurrentUser outside RequireAuth');
  return last.current;
}

/** Where a session at this stage belongs. */
export function pathForStage(stage: Stage): string {
  if (stage === 'change_password') return '/password';
  if (stage === 'enrol_totp') return '/totp';
  return '/';
}
