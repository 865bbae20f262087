import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';

type Props<R> = Omit<TableProps<R>, 'dataSource'> & {
  rows: R[];
};

/** antd Table with the console's defaults: total shown, page size switch, horizontal scroll. */
export function DataTable<R extends object>({ rows, pagination, ...rest }: Props<R>) {
  const { t } = useTranslation();
  return (
    <Table<R>
      size="middle"
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      pagination={
        pagination === false
          ? false
          : { showSizeChanger: true, showTotal: (total) => t('common.total', { count: total }), ...pagination }
      }
      {...rest}
    />
  );
}
