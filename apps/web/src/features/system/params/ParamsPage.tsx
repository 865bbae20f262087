import { useQuery } from '@tanstack/react-query';
import { Button, Card, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { Param } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { usePermission } from '../../../hooks/usePermission';
import { formatDateTime } from '../../../utils/format';
import { ParamEditModal } from './ParamEditModal';

/** 参数设置. Security parameters (lock-out, session timeouts, retention) need system:security:edit. */
export default function ParamsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const params = useQuery({
    queryKey: ['params'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/params'))).rows,
  });
  const [editing, setEditing] = useState<Param | null>(null);
  const english = i18n.language === 'en-US';
  const canEdit = (p: Param) => can(p.security ? 'system:security:edit' : 'system:param:edit');

  const columns: ColumnsType<Param> = [
    { title: t('params.name'), dataIndex: 'name', render: (_, p) => (english ? p.nameEn || p.name : p.name) },
    { title: t('params.key'), dataIndex: 'key' },
    { title: t('params.value'), dataIndex: 'value' },
    {
      title: t('params.type'),
      dataIndex: 'security',
      render: (s: boolean, p) => (
        <>
          {s && <Tag color="red">{t('params.security')}</Tag>}
          {p.builtin && <Tag color="gold">{t('common.builtin')}</Tag>}
        </>
      ),
    },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, p) =>
        canEdit(p) && (
          <Button type="link" size="small" onClick={() => setEditing(p)}>
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('menu.params')}>
      <DataTable<Param>
        rowKey="key"
        columns={columns}
        rows={params.data ?? []}
        loading={params.isFetching}
        pagination={false}
      />
      {editing && <ParamEditModal param={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
