import { type App, message as staticMessage, Modal } from 'antd';

type AppApi = ReturnType<typeof App.useApp>;

/**
 * antd's message and modal for code outside components (the API error helper). The app shell
 * replaces these with the context-aware instances from `App.useApp()` once it mounts.
 */
export const feedback: {
  message: AppApi['message'];
  modal: Pick<typeof Modal, 'confirm' | 'warning' | 'info' | 'error'>;
} = {
  message: staticMessage,
  modal: Modal,
};
