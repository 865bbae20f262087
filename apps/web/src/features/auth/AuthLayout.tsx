import { Card, Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../components/DemoBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSystemInfo } from '../../hooks/useSystemInfo';

/** The frame of the pages before the console: login, forced password change, TOTP enrolment. */
export function AuthLayout({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const info = useSystemInfo();
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      {info.data?.demo && <DemoBanner />}
      <Flex justify="flex-end" style={{ padding: '12px 24px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" style={{ padding: '24px 16px 48px' }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ marginBottom: 24 }}>
          {info.data?.name ?? t('app.tagline')}
        </Typography.Text>
        <Card title={title} style={{ width: '100%', maxWidth: 420 }}>
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
