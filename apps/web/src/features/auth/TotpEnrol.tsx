import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { handleProblem } from '../../api/problem';
import type { Stage } from '../../api/types';
import { ME_KEY } from '../../hooks/useMe';
import { feedback } from '../../utils/feedback';

/** Shows a fresh TOTP secret as a QR code and enables it once the user types a valid code. */
export function TotpEnrol({ onDone, rebind }: { onDone: (stage: Stage) => void; rebind?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  // A POST that makes a new secret: one per visit, never refetched behind the user's back.
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: () => unwrap(api.POST('/api/v1/auth/totp/setup')),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const enable = useMutation({
    mutationFn: (c: string) => unwrap(api.POST('/api/v1/auth/totp/enable', { body: { code: c } })),
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

  if (setup.isPending) return <Skeleton active />;
  if (!setup.data) return <Alert type="error" showIcon title={t('totp.setupFailed')} />;
  return (
    <Flex vertical gap={16}>
      {rebind && <Alert type="info" showIcon title={t('totp.rebind')} />}
      <Typography.Text>{t('totp.scan')}</Typography.Text>
      <Flex justify="center">
        <img src={setup.data.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} />
      </Flex>
      <Typography.Text type="secondary">{t('totp.manual')}</Typography.Text>
      <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
        {setup.data.secret}
      </Typography.Text>
      <Typography.Text>{t('totp.enterCode')}</Typography.Text>
      <Input.OTP length={6} value={code} onChange={setCode} aria-label={t('totp.code')} />
      <Button type="primary" block loading={enable.isPending} disabled={code.length !== 6} onClick={() => enable.mutate(code)}>
        {t('totp.submit')}
      </Button>
    </Flex>
  );
}
