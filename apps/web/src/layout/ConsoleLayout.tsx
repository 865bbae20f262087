import { Flex, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useCurrentUser } from '../hooks/useMe';
import { useSystemInfo } from '../hooks/useSystemInfo';
import { menuGroupOf, useMenuItems } from './menu';
import { UserMenu } from './UserMenu';

/** The console: side menu from the user's permissions, header, demo banner, the page. */
export default function ConsoleLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const info = useSystemInfo();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMenuItems();
  const group = menuGroupOf(pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(group ? [group] : []);
  // Opening a page from a link (not the menu) opens its menu group too.
  useEffect(() => {
    if (group) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
  }, [group]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
        <Flex
          align="center"
          justify="center"
          style={{ height: 64, color: '#fff', fontSize: collapsed ? 18 : 20, fontWeight: 600 }}
        >
          {collapsed ? t('app.short') : t('app.name')}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[pathname]}
          {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          items={items}
          aria-label={t('menu.label')}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} ellipsis>
            {info.data?.name ?? t('app.name')}
          </Typography.Text>
          <Flex align="center" gap={16}>
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Layout.Header>
        {(me.isDemo || info.data?.demo) && <DemoBanner />}
        <Layout.Content style={{ margin: 16 }}>
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
