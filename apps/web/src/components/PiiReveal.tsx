import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Popover, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../api/problem';

interface Props {
  /** The field's name, as the popover title. */
  title: string;
  /** Says whose value the button shows, for its tooltip. */
  buttonTitle: string;
  /** Calls the record's audited reveal route. */
  reveal: () => Promise<{ value: string | null }>;
}

/** 显示: reads one personal-data field in full, on purpose; the server records the read in the audit log. */
export function PiiReveal({ title, buttonTitle, reveal: read }: Props) {
  const { t } = useTranslation();
  const reveal = useMutation({ mutationFn: read, onError: showProblem });
  return (
    <Popover
      trigger="click"
      title={title}
      onOpenChange={(open) => {
        if (open && !reveal.data && !reveal.isPending) reveal.mutate();
      }}
      content={
        reveal.isPending ? (
          <Spin size="small" />
        ) : reveal.data ? (
          <Flex vertical gap={4}>
            <Typography.Text copyable strong>
              {reveal.data.value ?? '-'}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('users.revealAudited')}
            </Typography.Text>
          </Flex>
        ) : null
      }
    >
      <Button type="link" size="small" icon={<EyeOutlined />} title={buttonTitle}>
        {t('users.reveal')}
      </Button>
    </Popover>
  );
}
