import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { showProblem } from '../../api/problem';

/** Ends the session, forgets every cached answer and goes to the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: async (_data, err) => {
      if (err) showProblem(err);
      await navigate('/login', { replace: true });
      queryClient.clear();
    },
  });
}

/** Only same-site paths: `?redirect=` must not send the user elsewhere. */
export function safeRedirect(target: string | null): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}
