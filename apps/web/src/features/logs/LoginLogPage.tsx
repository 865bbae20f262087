import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { LoginLog } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { DictTag } from '../../components/DictTag';
import { PageContainer } from '../../components/PageContainer';
import { SearchForm } from '../../components/SearchForm';
import { useDict } from '../../hooks/useDict';
import { useListQuery } from '../../hooks/useListQuery';
import { formatDateTime, orDash } from '../../utils/format';
import { fetchLoginLogs, type LoginFilters } from './logs.api';

/** 登录日志: every sign-in attempt, successful or not, with its IP. */
export default function LoginLogPage() {
  const { t } = useTranslation();
  const results = useDict('login_result');
  const list = useListQuery<LoginFilters, LoginLog>('login-logs', fetchLoginLogs);

  const columns: ColumnsType<LoginLog> = [
    { title: t('loginLog.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('loginLog.username'), dataIndex: 'username' },
    { title: t('loginLog.ip'), dataIndex: 'ip', render: orDash },
    {
      title: t('loginLog.result'),
      dataIndex: 'result',
      render: (v: string) => <DictTag dict="login_result" value={v} />,
    },
    { title: t('loginLog.reason'), dataIndex: 'reason', render: orDash },
    {
      title: t('loginLog.userAgent'),
      dataIndex: 'userAgent',
      width: 320,
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 300 }}>
          {orDash(v)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('menu.loginLog')}
      search={
        <SearchForm<LoginFilters> onSearch={list.search}>
          <Form.Item name="range" label={t('loginLog.at')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="result" label={t('loginLog.result')}>
            <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} options={results.options} />
          </Form.Item>
          <Form.Item name="q" label={t('loginLog.username')}>
            <Input allowClear />
          </Form.Item>
        </SearchForm>
      }
    >
      <DataTable<LoginLog>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
    </PageContainer>
  );
}
