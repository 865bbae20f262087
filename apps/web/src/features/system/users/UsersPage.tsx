import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import type { User } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { PageContainer } from '../../../components/PageContainer';
import { PiiReveal } from '../../../components/PiiReveal';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { formatDateTime, orDash } from '../../../utils/format';
import { AssignRolesModal } from './AssignRolesModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { fetchUsers, revealPhone, type UserFilters, USERS_KEY, useUserMutations } from './users.api';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'roles'; user: User } | null;

/** 用户管理. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const list = useListQuery<UserFilters, User>(USERS_KEY, fetchUsers);
  const status = useDict('sys_normal_disable');
  const { unlock, resetTotp } = useUserMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const english = i18n.language === 'en-US';

  const columns: ColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', fixed: 'left' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.region'), dataIndex: 'regionName', render: (v: string) => v || t('region.nationwide') },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: User['roles']) => (
        <Space wrap size={[0, 4]}>
          {roles.map((r) => (
            <Tag key={r.id} color="blue">
              {english ? r.nameEn || r.name : r.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.phone'),
      dataIndex: 'phone',
      render: (phone: string | null, u) => (
        <Space size={0}>
          <span>{orDash(phone)}</span>
          {phone && u.abilities.revealPhone && (
            <PiiReveal
              title={t('users.phone')}
              buttonTitle={t('users.revealPhoneOf', { name: u.displayName })}
              reveal={() => revealPhone(u)}
            />
          )}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (v: string, u) => (
        <Space size={0}>
          <DictTag dict="sys_normal_disable" value={v} />
          {u.locked && <Tag color="warning">{t('users.locked')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          {u.abilities.update && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          )}
          {u.abilities.resetPassword && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
              {t('users.resetPassword')}
            </Button>
          )}
          {u.abilities.assignRole && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user: u })}>
              {t('users.assignRole')}
            </Button>
          )}
          {u.abilities.resetTotp && (
            <Popconfirm
              title={t('users.resetTotpConfirm', { name: u.displayName })}
              onConfirm={() =>
                resetTotp.mutateAsync(u.id).then(
                  () => feedback.message.success(t('users.totpReset')),
                  (err) => showProblem(err),
                )
              }
            >
              <Button type="link" size="small">
                {t('users.resetTotp')}
              </Button>
            </Popconfirm>
          )}
          {u.locked && u.abilities.update && (
            <Popconfirm
              title={t('users.unlockConfirm', { name: u.displayName })}
              onConfirm={() =>
                unlock.mutateAsync(u.id).then(
                  () => feedback.message.success(t('users.unlocked')),
                  (err) => showProblem(err),
                )
              }
            >
              <Button type="link" size="small">
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.users')}
      search={
        <SearchForm<UserFilters> onSearch={list.search}>
          <Form.Item name="q" label={t('users.q')}>
            <Input allowClear placeholder={t('users.qPlaceholder')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('users.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="status" label={t('users.status')}>
            <Select allowClear options={status.options} style={{ width: 120 }} placeholder={t('common.all')} />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        can('system:user:create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <DataTable<User>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'roles' && <AssignRolesModal user={dialog.user} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
