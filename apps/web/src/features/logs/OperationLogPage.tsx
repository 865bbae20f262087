import { DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ParseKeys, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditLog } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { PageContainer } from '../../components/PageContainer';
import { SearchForm } from '../../components/SearchForm';
import { useListQuery } from '../../hooks/useListQuery';
import { usePermission } from '../../hooks/usePermission';
import { formatDateTime, orDash } from '../../utils/format';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditFilters, fetchAuditLogs } from './logs.api';
import { VerifyButton } from './VerifyButton';

const actionLabel = (t: TFunction, a: string) => t(`audit.action.${a}` as ParseKeys, { defaultValue: a });
const entityLabel = (t: TFunction, e: string) => t(`audit.entity.${e}` as ParseKeys, { defaultValue: e });

/** 操作日志: the append-only audit trail, with the hash-chain check for those allowed. */
export default function OperationLogPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<AuditFilters, AuditLog>('audit-logs', fetchAuditLogs);

  const columns: ColumnsType<AuditLog> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: orDash },
    { title: t('audit.ip'), dataIndex: 'ip', render: orDash },
    {
      title: t('audit.actionLabel'),
      dataIndex: 'action',
      render: (a: string) => <Tag color={a === 'reveal' ? 'purple' : 'blue'}>{actionLabel(t, a)}</Tag>,
    },
    { title: t('audit.entityLabel'), dataIndex: 'entity', render: (e: string) => entityLabel(t, e) },
    {
      title: t('audit.entityIds'),
      dataIndex: 'entityIds',
      render: (ids: string[]) => (
        <Space orientation="vertical" size={0}>
          {ids.map((id) => (
            <Typography.Text key={id} code copyable style={{ fontSize: 12 }}>
              {id}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('audit.fields'),
      dataIndex: 'fields',
      render: (fields: string[]) => fields.map((f) => <Tag key={f}>{f}</Tag>),
    },
  ];

  return (
    <PageContainer
      title={t('menu.operationLog')}
      toolbar={can('log:audit:verify') && <VerifyButton />}
      search={
        <SearchForm<AuditFilters> onSearch={list.search}>
          <Form.Item name="range" label={t('audit.at')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="entity" label={t('audit.entityLabel')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
            />
          </Form.Item>
          <Form.Item name="action" label={t('audit.actionLabel')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            />
          </Form.Item>
          <Form.Item name="q" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} />
          </Form.Item>
        </SearchForm>
      }
    >
      <DataTable<AuditLog>
        rowKey="seq"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
        expandable={{
          rowExpandable: (r) => !!r.detail && Object.keys(r.detail).length > 0,
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.detail, null, 2)}</pre>
          ),
        }}
      />
    </PageContainer>
  );
}
