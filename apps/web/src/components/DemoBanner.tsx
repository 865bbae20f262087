import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** The permanent warning of a demo installation: fictitious data, no real personal information. */
export function DemoBanner() {
  const { t } = useTranslation();
  return <Alert banner type="warning" showIcon title={t('demo.banner')} />;
}
