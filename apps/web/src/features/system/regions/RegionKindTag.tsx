import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Marks the regions that are not ordinary divisions: 虚拟 (placeholder) and 开发区 (development zone). */
export function RegionKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  if (kind === 'placeholder') return <Tag>{t('regions.kind.placeholder')}</Tag>;
  if (kind === 'development_zone') return <Tag color="orange">{t('regions.kind.development_zone')}</Tag>;
  return null;
}
