import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { handleProblem } from '../../../api/problem';
import type { Param } from '../../../api/types';
import { feedback } from '../../../utils/feedback';

/** Edits one parameter's value; the server validates it and refuses a stale version. */
export function ParamEditModal({ param: initial, onClose }: { param: Param; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [param, setParam] = useState(initial);
  const [form] = Form.useForm<{ value: string }>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (value: string) =>
      unwrap(
        api.PUT('/api/v1/params/{key}', {
          params: { path: { key: param.key } },
          body: { value, version: param.version },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['params'] });
      queryClient.invalidateQueries({ queryKey: ['system-info'] });
      feedback.message.success(t('common.saved'));
      onClose();
    },
    onError: (err) =>
      handleProblem(err, {
        form,
        onConflict: (current) => {
          queryClient.invalidateQueries({ queryKey: ['params'] });
          if (!current) return onClose();
          setParam(current as Param);
          form.setFieldsValue({ value: (current as Param).value });
        },
      }),
  });
  return (
    <Modal
      open
      title={t('params.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
    >
      {param.security && (
        <Alert type="warning" showIcon title={t('params.securityHint')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('params.name')}>
          {i18n.language === 'en-US' ? param.nameEn || param.name : param.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('params.key')}>{param.key}</Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ value: param.value }}
        onFinish={({ value }) => save.mutate(value ?? '')}
      >
        <Form.Item name="value" label={t('params.value')} rules={[{ max: 500 }]} extra={t('params.emptyHint')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
