import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictTag } from '../../../components/DictTag';
import { orDash } from '../../../utils/format';
import type { Training, Trainings, Worker } from '../talent.types';
import { fetchTrainings, WORKERS_KEY } from '../workers/workers.api';
import { TrainingFormModal } from './TrainingFormModal';

type Year = Trainings['hoursByYear'][number];

/** One worker's trainings and their continuing-education hours per year against the level's requirement. */
export function TrainingsPanel({ worker }: { worker: Pick<Worker, 'id' | 'name' | 'abilities' | 'status'> }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [WORKERS_KEY, 'trainings', worker.id], queryFn: () => fetchTrainings(worker.id) });
  const [dialog, setDialog] = useState<{ training?: Training } | null>(null);
  const editable = worker.abilities.recordTraining;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('training.hoursByYear')}
        </Typography.Title>
        {editable && worker.status === 'active' && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('training.add')}
          </Button>
        )}
      </Flex>
      <Table<Year>
        size="small"
        rowKey="year"
        pagination={false}
        loading={query.isLoading}
        dataSource={query.data?.hoursByYear ?? []}
        columns={[
          { title: t('training.year'), dataIndex: 'year' },
          { title: t('training.trainingHours'), dataIndex: 'training', align: 'right' },
          { title: t('training.supervisionHours'), dataIndex: 'supervision', align: 'right' },
          { title: t('training.totalHours'), dataIndex: 'total', align: 'right' },
          {
            title: t('training.level'),
            dataIndex: 'level',
            render: (v: string | null) => (v ? <DictTag dict="qualification_level" value={v} /> : '-'),
          },
          {
            title: t('training.required'),
            dataIndex: 'required',
            render: (v: number | null, y) =>
              v === null ? (
                '-'
              ) : (
                <Tag color={y.total >= v ? 'success' : 'warning'}>
                  {t(y.total >= v ? 'training.met' : 'training.short', { required: v })}
                </Tag>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: '12px 0 0' }}>
        {t('training.records')}
      </Typography.Title>
      <Table<Training>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={query.isLoading}
        dataSource={query.data?.rows ?? []}
        columns={[
          { title: t('training.course'), dataIndex: 'course' },
          { title: t('training.provider'), dataIndex: 'provider', render: (v: string) => orDash(v) },
          {
            title: t('training.dates'),
            key: 'dates',
            render: (_, r) => (r.startedOn === r.endedOn ? r.startedOn : `${r.startedOn} ~ ${r.endedOn}`),
          },
          { title: t('training.hours'), dataIndex: 'hours', align: 'right' },
          {
            title: t('training.credits'),
            dataIndex: 'credits',
            align: 'right',
            render: (v: number | null) => orDash(v),
          },
          { title: t('training.certificateNo'), dataIndex: 'certificateNo', render: (v: string) => orDash(v) },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: Training) => (
                    <Button type="link" size="small" onClick={() => setDialog({ training: r })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog && <TrainingFormModal worker={worker} training={dialog.training} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
