import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../api/problem';
import { feedback } from '../../utils/feedback';
import { formatDateTime } from '../../utils/format';
import { verifyAuditLog } from './logs.api';

/** 校验完整性: walks the keyed audit chain, compares it with the last exported head, and reports the first broken row, if any. */
export function VerifyButton() {
  const { t } = useTranslation();
  const verify = useMutation({
    mutationFn: verifyAuditLog,
    onSuccess: (r) => {
      if (r.ok) {
        const content = r.head
          ? t('audit.verifyOkHead', { count: r.checked, seq: r.head.seq, at: formatDateTime(r.head.at) })
          : t('audit.verifyOk', { count: r.checked });
        feedback.modal.info({ title: t('audit.verifyOkTitle'), content });
      } else {
        feedback.modal.error({
          title: t('audit.verifyBrokenTitle'),
          content: t('audit.verifyBroken', {
            seq: r.brokenAt?.seq ?? '-',
            reason: r.brokenAt
              ? t(`audit.brokenReason.${r.brokenAt.reason}` as ParseKeys, { defaultValue: r.brokenAt.reason })
              : '-',
            count: r.checked,
          }),
        });
      }
    },
    onError: showProblem,
  });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      {t('audit.verify')}
    </Button>
  );
}
