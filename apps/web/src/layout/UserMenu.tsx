import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../features/auth/auth.api';
import { useCurrentUser } from '../hooks/useMe';

/** The user's name in the header, with 修改密码, 绑定动态验证码 and 退出登录. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
          { key: 'totp', icon: <SafetyCertificateOutlined />, label: t('header.bindTotp') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'password') navigate('/account/password');
          else if (key === 'totp') navigate('/account/totp');
          else logout.mutate();
        },
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {me.displayName} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
