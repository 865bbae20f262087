import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Form, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../../hooks/usePermission';
import { WorkerSelect } from '../shared/WorkerSelect';
import { fetchWorker, WORKERS_KEY } from '../workers/workers.api';
import { SupervisionTab } from './SupervisionTab';
import { TrainingsPanel } from './TrainingsPanel';

/** 培训记录: pick a worker of the register, see and record their trainings and yearly hours. */
function TrainingsTab() {
  const { t } = useTranslation();
  const [workerId, setWorkerId] = useState<string | null>(null);
  const worker = useQuery({
    queryKey: [WORKERS_KEY, 'detail', workerId],
    queryFn: () => fetchWorker(workerId ?? ''),
    enabled: !!workerId,
  });
  return (
    <Flex vertical gap={16}>
      <Form layout="inline">
        <Form.Item label={t('training.worker')} htmlFor="training-worker">
          <WorkerSelect id="training-worker" value={workerId} onChange={setWorkerId} />
        </Form.Item>
      </Form>
      {worker.data ? <TrainingsPanel worker={worker.data} /> : <Empty description={t('training.pickWorker')} />}
    </Flex>
  );
}

/** 培训督导: continuing development — trainings per worker, and the supervision sessions. */
export default function DevelopmentPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const items = [
    ...(can('talent:worker:list')
      ? [{ key: 'trainings', label: t('development.trainings'), children: <TrainingsTab /> }]
      : []),
    { key: 'supervision', label: t('development.supervision'), children: <SupervisionTab /> },
  ];
  return (
    <Card title={t('menu.development')}>
      <Tabs items={items} />
    </Card>
  );
}
