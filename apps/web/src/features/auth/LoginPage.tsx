import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { markFormErrors, problemOf } from '../../api/problem';
import { ME_KEY, pathForStage } from '../../hooks/useMe';
import { feedback } from '../../utils/feedback';
import { formatDateTime } from '../../utils/format';
import { safeRedirect } from './auth.api';
import { AuthLayout } from './AuthLayout';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Credentials>();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [totp, setTotp] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (body: Credentials & { totp?: string }) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: ({ stage, user }) => {
      queryClient.setQueryData(ME_KEY, user);
      // An administrator reset this password: the user should know, in case they did not ask for it.
      if (user.passwordResetAt) {
        feedback.modal.warning({
          title: t('auth.resetNoticeTitle'),
          content: t('auth.resetNotice', { time: formatDateTime(user.passwordResetAt) }),
        });
      }
      navigate(stage === 'full' ? safeRedirect(params.get('redirect')) : pathForStage(stage), { replace: true });
    },
    onError: (err) => {
      const problem = problemOf(err);
      setTotp('');
      switch (problem.code) {
        case 'TOTP_REQUIRED':
          setNotice(null);
          setStep('totp');
          return;
        case 'ACCOUNT_LOCKED':
          setNotice(t('auth.locked', { time: formatDateTime(problem.lockedUntil as string) }));
          break;
        case 'INVALID_CREDENTIALS':
          // The server says the same for every refusal before a correct password (no attempts left, no lock).
          setNotice(problem.title);
          break;
        default:
          if (!markFormErrors(form, problem)) setNotice(problem.title);
          return;
      }
      // A lock or a wrong password sends the user back to the first step.
      setStep('password');
    },
  });

  const submit = (code?: string) => {
    setNotice(null);
    login.mutate({ ...form.getFieldsValue(), ...(code ? { totp: code } : {}) });
  };

  return (
    <AuthLayout title={step === 'password' ? t('auth.title') : t('auth.totpTitle')}>
      {notice && <Alert type="error" showIcon title={notice} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={() => submit()} hidden={step !== 'password'} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, message: t('auth.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('auth.submit')}
        </Button>
      </Form>
      {step === 'password' && (
        // A separate page with its own bundle: a plain link, not a router link.
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Typography.Link href="/map">{t('auth.serviceMap')}</Typography.Link>
        </Typography.Paragraph>
      )}
      {step === 'totp' && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('auth.totpHint')}</Typography.Text>
          <Input.OTP
            length={6}
            size="large"
            autoFocus
            aria-label={t('auth.totpCode')}
            value={totp}
            onChange={(code) => {
              setTotp(code);
              if (code.length === 6) submit(code);
            }}
          />
          <Button
            type="primary"
            block
            size="large"
            loading={login.isPending}
            disabled={totp.length !== 6}
            onClick={() => submit(totp)}
          >
            {t('auth.verify')}
          </Button>
          <Button
            type="link"
            block
            onClick={() => {
              setStep('password');
              setNotice(null);
            }}
          >
            {t('auth.back')}
          </Button>
        </Space>
      )}
    </AuthLayout>
  );
}
