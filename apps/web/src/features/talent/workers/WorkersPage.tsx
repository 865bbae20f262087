import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { orDash } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import { StationSelect } from '../shared/StationSelect';
import type { Worker } from '../talent.types';
import { DepartureModal } from './DepartureModal';
import { MaskedPii } from './MaskedPii';
import { WorkerDetailDrawer } from './WorkerDetailDrawer';
import { WorkerFormModal } from './WorkerFormModal';
import { fetchWorkers, WORKERS_KEY, type WorkerFilters } from './workers.api';
import { WorkersImportButton } from './WorkersImportButton';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'leave'; worker: Worker } | { kind: 'detail'; id: string } | null;

/** 人才库: the register of social-work talent in the user's scope, ID number and phone masked. */
export default function WorkersPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<WorkerFilters, Worker>(WORKERS_KEY, fetchWorkers, { status: 'active' });
  const categories = useDict('talent_category');
  const levels = useDict('qualification_level');
  const statuses = useDict('talent_worker_status');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<Worker> = [
    {
      title: t('worker.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, w) => (
        <Typography.Link onClick={() => setDialog({ kind: 'detail', id: w.id })}>{name}</Typography.Link>
      ),
    },
    { title: t('worker.sex'), dataIndex: 'sex', render: (v: string) => <DictTag dict="sys_user_sex" value={v} /> },
    { title: t('worker.idNumber'), dataIndex: 'idNumber', render: (_, w) => <MaskedPii worker={w} field="idNumber" /> },
    { title: t('worker.phone'), dataIndex: 'phone', render: (_, w) => <MaskedPii worker={w} field="phone" /> },
    {
      title: t('worker.category'),
      dataIndex: 'category',
      render: (v: string) => <DictTag dict="talent_category" value={v} />,
    },
    {
      title: t('worker.currentLevel'),
      dataIndex: 'currentLevel',
      render: (v: string | null) =>
        v ? (
          <DictTag dict="qualification_level" value={v} />
        ) : (
          <Typography.Text type="secondary">{t('worker.levelNone')}</Typography.Text>
        ),
    },
    { title: t('worker.region'), dataIndex: 'regionName' },
    {
      title: t('worker.organization'),
      dataIndex: 'organization',
      render: (o: Worker['organization']) => orDash(o?.name),
    },
    { title: t('worker.station'), dataIndex: 'station', render: (s: Worker['station']) => orDash(s?.name) },
    { title: t('worker.jobTitle'), dataIndex: 'jobTitle', render: (v: string) => orDash(v) },
    {
      title: t('worker.status'),
      dataIndex: 'status',
      render: (v: string) => <DictTag dict="talent_worker_status" value={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, w) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'detail', id: w.id })}>
            {t('common.view')}
          </Button>
          {w.abilities.update && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', worker: w })}>
              {t('common.edit')}
            </Button>
          )}
          {w.abilities.update && w.status === 'active' && (
            <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'leave', worker: w })}>
              {t('worker.leave')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.workers')}
      search={
        <SearchForm<WorkerFilters> onSearch={list.search} initialValues={{ status: 'active' }}>
          <Form.Item name="q" label={t('worker.name')}>
            <Input allowClear placeholder={t('worker.qPlaceholder')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('worker.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="category" label={t('worker.category')}>
            <Select allowClear options={categories.options} style={{ width: 200 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="level" label={t('worker.currentLevel')}>
            <Select
              allowClear
              options={[...levels.options, { value: 'none', label: t('worker.levelNone') }]}
              style={{ width: 160 }}
              placeholder={t('common.all')}
            />
          </Form.Item>
          <Form.Item name="organizationId" label={t('worker.organization')}>
            <OrganizationSelect />
          </Form.Item>
          <Form.Item name="stationId" label={t('worker.station')}>
            <StationSelect />
          </Form.Item>
          <Form.Item name="status" label={t('worker.status')}>
            <Select allowClear options={statuses.options} style={{ width: 110 }} placeholder={t('common.all')} />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        <Space>
          <WorkersImportButton filters={list.filters} invalidate={[WORKERS_KEY]} />
          {can('talent:worker:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('common.create')}
            </Button>
          )}
        </Space>
      }
    >
      <DataTable<Worker>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <WorkerFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <WorkerFormModal worker={dialog.worker} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'leave' && <DepartureModal worker={dialog.worker} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'detail' && (
        <WorkerDetailDrawer
          id={dialog.id}
          onClose={() => setDialog(null)}
          onEdit={(worker) => setDialog({ kind: 'edit', worker })}
          onLeave={(worker) => setDialog({ kind: 'leave', worker })}
        />
      )}
    </PageContainer>
  );
}
