import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Tag, Typography } from 'antd';
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
import type { Position } from '../talent.types';
import { PositionFormModal } from './PositionFormModal';
import { PositionHolderModal } from './PositionHolderModal';
import { PositionHolders } from './PositionHolders';
import { fetchPositions, POSITIONS_KEY, type PositionFilters } from './positions.api';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; position: Position }
  | { kind: 'holder'; position: Position; action: 'assign' | 'handOver' | 'vacate' }
  | null;

/** 岗位管理: the posts set up per organization and station, filled or vacant, and who holds each. */
export default function PositionsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<PositionFilters, Position>(POSITIONS_KEY, fetchPositions);
  const levels = useDict('position_level');
  const funders = useDict('position_funder');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<Position> = [
    { title: t('position.title'), dataIndex: 'title', fixed: 'left' },
    {
      title: t('position.organization'),
      dataIndex: 'organization',
      render: (o: Position['organization']) => orDash(o?.name),
    },
    { title: t('position.station'), dataIndex: 'station', render: (s: Position['station']) => orDash(s?.name) },
    { title: t('position.region'), dataIndex: 'regionName' },
    {
      title: t('position.level'),
      dataIndex: 'level',
      render: (v: string) => <DictTag dict="position_level" value={v} />,
    },
    {
      title: t('position.fundedBy'),
      dataIndex: 'fundedBy',
      render: (v: string) => <DictTag dict="position_funder" value={v} />,
    },
    {
      title: t('position.state'),
      key: 'state',
      render: (_, p) =>
        p.abolishedOn ? (
          <Tag>{t('position.abolishedTag', { date: p.abolishedOn })}</Tag>
        ) : p.filled ? (
          <Tag color="success">{t('position.filled')}</Tag>
        ) : (
          <Tag color="warning">{t('position.vacant')}</Tag>
        ),
    },
    {
      title: t('position.holder'),
      dataIndex: 'holder',
      render: (h: Position['holder']) =>
        h ? (
          <Space size={4}>
            <span>{h.name}</span>
            <Typography.Text type="secondary">{t('position.since', { date: h.startedOn })}</Typography.Text>
          </Space>
        ) : (
          '-'
        ),
    },
    { title: t('position.establishedOn'), dataIndex: 'establishedOn' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, p) =>
        p.abilities.update && !p.abolishedOn ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', position: p })}>
              {t('common.edit')}
            </Button>
            {p.holder ? (
              <>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setDialog({ kind: 'holder', position: p, action: 'handOver' })}
                >
                  {t('position.handOver')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => setDialog({ kind: 'holder', position: p, action: 'vacate' })}
                >
                  {t('position.vacate')}
                </Button>
              </>
            ) : (
              <Button
                type="link"
                size="small"
                onClick={() => setDialog({ kind: 'holder', position: p, action: 'assign' })}
              >
                {t('position.assign')}
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={t('menu.positions')}
      search={
        <SearchForm<PositionFilters> onSearch={list.search}>
          <Form.Item name="regionCode" label={t('position.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="organizationId" label={t('position.organization')}>
            <OrganizationSelect />
          </Form.Item>
          <Form.Item name="stationId" label={t('position.station')}>
            <StationSelect />
          </Form.Item>
          <Form.Item name="level" label={t('position.level')}>
            <Select allowClear options={levels.options} style={{ width: 110 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="fundedBy" label={t('position.fundedBy')}>
            <Select allowClear options={funders.options} style={{ width: 160 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="filled" label={t('position.state')}>
            <Select
              allowClear
              style={{ width: 110 }}
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('position.filled') },
                { value: 'false', label: t('position.vacant') },
              ]}
            />
          </Form.Item>
          <Form.Item name="abolished" label={t('position.abolished')}>
            <Select
              allowClear
              style={{ width: 110 }}
              placeholder={t('common.no')}
              options={[{ value: 'true', label: t('common.yes') }]}
            />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        can('talent:position:edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <DataTable<Position>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (p) => <PositionHolders id={p.id} />, columnTitle: t('position.history') }}
      />
      {dialog?.kind === 'create' && <PositionFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <PositionFormModal position={dialog.position} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'holder' && (
        <PositionHolderModal position={dialog.position} action={dialog.action} onClose={() => setDialog(null)} />
      )}
    </PageContainer>
  );
}
