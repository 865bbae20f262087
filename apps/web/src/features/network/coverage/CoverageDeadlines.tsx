import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import type { CoverageDeadline } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { CoverageBar } from './CoverageFigures';
import { DEADLINES_KEY, type DeadlineFilters, fetchDeadlines, useDeadlineMutations } from './coverage.api';
import { DeadlineFormModal } from './DeadlineFormModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; deadline: CoverageDeadline } | null;

/** 覆盖目标: deadlines a department set for full coverage ("all towns of 和平区 by 2022-06-30"), judged met / at risk / missed. */
export function CoverageDeadlines({ regionCode }: { regionCode?: string }) {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<DeadlineFilters, CoverageDeadline>(
    DEADLINES_KEY,
    fetchDeadlines,
    regionCode ? { regionCode } : {},
  );
  const { remove } = useDeadlineMutations();
  const [dialog, setDialog] = useState<Dialog>(null);

  const daysText = (d: CoverageDeadline) => {
    if (d.status === 'met') return '-';
    return d.daysLeft < 0
      ? t('coverage.deadline.overdue', { count: -d.daysLeft })
      : t('coverage.deadline.daysLeft', { count: d.daysLeft });
  };

  const columns: ColumnsType<CoverageDeadline> = [
    { title: t('coverage.region'), dataIndex: 'regionName' },
    {
      title: t('coverage.deadline.kind'),
      dataIndex: 'kind',
      render: (v: string) => <DictTag dict="coverage_deadline_kind" value={v} />,
    },
    { title: t('coverage.deadline.dueOn'), dataIndex: 'dueOn' },
    {
      title: t('coverage.deadline.progress'),
      key: 'progress',
      render: (_, d) => (d.total ? `${d.covered} / ${d.total}` : '-'),
    },
    {
      title: t('coverage.deadline.ratio'),
      key: 'ratio',
      render: (_, d) => <CoverageBar size="small" covered={d.covered} total={d.total} ratio={d.ratio} />,
    },
    {
      title: t('coverage.deadline.status'),
      dataIndex: 'status',
      render: (v: string) => <DictTag dict="coverage_deadline_status" value={v} />,
    },
    {
      title: t('coverage.deadline.daysLeftLabel'),
      key: 'daysLeft',
      render: (_, d) => (
        <Typography.Text type={d.status === 'missed' ? 'danger' : d.status === 'at_risk' ? 'warning' : undefined}>
          {daysText(d)}
        </Typography.Text>
      ),
    },
    { title: t('common.remark'), dataIndex: 'note', render: (v: string) => v || '-' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, d) =>
        d.abilities.edit ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', deadline: d })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('coverage.deadline.deleteConfirm', { name: d.regionName })}
              onConfirm={() =>
                remove.mutateAsync(d.id).then(() => feedback.message.success(t('common.deleted')), showProblem)
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('coverage.deadline.title')}
      extra={
        can('network:deadline:edit') && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <DataTable<CoverageDeadline>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <DeadlineFormModal regionCode={regionCode} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <DeadlineFormModal deadline={dialog.deadline} onClose={() => setDialog(null)} />}
    </Card>
  );
}
