import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { orDash, toDay } from '../../../utils/format';
import { WorkerSelect } from '../shared/WorkerSelect';
import type { SupervisionSession } from '../talent.types';
import { fetchSessions, SUPERVISION_KEY, type SupervisionFilters } from './supervision.api';
import { SupervisionFormModal } from './SupervisionFormModal';

type SearchValues = Omit<SupervisionFilters, 'from' | 'to'> & { range?: [Dayjs, Dayjs] };

/** 督导记录: supervision sessions in scope, with who supervised whom. */
export function SupervisionTab() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<SupervisionFilters, SupervisionSession>(SUPERVISION_KEY, fetchSessions);
  const modes = useDict('supervision_mode');
  const [dialog, setDialog] = useState<{ session?: SupervisionSession } | null>(null);

  const columns: ColumnsType<SupervisionSession> = [
    { title: t('supervision.heldOn'), dataIndex: 'heldOn', fixed: 'left' },
    {
      title: t('supervision.supervisor'),
      dataIndex: 'supervisor',
      render: (s: SupervisionSession['supervisor']) => (s.id ? s.name : `${s.name}（${t('supervision.outside')}）`),
    },
    {
      title: t('supervision.mode'),
      dataIndex: 'mode',
      render: (v: string) => <DictTag dict="supervision_mode" value={v} />,
    },
    {
      title: t('supervision.supervisees'),
      dataIndex: 'supervisees',
      render: (v: SupervisionSession['supervisees']) => v.map((s) => s.name).join(t('network.separator')),
    },
    { title: t('supervision.hours'), dataIndex: 'hours', align: 'right' },
    {
      title: t('supervision.topics'),
      dataIndex: 'topics',
      render: (v: string[]) => (v.length ? v.join(t('network.separator')) : '-'),
    },
    {
      title: t('supervision.station'),
      dataIndex: 'station',
      render: (s: SupervisionSession['station']) => orDash(s?.name),
    },
    { title: t('supervision.region'), dataIndex: 'regionName' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        s.abilities.update ? (
          <Button type="link" size="small" onClick={() => setDialog({ session: s })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <SearchForm<SearchValues>
        onSearch={({ range, ...rest }) =>
          list.search({
            ...rest,
            ...(range ? { from: toDay(range[0]) ?? undefined, to: toDay(range[1]) ?? undefined } : {}),
          })
        }
      >
        <Form.Item name="range" label={t('supervision.heldOn')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="mode" label={t('supervision.mode')}>
          <Select allowClear options={modes.options} style={{ width: 120 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="supervisorId" label={t('supervision.supervisor')}>
          <WorkerSelect />
        </Form.Item>
        <Form.Item name="workerId" label={t('supervision.supervisee')}>
          <WorkerSelect />
        </Form.Item>
        <Form.Item name="regionCode" label={t('supervision.region')}>
          <RegionPicker />
        </Form.Item>
      </SearchForm>
      <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        {can('talent:supervision:edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('supervision.create')}
          </Button>
        )}
      </Space>
      <DataTable<SupervisionSession>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog && <SupervisionFormModal session={dialog.session} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
