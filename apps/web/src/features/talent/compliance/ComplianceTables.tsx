import { Alert, DatePicker, Flex, Form, InputNumber, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromDay, toDay } from '../../../utils/format';
import { formatCount } from '../stats/format';
import {
  type HoursShort,
  type RenewalDue,
  type Unqualified,
  useHoursShort,
  useRenewalDue,
  useUnqualified,
} from './compliance.api';

function usePage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const pagination = (total: number): TablePaginationConfig => ({
    current: page.page,
    pageSize: page.pageSize,
    total,
    showSizeChanger: true,
    onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
  });
  return { page, pagination, reset: () => setPage({ ...page, page: 1 }) };
}

/** 驻站社工未持证, with the deadline (沈阳: every resident worker certified by the end of 2026). */
export function UnqualifiedTable({ region }: { region?: string }) {
  const { t } = useTranslation();
  const { page, pagination, reset } = usePage();
  const [deadline, setDeadline] = useState<string | undefined>();
  const { data, isFetching } = useUnqualified({ ...page, region, deadline });
  return (
    <Flex vertical gap={12}>
      <Form layout="inline">
        <Form.Item label={t('tstats.compliance.deadline')}>
          <DatePicker
            aria-label={t('tstats.compliance.deadline')}
            value={fromDay(deadline ?? data?.deadline)}
            onChange={(d) => {
              reset();
              setDeadline(toDay(d) ?? undefined);
            }}
          />
        </Form.Item>
      </Form>
      {data && (
        <Alert
          type={data.daysLeft < 0 ? 'error' : 'warning'}
          showIcon
          title={`${t('tstats.people', { count: data.total })} · ${data.daysLeft < 0 ? t('tstats.compliance.deadlineOverdue', { count: -data.daysLeft }) : t('tstats.compliance.deadlineLeft', { count: data.daysLeft })}`}
        />
      )}
      <Table<Unqualified['rows'][number]>
        size="small"
        rowKey="workerId"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={pagination(data?.total ?? 0)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tstats.compliance.name'), dataIndex: 'name' },
          { title: t('tstats.compliance.idNumber'), dataIndex: 'idNumber' },
          { title: t('tstats.region'), dataIndex: 'regionName' },
          { title: t('tstats.compliance.station'), key: 'station', render: (_, r) => r.station.name },
          { title: t('tstats.compliance.since'), dataIndex: 'since' },
          {
            title: t('tstats.compliance.latestExam'),
            key: 'exam',
            render: (_, r) =>
              r.latestExam
                ? `${r.latestExam.year} ${t(`tstats.level.${r.latestExam.level}`)} ${t(`tstats.compliance.examResult.${r.latestExam.result as 'pending'}`)}`
                : t('tstats.compliance.noExam'),
          },
        ]}
      />
    </Flex>
  );
}

/** 继续教育学时不足: hours of training and supervision received against the level's yearly requirement. */
export function HoursShortTable({ region }: { region?: string }) {
  const { t } = useTranslation();
  const { page, pagination, reset } = usePage();
  const [year, setYear] = useState<number | undefined>();
  const { data, isFetching } = useHoursShort({ ...page, region, year });
  return (
    <Flex vertical gap={12}>
      <Form layout="inline">
        <Form.Item label={t('tstats.compliance.year')}>
          <InputNumber
            aria-label={t('tstats.compliance.year')}
            min={1990}
            max={new Date().getFullYear()}
            value={year ?? data?.year}
            onChange={(v) => {
              reset();
              setYear(v ?? undefined);
            }}
          />
        </Form.Item>
      </Form>
      {data && (
        <Alert
          type="info"
          showIcon
          title={`${t('tstats.people', { count: data.total })} · ${t('tstats.compliance.requirements', data.requirements)}`}
        />
      )}
      <Table<HoursShort['rows'][number]>
        size="small"
        rowKey="workerId"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={pagination(data?.total ?? 0)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tstats.compliance.name'), dataIndex: 'name' },
          { title: t('tstats.compliance.idNumber'), dataIndex: 'idNumber' },
          { title: t('tstats.region'), dataIndex: 'regionName' },
          { title: t('tstats.targets.level'), dataIndex: 'level', render: (l: 'assistant') => t(`tstats.level.${l}`) },
          { title: t('tstats.compliance.training'), dataIndex: 'trainingHours', align: 'right', render: formatCount },
          {
            title: t('tstats.compliance.supervision'),
            dataIndex: 'supervisionHours',
            align: 'right',
            render: formatCount,
          },
          { title: t('tstats.compliance.hours'), dataIndex: 'hours', align: 'right', render: formatCount },
          { title: t('tstats.compliance.required'), dataIndex: 'required', align: 'right', render: formatCount },
          {
            title: t('tstats.compliance.shortBy'),
            dataIndex: 'shortBy',
            align: 'right',
            render: (v: number) => <Tag color="warning">{formatCount(v)}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}

/** 证书登记待续期: registrations ending within N days, and lapsed ones. */
export function RenewalDueTable({ region }: { region?: string }) {
  const { t } = useTranslation();
  const { page, pagination, reset } = usePage();
  const [days, setDays] = useState<number | undefined>();
  const { data, isFetching } = useRenewalDue({ ...page, region, days });
  return (
    <Flex vertical gap={12}>
      <Form layout="inline">
        <Form.Item label={t('tstats.compliance.days')}>
          <InputNumber
            aria-label={t('tstats.compliance.days')}
            min={0}
            max={3650}
            value={days ?? data?.days}
            onChange={(v) => {
              reset();
              setDays(v ?? undefined);
            }}
          />
        </Form.Item>
      </Form>
      <Table<RenewalDue['rows'][number]>
        size="small"
        rowKey="qualificationId"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={pagination(data?.total ?? 0)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tstats.compliance.name'), dataIndex: 'name' },
          { title: t('tstats.compliance.idNumber'), dataIndex: 'idNumber' },
          { title: t('tstats.region'), dataIndex: 'regionName' },
          { title: t('tstats.targets.level'), dataIndex: 'level', render: (l: 'assistant') => t(`tstats.level.${l}`) },
          {
            title: t('tstats.compliance.certificateNo'),
            dataIndex: 'certificateNo',
            render: (v: string | null) => v ?? t('tstats.compliance.pending'),
          },
          {
            title: t('tstats.compliance.registrationNo'),
            dataIndex: 'registrationNo',
            render: (v: string) => v || '-',
          },
          { title: t('tstats.compliance.renewalDueOn'), dataIndex: 'renewalDueOn' },
          {
            title: t('tstats.compliance.daysLeft'),
            key: 'daysLeft',
            render: (_, r) =>
              r.status === 'lapsed' ? (
                <Tag color="error">{t('tstats.compliance.lapsed', { count: -r.daysLeft })}</Tag>
              ) : (
                <Tag color="warning">{t('tstats.compliance.dueIn', { count: r.daysLeft })}</Tag>
              ),
          },
        ]}
      />
    </Flex>
  );
}
