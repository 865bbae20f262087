import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { CoverageDeadline } from '../../../api/types';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, toDay } from '../../../utils/format';
import { useDeadlineMutations } from './coverage.api';

interface Values {
  regionCode: string;
  kind: CoverageDeadline['kind'];
  dueOn: Dayjs;
  note?: string;
}

interface Props {
  /** The deadline to edit; none to set one (for `regionCode`, the region on screen). */
  deadline?: CoverageDeadline;
  regionCode?: string;
  onClose: () => void;
}

const initialOf = (d: CoverageDeadline): Partial<Values> => ({
  regionCode: d.regionCode,
  kind: d.kind,
  dueOn: fromDay(d.dueOn),
  note: d.note,
});

/** 新增覆盖目标 / 编辑覆盖目标. */
export function DeadlineFormModal({ deadline: initial, regionCode, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [deadline, setDeadline] = useState(initial);
  const { create, update } = useDeadlineMutations();
  const kinds = useDict('coverage_deadline_kind');

  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const submit = (v: Values) => {
    const body = { regionCode: v.regionCode, kind: v.kind, dueOn: toDay(v.dueOn) ?? '', note: v.note?.trim() ?? '' };
    if (deadline) {
      update.mutate(
        { id: deadline.id, ...body, version: deadline.version },
        {
          onSuccess: done,
          onError: (err) =>
            handleProblem(err, {
              form,
              onConflict: (fresh) => {
                if (!fresh) return;
                setDeadline(fresh as CoverageDeadline);
                form.setFieldsValue(initialOf(fresh as CoverageDeadline));
              },
            }),
        },
      );
    } else {
      create.mutate(body, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
    }
  };

  return (
    <Modal
      open
      title={deadline ? t('coverage.deadline.edit') : t('coverage.deadline.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
    >
      <Form
        form={form}
        name="deadline"
        layout="vertical"
        initialValues={deadline ? initialOf(deadline) : { regionCode, kind: 'town_station' }}
        onFinish={submit}
      >
        <Form.Item
          name="regionCode"
          label={t('coverage.region')}
          rules={[{ required: true, message: t('coverage.deadline.regionRequired') }]}
        >
          <RegionPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('coverage.deadline.kind')} rules={[{ required: true }]}>
          <Select options={kinds.options} loading={kinds.loading} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('coverage.deadline.dueOn')}
          rules={[{ required: true, message: t('coverage.deadline.dueOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('common.remark')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
