import { REGION_CODE } from '@lianxin/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { handleProblem } from '../../../api/problem';
import { invalidateRegions } from '../../../api/regions';

/** 导入行政区划: loads the official division codes under a prefix (e.g. 4412 for 肇庆市) from the bundled dataset. */
export function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ prefix: string }>();
  const run = useMutation({
    mutationFn: (prefix: string) => unwrap(api.POST('/api/v1/regions/import', { body: { prefix } })),
    onSuccess: async () => {
      await invalidateRegions();
      onImported();
    },
    onError: (err) => handleProblem(err, { form }),
  });
  return (
    <Modal
      open
      title={t('regions.import')}
      onCancel={onClose}
      onOk={() => (run.data ? onClose() : form.submit())}
      okText={run.data ? t('common.close') : t('regions.importRun')}
      confirmLoading={run.isPending}
      cancelButtonProps={run.data ? { style: { display: 'none' } } : undefined}
    >
      {run.data ? (
        <Result status="success" title={t('regions.importDone')} subTitle={t('regions.importResult', run.data)} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('regions.importHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={({ prefix }) => run.mutate(prefix)}>
            <Form.Item
              name="prefix"
              label={t('regions.importPrefix')}
              extra={t('regions.importPrefixHint')}
              rules={[
                { required: true, message: t('regions.importPrefixRequired') },
                { pattern: REGION_CODE, message: t('regions.importPrefixHint') },
              ]}
            >
              <Input inputMode="numeric" maxLength={12} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
