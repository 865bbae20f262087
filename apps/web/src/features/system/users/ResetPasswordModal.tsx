import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { User } from '../../../api/types';
import { feedback } from '../../../utils/feedback';
import { usePasswordRule } from '../../auth/usePasswordRule';
import { useUserMutations } from './users.api';

/** 重置密码: the user must change it at the next login. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const { resetPassword } = useUserMutations();
  const rule = usePasswordRule();
  return (
    <Modal
      open
      title={t('users.resetPasswordOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={resetPassword.isPending}
      okText={t('common.save')}
    >
      <Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ password }) =>
          resetPassword.mutate(
            { id: user.id, password },
            {
              onSuccess: () => {
                feedback.message.success(t('users.resetDone'));
                onClose();
              },
              onError: (err) => handleProblem(err, { form }),
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('password.newRequired') }, rule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
