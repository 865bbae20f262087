import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { feedback } from '../../../utils/feedback';
import { todayInChina, toDay } from '../../../utils/format';
import type { Worker } from '../talent.types';
import { useWorkerMutations } from './workers.api';

interface Props {
  worker: Pick<Worker, 'id' | 'name'>;
  onClose: () => void;
}

/** 离职: the worker leaves the register on their last day; their history stays for the figures of the past. */
export function DepartureModal({ worker, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ leftOn: Dayjs; reason?: string }>();
  const { depart } = useWorkerMutations();
  return (
    <Modal
      open
      title={t('worker.departure.title', { name: worker.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('worker.departure.submit')}
      okButtonProps={{ danger: true }}
      confirmLoading={depart.isPending}
    >
      <Form
        form={form}
        name="departure"
        layout="vertical"
        initialValues={{ leftOn: todayInChina() }}
        onFinish={(v) =>
          depart.mutate(
            { id: worker.id, leftOn: toDay(v.leftOn) ?? '', reason: v.reason?.trim() || undefined },
            {
              onSuccess: () => {
                feedback.message.success(t('worker.departure.done'));
                onClose();
              },
              onError: (err) => handleProblem(err, { form }),
            },
          )
        }
      >
        <Form.Item
          name="leftOn"
          label={t('worker.departure.leftOn')}
          rules={[{ required: true, message: t('worker.departure.leftOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('worker.departure.reason')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
