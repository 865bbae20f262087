import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { pathForStage, useMe } from '../../hooks/useMe';

/** Opens the console only for a session that is signed in and past the forced steps. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <Result
        status="error"
        title={me.error instanceof ApiError ? me.error.problem.title : t('error.network')}
        extra={<Button onClick={() => me.refetch()}>{t('result.retry')}</Button>}
      />
    );
  }
  if (me.data.stage !== 'full') return <Navigate to={pathForStage(me.data.stage)} replace />;
  return <>{children}</>;
}
