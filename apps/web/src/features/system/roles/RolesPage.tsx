import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import type { Role } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { PageContainer } from '../../../components/PageContainer';
import { SearchForm } from '../../../components/SearchForm';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { RoleFormModal } from './RoleFormModal';
import { fetchRoles, ROLES_KEY, useRoleMutations } from './roles.api';

type Dialog = { role?: Role; readOnly?: boolean } | null;

/** 角色管理. Built-in roles are shown read-only. */
export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const list = useListQuery<{ q?: string }, Role>(ROLES_KEY, fetchRoles);
  const { remove } = useRoleMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const english = i18n.language === 'en-US';

  const columns: ColumnsType<Role> = [
    { title: t('roles.code'), dataIndex: 'code' },
    { title: t('roles.name'), dataIndex: 'name', render: (_, r) => (english ? r.nameEn || r.name : r.name) },
    {
      title: t('roles.type'),
      dataIndex: 'builtin',
      render: (b: boolean) => (b ? <Tag color="gold">{t('common.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
    },
    { title: t('roles.permissionCount'), dataIndex: 'permissions', render: (p: string[]) => p.length },
    { title: t('roles.userCount'), dataIndex: 'userCount' },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          {r.builtin || !can('system:role:update') ? (
            <Button type="link" size="small" onClick={() => setDialog({ role: r, readOnly: true })}>
              {t('common.view')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => setDialog({ role: r })}>
              {t('common.edit')}
            </Button>
          )}
          {!r.builtin && can('system:role:delete') && (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: r.name })}
              onConfirm={() =>
                remove.mutateAsync(r.id).then(
                  () => feedback.message.success(t('common.deleted')),
                  (err) => showProblem(err),
                )
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.roles')}
      search={
        <SearchForm<{ q?: string }> onSearch={list.search}>
          <Form.Item name="q" label={t('roles.q')}>
            <Input allowClear placeholder={t('roles.qPlaceholder')} />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        can('system:role:create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <DataTable<Role>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog && <RoleFormModal role={dialog.role} readOnly={dialog.readOnly} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
