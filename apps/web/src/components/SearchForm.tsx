import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<V> {
  children: ReactNode;
  /** Called with the form values, empty strings removed. */
  onSearch: (values: V) => void;
  initialValues?: Partial<V>;
}

function compact<V extends object>(values: V): V {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as V;
}

/** The filter row above a list: the page's fields, then 搜索 and 重置. */
export function SearchForm<V extends object>({ children, onSearch, initialValues }: Props<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  return (
    <Form
      form={form}
      // Prefixes the field ids (search_regionCode): a modal form on the same page reuses the
      // field names, and duplicate ids would tie its labels to these inputs.
      name="search"
      layout="inline"
      initialValues={initialValues}
      onFinish={(values) => onSearch(compact(values))}
      style={{ rowGap: 12 }}
    >
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              form.resetFields();
              onSearch(compact(form.getFieldsValue(true) as V));
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
