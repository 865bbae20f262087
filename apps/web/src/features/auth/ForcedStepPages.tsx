import { Alert, Button, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { pathForStage, useMe } from '../../hooks/useMe';
import { useLogout } from './auth.api';
import { AuthLayout } from './AuthLayout';
import { PasswordForm } from './PasswordForm';
import { TotpEnrol } from './TotpEnrol';

/** A step the session must finish before the console opens; a session at another stage is sent on. */
function ForcedStep({
  stage,
  title,
  hint,
  children,
}: {
  stage: 'change_password' | 'enrol_totp';
  title: string;
  hint: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const logout = useLogout();
  if (me.isPending) return <Spin fullscreen />;
  if (me.error instanceof ApiError && me.error.status === 401)
    return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.data && me.data.stage !== stage)
    return <Navigate to={me.data.stage === 'full' ? '/' : pathForStage(me.data.stage)} replace />;
  return (
    <AuthLayout title={title}>
      <Flex vertical gap={16}>
        <Alert type="warning" showIcon title={hint} />
        {children}
        <Button type="link" onClick={() => logout.mutate()}>
          {t('header.logout')}
        </Button>
      </Flex>
    </AuthLayout>
  );
}

export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ForcedStep stage="change_password" title={t('password.title')} hint={t('password.forcedHint')}>
      <PasswordForm onDone={(stage) => navigate(pathForStage(stage), { replace: true })} />
    </ForcedStep>
  );
}

export function ForcedTotpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ForcedStep stage="enrol_totp" title={t('totp.title')} hint={t('totp.forcedHint')}>
      <TotpEnrol onDone={(stage) => navigate(pathForStage(stage), { replace: true })} />
    </ForcedStep>
  );
}
