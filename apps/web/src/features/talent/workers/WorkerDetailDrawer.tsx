import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Skeleton, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DictTag } from '../../../components/DictTag';
import { useDict } from '../../../hooks/useDict';
import { formatDateTime, orDash } from '../../../utils/format';
import { TrainingsPanel } from '../development/TrainingsPanel';
import type { Worker } from '../talent.types';
import { EmploymentsTab, StationAssignmentsTab } from './HistoryTabs';
import { MaskedPii } from './MaskedPii';
import { QualificationsTab } from './QualificationsTab';
import { WorkerExamsTab, WorkerSupervisionTab } from './WorkerRecordTabs';
import { fetchWorker, WORKERS_KEY } from './workers.api';

interface Props {
  id: string;
  onClose: () => void;
  onEdit: (worker: Worker) => void;
  onLeave: (worker: Worker) => void;
}

/** 人才详情: the person, their history, certificates, exams, trainings and supervision, one tab each. */
export function WorkerDetailDrawer({ id, onClose, onEdit, onLeave }: Props) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: [WORKERS_KEY, 'detail', id], queryFn: () => fetchWorker(id) });
  const educations = useDict('talent_education');
  const w = detail.data;

  return (
    <Drawer
      open
      size="large"
      title={w ? w.name : t('worker.detail')}
      onClose={onClose}
      extra={
        w && (
          <Space>
            {w.abilities.update && <Button onClick={() => onEdit(w)}>{t('common.edit')}</Button>}
            {w.abilities.update && w.status === 'active' && (
              <Button danger onClick={() => onLeave(w)}>
                {t('worker.leave')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!w ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('worker.tabs.basic'),
              children: (
                <Descriptions column={2} bordered size="small">
                  <Descriptions.Item label={t('worker.sex')}>
                    <DictTag dict="sys_user_sex" value={w.sex} />
                  </Descriptions.Item>
                  <Descriptions.Item
                    label={w.birthDate || w.birthYear == null ? t('worker.birthDate') : t('worker.birthYear')}
                  >
                    {w.birthDate
                      ? w.birthDate
                      : w.birthYear != null
                        ? t('worker.yearValue', { year: w.birthYear })
                        : orDash(null)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.idNumber')}>
                    <MaskedPii worker={w} field="idNumber" />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.phone')}>
                    <MaskedPii worker={w} field="phone" />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.education')}>
                    {orDash(educations.find(w.education)?.text ?? w.education)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.major')}>{orDash(w.major)}</Descriptions.Item>
                  <Descriptions.Item label={t('worker.category')}>
                    <DictTag dict="talent_category" value={w.category} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.currentLevel')}>
                    {w.currentLevel ? (
                      <DictTag dict="qualification_level" value={w.currentLevel} />
                    ) : (
                      t('worker.levelNone')
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.region')}>{w.regionName}</Descriptions.Item>
                  <Descriptions.Item label={t('worker.organization')}>{orDash(w.organization?.name)}</Descriptions.Item>
                  <Descriptions.Item label={t('worker.jobTitle')}>{orDash(w.jobTitle)}</Descriptions.Item>
                  <Descriptions.Item label={t('worker.station')}>{orDash(w.station?.name)}</Descriptions.Item>
                  <Descriptions.Item label={t('worker.status')}>
                    <DictTag dict="talent_worker_status" value={w.status} />
                  </Descriptions.Item>
                  <Descriptions.Item label={w.status === 'left' ? t('worker.leftOn') : t('worker.joinedOn')}>
                    {w.status === 'left' ? orDash(w.leftOn) : w.joinedOn}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.positions')} span={2}>
                    {w.positions.length
                      ? w.positions.map((p) => (
                          <Typography.Paragraph key={`${p.id}-${p.startedOn}`} style={{ margin: 0 }}>
                            {p.title}（{p.startedOn} ~ {p.endedOn ?? t('worker.present')}）
                          </Typography.Paragraph>
                        ))
                      : '-'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('worker.note')} span={2}>
                    {orDash(w.note)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('common.updatedAt')} span={2}>
                    {formatDateTime(w.updatedAt)}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            { key: 'employments', label: t('worker.tabs.employments'), children: <EmploymentsTab worker={w} /> },
            { key: 'stations', label: t('worker.tabs.stations'), children: <StationAssignmentsTab worker={w} /> },
            {
              key: 'qualifications',
              label: t('worker.tabs.qualifications'),
              children: <QualificationsTab worker={w} />,
            },
            { key: 'exams', label: t('worker.tabs.exams'), children: <WorkerExamsTab workerId={w.id} /> },
            { key: 'trainings', label: t('worker.tabs.trainings'), children: <TrainingsPanel worker={w} /> },
            {
              key: 'supervision',
              label: t('worker.tabs.supervision'),
              children: <WorkerSupervisionTab workerId={w.id} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
