import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { showProblem } from './problem';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
  }
}

/** Session problems are handled by the client middleware (redirect), not toasted. */
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(err, query) {
      if (query.meta?.silent) return;
      if (err instanceof ApiError && SESSION_CODES.has(err.code)) return;
      showProblem(err);
    },
  }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 10_000,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});
