import { Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../hooks/useMe';
import { CONSOLE_ROUTES } from '../../layout/routes';
import { groupLabel, groupPermissions, permissionLabel } from '../../utils/permissions';

const PAGE_LABELS: Record<
  string,
  | 'menu.users'
  | 'menu.roles'
  | 'menu.regions'
  | 'menu.dicts'
  | 'menu.params'
  | 'menu.online'
  | 'menu.operationLog'
  | 'menu.loginLog'
> = {
  '/system/users': 'menu.users',
  '/system/roles': 'menu.roles',
  '/system/regions': 'menu.regions',
  '/system/dicts': 'menu.dicts',
  '/system/params': 'menu.params',
  '/monitor/online': 'menu.online',
  '/logs/operation': 'menu.operationLog',
  '/logs/login': 'menu.loginLog',
};

/** 首页: who you are, where you may look, what you may do. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const english = i18n.language === 'en-US';
  const pages = CONSOLE_ROUTES.filter(
    (r) => r.permission && me.permissions.includes(r.permission) && PAGE_LABELS[r.path],
  );
  const groups = groupPermissions(me.permissions).flatMap((m) => m.groups);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('home.welcome', { name: me.displayName })}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t('home.region')}>{me.regionName || t('region.nationwide')}</Descriptions.Item>
            <Descriptions.Item label={t('home.roles')}>
              <Space wrap size={[4, 4]}>
                {me.roles.map((r) => (
                  <Tag color="blue" key={r.code}>
                    {english ? r.nameEn || r.name : r.name}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.scopes')}>
              <Space wrap size={[4, 4]}>
                {me.scopes.map((s) => (
                  <Tag key={s.code}>{s.code === '' ? t('region.nationwide') : `${s.name} (${s.code})`}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.totp')}>
              {me.totpEnabled ? t('home.totpOn') : t('home.totpOff')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('home.abilities')}>
          {groups.length === 0 && <Typography.Text type="secondary">{t('home.nothing')}</Typography.Text>}
          <Flex vertical gap={8}>
            {groups.map((g) => (
              <div key={g.group}>
                <Typography.Text strong>{groupLabel(t, g.group)}</Typography.Text>
                <div>
                  {g.codes.map((c) => (
                    <Tag key={c} style={{ marginTop: 4 }}>
                      {permissionLabel(t, c)}
                    </Tag>
                  ))}
                </div>
              </div>
            ))}
          </Flex>
          {pages.length > 0 && (
            <Flex wrap gap={8} style={{ marginTop: 16 }}>
              {pages.map((p) => (
                <Link key={p.path} to={p.path}>
                  {t(PAGE_LABELS[p.path]!)}
                </Link>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}
