import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { ExchangeButtons } from '../../../components/ExchangeButtons';
import { PageContainer } from '../../../components/PageContainer';
import { PiiReveal } from '../../../components/PiiReveal';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { formatDateTime, orDash } from '../../../utils/format';
import { OrganizationFormModal } from './OrganizationFormModal';
import {
  fetchOrganizations,
  ORGANIZATIONS_KEY,
  type OrganizationFilters,
  revealContactPhone,
} from './organizations.api';

type Dialog = { kind: 'create' } | { kind: 'edit'; organization: Organization } | null;

/** 机构管理: social work agencies, social organizations, universities and the other partners of the network. */
export default function OrganizationsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<OrganizationFilters, Organization>(ORGANIZATIONS_KEY, fetchOrganizations);
  const types = useDict('org_type');
  const domains = useDict('org_domain');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<Organization> = [
    { title: t('organizations.name'), dataIndex: 'name', fixed: 'left' },
    { title: t('organizations.type'), dataIndex: 'type', render: (v: string) => <DictTag dict="org_type" value={v} /> },
    { title: t('organizations.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => orDash(v) },
    { title: t('organizations.region'), dataIndex: 'regionName' },
    {
      title: t('organizations.domains'),
      dataIndex: 'domains',
      render: (v: string[]) =>
        v.length ? (
          <Space wrap size={[0, 4]}>
            {v.map((d) => (
              <Tag key={d}>{domains.find(d)?.text ?? d}</Tag>
            ))}
          </Space>
        ) : (
          '-'
        ),
    },
    { title: t('organizations.contactName'), dataIndex: 'contactName', render: (v: string) => orDash(v) },
    {
      title: t('organizations.contactPhone'),
      dataIndex: 'contactPhone',
      render: (phone: string | null, o) => (
        <Space size={0}>
          <span>{orDash(phone)}</span>
          {phone && o.abilities.revealPhone && (
            <PiiReveal
              title={t('organizations.contactPhone')}
              buttonTitle={t('organizations.revealPhoneOf', { name: o.name })}
              reveal={() => revealContactPhone(o)}
            />
          )}
        </Space>
      ),
    },
    { title: t('organizations.stationCount'), dataIndex: 'stationCount', align: 'right' },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) =>
        o.abilities.update ? (
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', organization: o })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={t('menu.organizations')}
      search={
        <SearchForm<OrganizationFilters> onSearch={list.search}>
          <Form.Item name="q" label={t('organizations.q')}>
            <Input allowClear placeholder={t('organizations.qPlaceholder')} />
          </Form.Item>
          <Form.Item name="type" label={t('organizations.type')}>
            <Select allowClear options={types.options} style={{ width: 180 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="domain" label={t('organizations.domain')}>
            <Select allowClear options={domains.options} style={{ width: 150 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('organizations.region')}>
            <RegionPicker />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        <Space>
          <ExchangeButtons
            base="/api/v1/organizations"
            name={t('exchange.organizations')}
            importPermission="network:org:import"
            exportPermission="network:org:export"
            filters={list.filters}
            invalidate={[ORGANIZATIONS_KEY, 'stations']}
          />
          {can('network:org:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('common.create')}
            </Button>
          )}
        </Space>
      }
    >
      <DataTable<Organization>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog?.kind === 'create' && <OrganizationFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <OrganizationFormModal organization={dialog.organization} onClose={() => setDialog(null)} />
      )}
    </PageContainer>
  );
}
