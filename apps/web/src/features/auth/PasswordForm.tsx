import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { handleProblem, problemOf } from '../../api/problem';
import type { Stage } from '../../api/types';
import { ME_KEY } from '../../hooks/useMe';
import { feedback } from '../../utils/feedback';
import { usePasswordRule } from './usePasswordRule';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Old, new and confirmation; the server's verdict (wrong old password, reuse, policy) marks the field. */
export function PasswordForm({ onDone }: { onDone: (stage: Stage) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const policyRule = usePasswordRule();

  const change = useMutation({
    mutationFn: ({ oldPassword, newPassword }: Values) =>
      unwrap(api.POST('/api/v1/auth/password', { body: { oldPassword, newPassword } })),
    onSuccess: async ({ stage }) => {
      feedback.message.success(t('password.done'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone(stage);
    },
    onError: (err) => {
      const problem = problemOf(err);
      if (!problem.errors?.length) {
        const field =
          problem.code === 'PASSWORD_POLICY' || problem.code === 'PASSWORD_REUSED'
            ? 'newPassword'
            : problem.code === 'INVALID_CREDENTIALS'
              ? 'oldPassword'
              : null;
        if (field) form.setFields([{ name: field, errors: [problem.title] }]);
      }
      handleProblem(err, { form });
    },
  });

  return (
    <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
      <Form.Item
        name="oldPassword"
        label={t('password.old')}
        rules={[{ required: true, message: t('password.oldRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.policy')}
        rules={[{ required: true, message: t('password.newRequired') }, policyRule]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('password.reuseHint')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
