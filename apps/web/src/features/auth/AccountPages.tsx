import { Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../hooks/useMe';
import { PasswordForm } from './PasswordForm';
import { TotpDisable, TotpEnrol } from './TotpEnrol';

/** 修改密码 from the user menu, inside the console. */
export function AccountPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      <PasswordForm onDone={() => navigate('/')} />
    </Card>
  );
}

/** 绑定动态验证码 from the user menu, inside the console. */
export function AccountTotpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 480 }}>
      <Card title={t('totp.title')}>
        <TotpEnrol rebind={me.totpEnabled} onDone={() => navigate('/')} />
      </Card>
      {me.totpEnabled && !me.totpRequired && (
        <Card title={t('totp.disable')}>
          <TotpDisable onDone={() => navigate('/')} />
        </Card>
      )}
    </Flex>
  );
}
