import { DatePicker, Form, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { feedback } from '../../../utils/feedback';
import { todayInChina, toDay } from '../../../utils/format';
import { WorkerSelect } from '../shared/WorkerSelect';
import type { Position } from '../talent.types';
import { usePositionMutations } from './positions.api';

interface Props {
  position: Position;
  /** 聘任 a vacant post, 交接 to a successor (the holder ends the day before), or 空岗 (the holder's last day). */
  action: 'assign' | 'handOver' | 'vacate';
  onClose: () => void;
}

export function PositionHolderModal({ position, action, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ workerId?: string; on: Dayjs }>();
  const { setHolder } = usePositionMutations();
  const vacate = action === 'vacate';
  return (
    <Modal
      open
      title={t(`position.${action}Title`, { title: position.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ danger: vacate }}
      confirmLoading={setHolder.isPending}
    >
      {position.holder && (
        <Typography.Paragraph>
          {t('position.currentHolder', { name: position.holder.name, date: position.holder.startedOn })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        name="holder"
        layout="vertical"
        initialValues={{ on: todayInChina() }}
        onFinish={(v) =>
          setHolder.mutate(
            { id: position.id, workerId: vacate ? null : (v.workerId ?? null), on: toDay(v.on) ?? '' },
            {
              onSuccess: () => {
                feedback.message.success(t('common.saved'));
                onClose();
              },
              onError: (err) => handleProblem(err, { form }),
            },
          )
        }
      >
        {!vacate && (
          <Form.Item
            name="workerId"
            label={t('position.worker')}
            rules={[{ required: true, message: t('position.workerRequired') }]}
          >
            <WorkerSelect exclude={[position.holder?.id]} />
          </Form.Item>
        )}
        <Form.Item
          name="on"
          label={vacate ? t('position.lastDay') : t('position.startDay')}
          extra={action === 'handOver' ? t('position.handOverHint') : undefined}
          rules={[{ required: true, message: t('position.onRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
