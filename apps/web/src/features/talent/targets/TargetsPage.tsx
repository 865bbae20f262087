import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Popconfirm, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import { DataTable } from '../../../components/DataTable';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { formatCount } from '../stats/format';
import { TargetFormModal } from './TargetFormModal';
import { TargetProgressDrawer } from './TargetProgressDrawer';
import { fetchTargets, METRICS, type Target, TARGETS_KEY, type TargetFilters, useTargetMutations } from './targets.api';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; target: Target }
  | { kind: 'split'; parent: Target }
  | { kind: 'progress'; target: Target }
  | null;

/** 目标管理: a department's talent targets, split down the hierarchy, each with its progress. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<TargetFilters, Target>(TARGETS_KEY, fetchTargets);
  const { remove } = useTargetMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const metricOf = (r: Target) =>
    `${t(`tstats.metric.${r.metric}`)}${r.level ? `（${t(`tstats.level.${r.level}`)}）` : ''}`;

  const columns: ColumnsType<Target> = [
    { title: t('tstats.region'), dataIndex: 'regionName', fixed: 'left' },
    {
      title: t('tstats.targets.metric'),
      key: 'metric',
      render: (_, r) => (
        <Typography.Link onClick={() => setDialog({ kind: 'progress', target: r })}>{metricOf(r)}</Typography.Link>
      ),
    },
    { title: t('tstats.targets.value'), dataIndex: 'value', align: 'right', render: (v: number) => formatCount(v) },
    { title: t('tstats.targets.dueOn'), dataIndex: 'dueOn' },
    {
      title: t('tstats.targets.baseline'),
      key: 'baseline',
      render: (_, r) => (r.baselineValue === null ? '-' : `${formatCount(r.baselineValue)}（${r.baselineOn}）`),
    },
    {
      title: t('tstats.targets.parent'),
      key: 'parent',
      render: (_, r) => (r.parent ? `${r.parent.regionName} ${formatCount(r.parent.value)}` : '-'),
    },
    {
      title: t('tstats.targets.split'),
      key: 'split',
      render: (_, r) =>
        r.shares.count ? t('tstats.targets.splitOf', { count: r.shares.count, sum: formatCount(r.shares.sum) }) : '-',
    },
    { title: t('tstats.targets.source'), dataIndex: 'source', render: (v: string) => v || '-' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'progress', target: r })}>
            {t('tstats.targets.progress')}
          </Button>
          {r.abilities.edit && (
            <>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', target: r })}>
                {t('common.edit')}
              </Button>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'split', parent: r })}>
                {t('tstats.targets.splitAction')}
              </Button>
              <Popconfirm
                title={t('tstats.targets.deleteConfirm', { name: r.regionName })}
                onConfirm={() =>
                  remove.mutateAsync(r.id).then(() => feedback.message.success(t('common.deleted')), showProblem)
                }
              >
                <Button type="link" size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.targets')}
      search={
        <SearchForm<TargetFilters> onSearch={list.search}>
          <Form.Item name="regionCode" label={t('tstats.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="metric" label={t('tstats.targets.metric')}>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('common.all')}
              options={METRICS.map((m) => ({ value: m, label: t(`tstats.metric.${m}`) }))}
            />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        can('talent:target:edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('tstats.targets.create')}
          </Button>
        )
      }
    >
      <DataTable<Target>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <TargetFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <TargetFormModal target={dialog.target} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'split' && <TargetFormModal parent={dialog.parent} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'progress' && <TargetProgressDrawer target={dialog.target} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
