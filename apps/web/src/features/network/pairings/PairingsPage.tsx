import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { formatFen } from '../../../utils/format';
import { PairingDetailDrawer } from './PairingDetailDrawer';
import { PairingFormModal } from './PairingFormModal';
import { supporterOf } from './pairing-parties';
import { fetchPairings, PAIRINGS_KEY, type PairingFilters } from './pairings.api';

type Dialog = { kind: 'create' } | { kind: 'edit'; pairing: Pairing } | { kind: 'detail'; id: string } | null;

/** delivered / agreed, or only what was delivered when nothing was agreed. */
const progress = (delivered: number, planned: number, format: (n: number) => string = String) =>
  planned ? `${format(delivered)} / ${format(planned)}` : format(delivered);

/** 结对帮扶: who supports whom, what was agreed and what has been delivered so far. */
export default function PairingsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<PairingFilters, Pairing>(PAIRINGS_KEY, fetchPairings);
  const kinds = useDict('pairing_kind');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<Pairing> = [
    {
      title: t('pairings.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, p) => (
        <Typography.Link onClick={() => setDialog({ kind: 'detail', id: p.id })}>{name}</Typography.Link>
      ),
    },
    { title: t('pairings.kind'), dataIndex: 'kind', render: (v: string) => <DictTag dict="pairing_kind" value={v} /> },
    { title: t('pairings.supporter'), key: 'supporter', render: (_, p) => supporterOf(p, t('network.separator')) },
    { title: t('pairings.supported'), dataIndex: 'regionName' },
    {
      title: t('pairings.period'),
      key: 'period',
      render: (_, p) => `${p.startsOn} ~ ${p.endsOn ?? t('pairings.open')}`,
    },
    {
      title: t('pairings.supervisorsSent'),
      key: 'supervisors',
      align: 'right',
      render: (_, p) => progress(p.delivered.supervisorsSent, p.planned.supervisorsSent),
    },
    {
      title: t('pairings.peopleTrained'),
      key: 'trained',
      align: 'right',
      render: (_, p) => progress(p.delivered.peopleTrained, p.planned.peopleTrained),
    },
    {
      title: t('pairings.funding'),
      key: 'funding',
      align: 'right',
      render: (_, p) => progress(p.delivered.fundingFen, p.planned.fundingFen, formatFen),
    },
    { title: t('pairings.deliveries'), key: 'deliveries', align: 'right', render: (_, p) => p.delivered.deliveries },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'detail', id: p.id })}>
            {t('common.view')}
          </Button>
          {p.abilities.edit && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', pairing: p })}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.pairings')}
      search={
        <SearchForm<PairingFilters> onSearch={list.search}>
          <Form.Item name="q" label={t('pairings.q')}>
            <Input allowClear placeholder={t('pairings.qPlaceholder')} />
          </Form.Item>
          <Form.Item name="kind" label={t('pairings.kind')}>
            <Select allowClear options={kinds.options} style={{ width: 180 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('pairings.region')}>
            <RegionPicker />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        can('network:pairing:edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <DataTable<Pairing>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <PairingFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <PairingFormModal pairing={dialog.pairing} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'detail' && (
        <PairingDetailDrawer
          id={dialog.id}
          onClose={() => setDialog(null)}
          onEdit={(pairing) => setDialog({ kind: 'edit', pairing })}
        />
      )}
    </PageContainer>
  );
}
