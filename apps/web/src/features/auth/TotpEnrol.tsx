import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { handleProblem } from '../../api/problem';
import type { Stage } from '../../api/types';
import { ME_KEY } from '../../hooks/useMe';
import { feedback } from '../../utils/feedback';

interface Proof {
  password: string;
  code: string;
}

/** The password and a current code: what replacing or removing an enabled second factor needs. */
export function TotpProofForm({
  hint,
  submit,
  loading,
  onFinish,
}: {
  hint: string;
  submit: string;
  loading: boolean;
  onFinish: (proof: Proof, form: ReturnType<typeof Form.useForm<Proof>>[0]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Proof>();
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onFinish(v, form)}>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      <Form.Item
        name="password"
        label={t('totp.password')}
        rules={[{ required: true, message: t('totp.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('totp.currentCode')}
        rules={[{ required: true, len: 6, message: t('totp.codeRequired') }]}
      >
        <Input.OTP length={6} aria-label={t('totp.currentCode')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading}>
        {submit}
      </Button>
    </Form>
  );
}

/**
 * Shows a fresh TOTP secret as a QR code and enables it once the user types a valid code. Replacing
 * an enabled one (`rebind`) first asks for the password and a code of the current authenticator;
 * the current one stays in force until the new one is proved.
 */
export function TotpEnrol({ onDone, rebind }: { onDone: (stage: Stage) => void; rebind?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  // A POST that makes a new secret: one per visit, never refetched behind the user's back.
  const fresh = useQuery({
    queryKey: ['totp-setup'],
    queryFn: () => unwrap(api.POST('/api/v1/auth/totp/setup', { body: {} })),
    enabled: !rebind,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const replace = useMutation({
    mutationFn: ({ proof }: { proof: Proof; form: ReturnType<typeof Form.useForm<Proof>>[0] }) =>
      unwrap(api.POST('/api/v1/auth/totp/setup', { body: proof })),
    onError: (err, { form }) => handleProblem(err, { form }),
  });
  const setup = rebind ? replace.data : fresh.data;
  const enable = useMutation({
    mutationFn: (c: string) =>
      unwrap(api.POST('/api/v1/auth/totp/enable', { body: { code: c, setupToken: setup?.setupToken ?? '' } })),
    onSuccess: async ({ stage }) => {
      feedback.message.success(t('totp.done'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone(stage);
    },
    onError: (err) => {
      setCode('');
      handleProblem(err);
    },
  });

  if (rebind && !setup) {
    return (
      <TotpProofForm
        hint={t('totp.rebind')}
        submit={t('totp.next')}
        loading={replace.isPending}
        onFinish={(proof, form) => replace.mutate({ proof, form })}
      />
    );
  }
  if (fresh.isPending && !rebind) return <Skeleton active />;
  if (!setup) return <Alert type="error" showIcon title={t('totp.setupFailed')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Text>{t('totp.scan')}</Typography.Text>
      <Flex justify="center">
        <img src={setup.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} />
      </Flex>
      <Typography.Text type="secondary">{t('totp.manual')}</Typography.Text>
      <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
        {setup.secret}
      </Typography.Text>
      <Typography.Text>{t('totp.enterCode')}</Typography.Text>
      <Input.OTP length={6} value={code} onChange={setCode} aria-label={t('totp.code')} />
      <Button
        type="primary"
        block
        loading={enable.isPending}
        disabled={code.length !== 6}
        onClick={() => enable.mutate(code)}
      >
        {t('totp.submit')}
      </Button>
    </Flex>
  );
}

/** Removes the second factor of an account whose roles do not require one. */
export function TotpDisable({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: ({ proof }: { proof: Proof; form: ReturnType<typeof Form.useForm<Proof>>[0] }) =>
      unwrap(api.POST('/api/v1/auth/totp/disable', { body: proof })),
    onSuccess: async () => {
      feedback.message.success(t('totp.disabled'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone();
    },
    onError: (err, { form }) => handleProblem(err, { form }),
  });
  return (
    <TotpProofForm
      hint={t('totp.disableHint')}
      submit={t('totp.disable')}
      loading={disable.isPending}
      onFinish={(proof, form) => disable.mutate({ proof, form })}
    />
  );
}
