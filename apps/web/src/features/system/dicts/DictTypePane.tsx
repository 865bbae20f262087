import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import type { DictType } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { SearchForm } from '../../../components/SearchForm';
import { useListQuery } from '../../../hooks/useListQuery';
import { feedback } from '../../../utils/feedback';
import { DICT_TYPES_KEY, fetchDictTypes, useDictTypeMutations } from './dicts.api';
import { DictTypeModal } from './DictTypeModal';

/** Left pane of 字典管理: the dictionary types; clicking one shows its items. */
export function DictTypePane({ selected, onSelect }: { selected?: DictType; onSelect: (type: DictType) => void }) {
  const { t, i18n } = useTranslation();
  const list = useListQuery<{ q?: string }, DictType>(DICT_TYPES_KEY, fetchDictTypes);
  const { remove } = useDictTypeMutations();
  const [dialog, setDialog] = useState<{ type?: DictType } | null>(null);
  const english = i18n.language === 'en-US';

  const columns: ColumnsType<DictType> = [
    { title: t('dicts.name'), dataIndex: 'name', render: (_, d) => (english ? d.nameEn || d.name : d.name) },
    { title: t('dicts.code'), dataIndex: 'code' },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      render: (on: boolean, d) => (
        <Space size={0}>
          {on ? <Tag color="success">{t('common.enabled')}</Tag> : <Tag color="error">{t('common.disabled')}</Tag>}
          {d.builtin && <Tag color="gold">{t('common.builtin')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => setDialog({ type: d })}>
            {t('common.edit')}
          </Button>
          {!d.builtin && (
            <Popconfirm
              title={t('dicts.deleteTypeConfirm', { name: d.name })}
              onConfirm={() =>
                remove.mutateAsync(d.id).then(() => feedback.message.success(t('common.deleted')), showProblem)
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('dicts.types')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
          {t('common.create')}
        </Button>
      }
    >
      <div style={{ marginBottom: 12 }}>
        <SearchForm<{ q?: string }> onSearch={list.search}>
          <Form.Item name="q">
            <Input allowClear placeholder={t('dicts.qPlaceholder')} aria-label={t('dicts.qPlaceholder')} />
          </Form.Item>
        </SearchForm>
      </div>
      <DataTable<DictType>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={{ ...list.pagination, showSizeChanger: false }}
        onRow={(d) => ({ onClick: () => onSelect(d), style: { cursor: 'pointer' } })}
        rowClassName={(d) => (d.id === selected?.id ? 'ant-table-row-selected' : '')}
      />
      {dialog && <DictTypeModal type={dialog.type} onClose={() => setDialog(null)} />}
    </Card>
  );
}
