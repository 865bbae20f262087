import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Descriptions, Empty, Skeleton, Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fetchRegion } from '../../../api/regions';
import { RegionKindTag } from './RegionKindTag';

/** The selected region: its path from the top, code, level and kind. */
export function RegionDetail({ code, onNavigate }: { code: string | null; onNavigate: (code: string) => void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: () => fetchRegion(code!),
    enabled: !!code,
  });
  if (!code) return <Empty description={t('regions.selectHint')} />;
  if (!detail.data) return <Skeleton active />;
  const r = detail.data;
  const ancestors = [...r.ancestors].sort((a, b) => a.code.length - b.code.length);
  return (
    <>
      <Breadcrumb
        data-testid="region-breadcrumb"
        style={{ marginBottom: 16 }}
        items={[
          ...ancestors.map((a) => ({
            title: <Typography.Link onClick={() => onNavigate(a.code)}>{a.name}</Typography.Link>,
          })),
          { title: r.name },
        ]}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('regions.name')}>
          {r.name} <RegionKindTag kind={r.kind} />
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.code')}>
          <Typography.Text copyable>{r.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.level')}>
          {t(`regions.levels.${r.level}` as ParseKeys, { defaultValue: String(r.level) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.kindLabel')}>
          {t(`regions.kind.${r.kind}` as ParseKeys, { defaultValue: r.kind })}
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.parent')}>
          {ancestors.length
            ? `${ancestors[ancestors.length - 1]!.name} (${ancestors[ancestors.length - 1]!.code})`
            : '-'}
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.hasChildren')}>
          {r.hasChildren ? t('common.yes') : t('common.no')}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
