import { DatePicker, Form, Input, InputNumber, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ExportButton } from '../../../components/ExchangeButtons';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useListQuery } from '../../../hooks/useListQuery';
import { orDash, todayInChina, toDay } from '../../../utils/format';
import type { TrainingRecord, Worker } from '../talent.types';
import { DepartureModal } from '../workers/DepartureModal';
import { WorkerDetailDrawer } from '../workers/WorkerDetailDrawer';
import { WorkerFormModal } from '../workers/WorkerFormModal';
import { fetchTrainingRecords, type TrainingFilters, TRAININGS_KEY } from './trainings.api';

type SearchValues = Omit<TrainingFilters, 'from' | 'to'> & { range?: [Dayjs, Dayjs] };
type Dialog = { kind: 'detail'; id: string } | { kind: 'edit' | 'leave'; worker: Worker } | null;

/** 培训记录: the trainings of every worker in scope (培训记录台账), each name opening the worker's record. */
export default function TrainingsPage() {
  const { t } = useTranslation();
  const list = useListQuery<TrainingFilters, TrainingRecord>(TRAININGS_KEY, fetchTrainingRecords);
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<TrainingRecord> = [
    {
      title: t('worker.name'),
      dataIndex: ['worker', 'name'],
      fixed: 'left',
      render: (name: string, r) => (
        <Typography.Link
          title={t('training.openWorker', { name })}
          onClick={() => setDialog({ kind: 'detail', id: r.worker.id })}
        >
          {name}
        </Typography.Link>
      ),
    },
    { title: t('training.workRegion'), dataIndex: ['worker', 'regionName'] },
    { title: t('training.course'), dataIndex: 'course' },
    { title: t('training.provider'), dataIndex: 'provider', render: (v: string) => orDash(v) },
    {
      title: t('training.dates'),
      key: 'dates',
      render: (_, r) => (r.startedOn === r.endedOn ? r.startedOn : `${r.startedOn} ~ ${r.endedOn}`),
    },
    { title: t('training.hours'), dataIndex: 'hours', align: 'right' },
    { title: t('training.credits'), dataIndex: 'credits', align: 'right', render: (v: number | null) => orDash(v) },
    { title: t('training.certificateNo'), dataIndex: 'certificateNo', render: (v: string) => orDash(v) },
  ];

  return (
    <PageContainer
      title={t('menu.trainings')}
      search={
        <SearchForm<SearchValues>
          onSearch={({ range, ...rest }) =>
            list.search({
              ...rest,
              ...(range ? { from: toDay(range[0]) ?? undefined, to: toDay(range[1]) ?? undefined } : {}),
            })
          }
        >
          <Form.Item name="workerName" label={t('worker.name')}>
            <Input allowClear placeholder={t('worker.qPlaceholder')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('training.workRegion')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="year" label={t('training.year')} tooltip={t('training.yearHint')}>
            <InputNumber min={2000} max={todayInChina().year()} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="course" label={t('training.course')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="provider" label={t('training.provider')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="range" label={t('training.dates')}>
            <DatePicker.RangePicker />
          </Form.Item>
        </SearchForm>
      }
      toolbar={<ExportButton url="/api/v1/trainings/export" permission="talent:worker:export" filters={list.filters} />}
    >
      <DataTable<TrainingRecord>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'detail' && (
        <WorkerDetailDrawer
          id={dialog.id}
          onClose={() => setDialog(null)}
          onEdit={(worker) => setDialog({ kind: 'edit', worker })}
          onLeave={(worker) => setDialog({ kind: 'leave', worker })}
        />
      )}
      {dialog?.kind === 'edit' && <WorkerFormModal worker={dialog.worker} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'leave' && <DepartureModal worker={dialog.worker} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
