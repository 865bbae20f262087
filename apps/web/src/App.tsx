import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { setAuthRedirect } from './api/client';
import { queryClient } from './api/queryClient';
import { ME_KEY } from './hooks/useMe';
import { useReducedMotion } from './hooks/useReducedMotion';
import { router } from './router';
import { feedback } from './utils/feedback';

setAuthRedirect((to) => {
  router.navigate(to, { replace: true }).then(() => {
    // Signed out: forget everything. A stage change: ask who we are again.
    if (to.startsWith('/login')) queryClient.clear();
    else queryClient.invalidateQueries({ queryKey: ME_KEY });
  });
});

/** Hands antd's context-aware message and modal to code outside components. */
function FeedbackBinder() {
  const { message, modal } = AntApp.useApp();
  useEffect(() => {
    feedback.message = message;
    feedback.modal = modal;
  }, [message, modal]);
  return null;
}

export function App() {
  const { i18n } = useTranslation();
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      theme={reducedMotion ? { token: { motion: false } } : undefined}
    >
      <AntApp>
        <FeedbackBinder />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
