import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n';

/** 中文 / English; remembered in localStorage and sent as Accept-Language from then on. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('lang.switch')}
      value={i18n.language as Language}
      options={[
        { value: 'zh-CN', label: t('lang.zh-CN'), icon: <GlobalOutlined /> },
        { value: 'en-US', label: t('lang.en-US') },
      ]}
      onChange={async (lang) => {
        await setLanguage(lang);
        // Server-made text (problem titles, region names such as 全国) follows Accept-Language.
        queryClient.invalidateQueries();
      }}
    />
  );
}
