import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import type { DictItem, DictType } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { feedback } from '../../../utils/feedback';
import { useDictItemMutations, useDictItems } from './dicts.api';
import { DictItemModal } from './DictItemModal';

/** Right pane of 字典管理: the items of the selected type. */
export function DictItemPane({ type }: { type?: DictType }) {
  const { t, i18n } = useTranslation();
  const items = useDictItems(type?.code);
  const { remove } = useDictItemMutations(type?.code ?? '');
  const [dialog, setDialog] = useState<{ item?: DictItem } | null>(null);
  const english = i18n.language === 'en-US';
  const rows = items.data ?? [];

  const columns: ColumnsType<DictItem> = [
    { title: t('dicts.value'), dataIndex: 'value' },
    { title: t('dicts.label'), dataIndex: 'label' },
    { title: t('dicts.labelEn'), dataIndex: 'labelEn' },
    {
      title: t('dicts.preview'),
      dataIndex: 'color',
      render: (c: string, d) => (
        <Tag color={c === 'default' ? undefined : c}>{english ? d.labelEn || d.label : d.label}</Tag>
      ),
    },
    { title: t('dicts.sort'), dataIndex: 'sort' },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      render: (on: boolean) =>
        on ? <Tag color="success">{t('common.enabled')}</Tag> : <Tag color="error">{t('common.disabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ item: d })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('dicts.deleteItemConfirm', { name: d.label })}
            onConfirm={() =>
              remove.mutateAsync(d.id).then(() => feedback.message.success(t('common.deleted')), showProblem)
            }
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={type ? t('dicts.itemsOf', { name: english ? type.nameEn || type.name : type.name }) : t('dicts.items')}
      extra={
        type && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('common.create')}
          </Button>
        )
      }
    >
      {type ? (
        <DataTable<DictItem> rowKey="id" columns={columns} rows={rows} loading={items.isFetching} pagination={false} />
      ) : (
        <Empty description={t('dicts.selectType')} />
      )}
      {type && dialog && (
        <DictItemModal
          typeCode={type.code}
          item={dialog.item}
          nextSort={Math.max(0, ...rows.map((r) => r.sort)) + 1}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}
