import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { DictType } from '../../../api/types';
import { feedback } from '../../../utils/feedback';
import { DICT_TYPES_KEY, useDictTypeMutations } from './dicts.api';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  enabled: boolean;
  remark?: string;
}

/** 新增/编辑字典类型. */
export function DictTypeModal({ type: initial, onClose }: { type?: DictType; onClose: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState(initial);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { create, update } = useDictTypeMutations();
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  // The server answers a conflict with the current record: show it, with its version, to edit again.
  const reload = (current?: DictType) => {
    queryClient.invalidateQueries({ queryKey: [DICT_TYPES_KEY] });
    if (!current) return onClose();
    setType(current);
    form.setFieldsValue(current);
  };
  const submit = ({ code, ...v }: Values) => {
    const body = { name: v.name, nameEn: v.nameEn ?? '', enabled: v.enabled, remark: v.remark ?? '' };
    if (type)
      update.mutate(
        { id: type.id, ...body, version: type.version },
        {
          onSuccess: done,
          onError: (err) =>
            handleProblem(err, { form, onConflict: (current) => reload(current as DictType | undefined) }),
        },
      );
    else create.mutate({ code, ...body }, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
  };
  return (
    <Modal
      open
      title={type ? t('dicts.editType') : t('dicts.createType')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form form={form} layout="vertical" initialValues={type ?? { enabled: true }} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('dicts.code')}
          extra={type ? undefined : t('dicts.codeHint')}
          rules={[
            { required: true, message: t('dicts.codeRequired') },
            { pattern: /^[a-z][a-z0-9_]{1,63}$/, message: t('dicts.codeHint') },
          ]}
        >
          <Input disabled={!!type} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('dicts.name')}
          rules={[{ required: true, message: t('dicts.nameRequired') }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('dicts.nameEn')} rules={[{ max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="enabled" label={t('common.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="remark" label={t('common.remark')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
