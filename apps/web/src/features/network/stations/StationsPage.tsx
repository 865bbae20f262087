import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { ExchangeButtons } from '../../../components/ExchangeButtons';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { formatDateTime, orDash } from '../../../utils/format';
import { ServiceTags } from './ServiceTags';
import { StationDetailDrawer } from './StationDetailDrawer';
import { StationFormModal } from './StationFormModal';
import { StationStatusModal } from './StationStatusModal';
import { fetchStations, STATIONS_KEY, type StationFilters } from './stations.api';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'status'; station: Station }
  | { kind: 'detail'; id: string }
  | null;

/** 站点管理: the register of stations in the user's scope. */
export default function StationsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<StationFilters, Station>(STATIONS_KEY, fetchStations);
  const kinds = useDict('station_kind');
  const statuses = useDict('station_status');
  const services = useDict('station_service');
  const levels = useDict('demonstration_level');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<Station> = [
    {
      title: t('stations.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, s) => (
        <Space size={4}>
          <Typography.Link onClick={() => setDialog({ kind: 'detail', id: s.id })}>{name}</Typography.Link>
          {s.needsReview && (
            <Tooltip title={s.coordReview ? t(`stations.review.${s.coordReview}`) : undefined}>
              <Tag color="warning">{t('stations.needsReviewTag')}</Tag>
            </Tooltip>
          )}
          {s.hidden && <Tag>{t('stations.hiddenTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('stations.kind'), dataIndex: 'kind', render: (v: string) => <DictTag dict="station_kind" value={v} /> },
    {
      title: t('stations.region'),
      dataIndex: 'regionName',
      render: (v: string, s) => (
        <Tooltip title={s.regionPath}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: t('stations.organization'),
      dataIndex: 'organization',
      render: (o: Station['organization']) => orDash(o?.name),
    },
    {
      title: t('stations.status'),
      dataIndex: 'status',
      render: (v: string) => <DictTag dict="station_status" value={v} />,
    },
    {
      title: t('stations.services'),
      dataIndex: 'services',
      render: (v: string[]) => <ServiceTags values={v} max={3} />,
    },
    {
      title: t('stations.demonstration'),
      dataIndex: 'demonstration',
      render: (v: boolean, s) =>
        v ? (
          <Tag color="gold">
            {[levels.find(s.demonstrationLevel)?.text, s.demonstrationYear, t('stations.demonstrationTag')]
              .filter(Boolean)
              .join(' ')}
          </Tag>
        ) : (
          '-'
        ),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'detail', id: s.id })}>
            {t('common.view')}
          </Button>
          {s.abilities.update && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', station: s })}>
              {t('common.edit')}
            </Button>
          )}
          {s.abilities.lifecycle && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'status', station: s })}>
              {t('stations.changeStatus')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.stations')}
      search={
        <SearchForm<StationFilters> onSearch={list.search}>
          <Form.Item name="q" label={t('stations.q')}>
            <Input allowClear placeholder={t('stations.qPlaceholder')} />
          </Form.Item>
          <Form.Item name="kind" label={t('stations.kind')}>
            <Select allowClear options={kinds.options} style={{ width: 180 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="status" label={t('stations.status')}>
            <Select allowClear options={statuses.options} style={{ width: 120 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="service" label={t('stations.service')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={services.options}
              style={{ width: 160 }}
              placeholder={t('common.all')}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('stations.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="needsReview" valuePropName="checked">
            <Checkbox>{t('stations.needsReview')}</Checkbox>
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        <Space>
          <ExchangeButtons
            base="/api/v1/stations"
            name={t('exchange.stations')}
            importPermission="network:station:import"
            exportPermission="network:station:export"
            filters={list.filters}
            invalidate={[STATIONS_KEY, 'coverage']}
          />
          {can('network:station:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('common.create')}
            </Button>
          )}
        </Space>
      }
    >
      <DataTable<Station>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <StationFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <StationFormModal station={dialog.station} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'status' && <StationStatusModal station={dialog.station} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'detail' && (
        <StationDetailDrawer
          id={dialog.id}
          onClose={() => setDialog(null)}
          onEdit={(station) => setDialog({ kind: 'edit', station })}
          onChangeStatus={(station) => setDialog({ kind: 'status', station })}
        />
      )}
    </PageContainer>
  );
}
