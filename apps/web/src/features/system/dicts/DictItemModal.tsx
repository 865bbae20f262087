import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { DictItem } from '../../../api/types';
import { feedback } from '../../../utils/feedback';
import { itemsKey, PRESET_COLORS, useDictItemMutations } from './dicts.api';

interface Values {
  value: string;
  label: string;
  labelEn?: string;
  color: string;
  sort: number;
  enabled: boolean;
  remark?: string;
}

/** 新增/编辑字典数据: value, labels in both languages, tag colour, order, enabled. */
export function DictItemModal({
  typeCode,
  item: initial,
  nextSort,
  onClose,
}: {
  typeCode: string;
  item?: DictItem;
  nextSort: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [item, setItem] = useState(initial);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { create, update } = useDictItemMutations(typeCode);
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  // The server answers a conflict with the current record: show it, with its version, to edit again.
  const reload = (current?: DictItem) => {
    queryClient.invalidateQueries({ queryKey: itemsKey(typeCode) });
    if (!current) return onClose();
    setItem(current);
    form.setFieldsValue(current);
  };
  const submit = ({ value, ...v }: Values) => {
    const body = {
      label: v.label,
      labelEn: v.labelEn ?? '',
      color: v.color,
      sort: v.sort,
      enabled: v.enabled,
      remark: v.remark ?? '',
    };
    if (item)
      update.mutate(
        { id: item.id, ...body, version: item.version },
        {
          onSuccess: done,
          onError: (err) =>
            handleProblem(err, { form, onConflict: (current) => reload(current as DictItem | undefined) }),
        },
      );
    else
      create.mutate({ typeCode, value, ...body }, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
  };
  return (
    <Modal
      open
      title={item ? t('dicts.editItem') : t('dicts.createItem')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={item ?? { color: 'default', sort: nextSort, enabled: true }}
        onFinish={submit}
      >
        <Form.Item
          name="value"
          label={t('dicts.value')}
          rules={[{ required: true, message: t('dicts.valueRequired') }, { max: 40 }]}
        >
          <Input disabled={!!item} />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('dicts.label')}
          rules={[{ required: true, message: t('dicts.labelRequired') }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('dicts.labelEn')} rules={[{ max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="color" label={t('dicts.color')}>
          <Select
            options={PRESET_COLORS.map((c) => ({
              value: c,
              label: <Tag color={c === 'default' ? undefined : c}>{c}</Tag>,
            }))}
          />
        </Form.Item>
        <Form.Item name="sort" label={t('dicts.sort')}>
          <InputNumber min={0} max={9999} precision={0} />
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
