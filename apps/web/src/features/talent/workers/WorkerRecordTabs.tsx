import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DictTag } from '../../../components/DictTag';
import { formatFen, orDash } from '../../../utils/format';
import { fetchSessions, SUPERVISION_KEY } from '../development/supervision.api';
import { EXAMS_KEY, fetchExams } from '../exams/exams.api';
import type { ExamRegistration, SupervisionSession } from '../talent.types';

/** 考试记录: the worker's exam registrations, newest first. */
export function WorkerExamsTab({ workerId }: { workerId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [EXAMS_KEY, { workerId }],
    queryFn: () => fetchExams({ workerId, page: 1, pageSize: 100 }),
  });
  return (
    <Table<ExamRegistration>
      size="small"
      rowKey="id"
      pagination={false}
      loading={query.isLoading}
      dataSource={query.data?.rows ?? []}
      columns={[
        { title: t('exam.year'), dataIndex: 'year' },
        {
          title: t('exam.level'),
          dataIndex: 'level',
          render: (v: string) => <DictTag dict="qualification_level" value={v} />,
        },
        {
          title: t('exam.result'),
          dataIndex: 'result',
          render: (v: string) => <DictTag dict="exam_result" value={v} />,
        },
        { title: t('exam.resultOn'), dataIndex: 'resultOn', render: (v: string | null) => orDash(v) },
        { title: t('exam.sponsor'), dataIndex: ['sponsor', 'name'], render: (v?: string) => orDash(v) },
        {
          title: t('exam.reimbursed'),
          dataIndex: 'reimbursedFen',
          align: 'right',
          render: (v: number) => formatFen(v),
        },
        {
          title: t('exam.certificate'),
          dataIndex: 'certificate',
          render: (c: ExamRegistration['certificate']) =>
            c ? c.numberPending ? <Tag color="warning">{t('qualification.numberPending')}</Tag> : c.certificateNo : '-',
        },
      ]}
    />
  );
}

/** 督导记录: the sessions the worker attended as a supervisee. */
export function WorkerSupervisionTab({ workerId }: { workerId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [SUPERVISION_KEY, { workerId }],
    queryFn: () => fetchSessions({ workerId, page: 1, pageSize: 100 }),
  });
  return (
    <Table<SupervisionSession>
      size="small"
      rowKey="id"
      pagination={false}
      loading={query.isLoading}
      dataSource={query.data?.rows ?? []}
      columns={[
        { title: t('supervision.heldOn'), dataIndex: 'heldOn' },
        { title: t('supervision.supervisor'), dataIndex: ['supervisor', 'name'] },
        {
          title: t('supervision.mode'),
          dataIndex: 'mode',
          render: (v: string) => <DictTag dict="supervision_mode" value={v} />,
        },
        { title: t('supervision.hours'), dataIndex: 'hours', align: 'right' },
        {
          title: t('supervision.topics'),
          dataIndex: 'topics',
          render: (v: string[]) => (v.length ? v.join(t('network.separator')) : '-'),
        },
      ]}
    />
  );
}
