import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDict } from '../../../hooks/useDict';

/** A station's services as tags labelled from the `station_service` dictionary; beyond `max`, a "+N" tag lists the rest. */
export function ServiceTags({ values, max }: { values: string[]; max?: number }) {
  const { t } = useTranslation();
  const dict = useDict('station_service');
  if (values.length === 0) return <>-</>;
  const label = (v: string) => dict.find(v)?.text ?? v;
  const shown = max === undefined ? values : values.slice(0, max);
  const rest = values.slice(shown.length);
  return (
    <Space wrap size={[0, 4]}>
      {shown.map((v) => (
        <Tag key={v}>{label(v)}</Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map(label).join(t('network.separator'))}>
          <Tag>+{rest.length}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
