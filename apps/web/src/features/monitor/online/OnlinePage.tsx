import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { showProblem } from '../../../api/problem';
import type { OnlineSession } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { PageContainer } from '../../../components/PageContainer';
import { type PageParams, useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';

const KEY = 'online-sessions';
const fetchSessions = (query: PageParams) => unwrap(api.GET('/api/v1/online-sessions', { params: { query } }));

/** 在线用户, with 强退 (force offline: the session is revoked at once). */
export default function OnlinePage() {
  const { t } = useTranslation();
  const can = usePermission();
  const queryClient = useQueryClient();
  const list = useListQuery<object, OnlineSession>(KEY, fetchSessions);
  const kick = useMutation({
    mutationFn: (handle: string) =>
      unwrap(api.DELETE('/api/v1/online-sessions/{handle}', { params: { path: { handle } } })),
    onSuccess: () => {
      feedback.message.success(t('online.kicked'));
      queryClient.invalidateQueries({ queryKey: [KEY] });
    },
    onError: showProblem,
  });

  const columns: ColumnsType<OnlineSession> = [
    {
      title: t('online.username'),
      dataIndex: 'username',
      render: (v: string, s) => (
        <>
          {v} {s.current && <Tag color="green">{t('online.current')}</Tag>}
        </>
      ),
    },
    { title: t('online.displayName'), dataIndex: 'displayName' },
    { title: t('online.ip'), dataIndex: 'ip' },
    {
      title: t('online.userAgent'),
      dataIndex: 'userAgent',
      width: 280,
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('online.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('online.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        can('monitor:online:force-logout') &&
        !s.current && (
          <Popconfirm
            title={t('online.kickConfirm', { name: s.displayName || s.username })}
            onConfirm={() => kick.mutateAsync(s.handle).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('online.kick')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.online')}
      toolbar={<Button onClick={() => list.query.refetch()}>{t('common.refresh')}</Button>}
    >
      <DataTable<OnlineSession>
        rowKey="handle"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
    </PageContainer>
  );
}
