import { Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import type { Training } from '../talent.types';
import { useWorkerMutations } from '../workers/workers.api';

interface Values {
  course: string;
  provider?: string;
  providerOrganizationId?: string | null;
  dates: [Dayjs, Dayjs | null];
  hours: number;
  credits?: number | null;
  certificateNo?: string;
  note?: string;
}

interface Props {
  worker: { id: string; name: string };
  training?: Training;
  onClose: () => void;
}

/** 登记培训: a course with its provider (a 社会工作学院, an organization of the register or free text) and hours. */
export function TrainingFormModal({ worker, training, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { addTraining, updateTraining } = useWorkerMutations();
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: onClose });
  const submit = (v: Values) => {
    const [start, end] = v.dates;
    const body = {
      course: v.course.trim(),
      provider: v.provider?.trim() ?? '',
      providerOrganizationId: v.providerOrganizationId ?? null,
      startedOn: toDay(start) ?? '',
      endedOn: toDay(end ?? start) ?? undefined,
      hours: v.hours,
      credits: v.credits ?? null,
      certificateNo: v.certificateNo?.trim() ?? '',
      note: v.note?.trim() ?? '',
    };
    if (training)
      updateTraining.mutate({ id: training.id, ...body, version: training.version }, { onSuccess: done, onError });
    else addTraining.mutate({ id: worker.id, ...body }, { onSuccess: done, onError });
  };
  const initial: Partial<Values> = training
    ? {
        course: training.course,
        provider: training.provider,
        providerOrganizationId: training.providerOrganizationId,
        hours: training.hours,
        credits: training.credits,
        certificateNo: training.certificateNo,
        note: training.note,
        dates: [fromDay(training.startedOn) ?? todayInChina(), fromDay(training.endedOn) ?? null],
      }
    : { dates: [todayInChina(), todayInChina()] };
  return (
    <Modal
      open
      title={t(training ? 'training.editTitle' : 'training.addTitle', { name: worker.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={addTraining.isPending || updateTraining.isPending}
      width={640}
    >
      <Form form={form} name="training" layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="course"
              label={t('training.course')}
              rules={[{ required: true, whitespace: true, message: t('training.courseRequired') }, { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="provider" label={t('training.provider')} rules={[{ max: 100 }]}>
              <Input placeholder={t('training.providerPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="providerOrganizationId" label={t('training.providerOrganization')}>
              <OrganizationSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="dates"
              label={t('training.dates')}
              rules={[{ required: true, message: t('training.datesRequired') }]}
            >
              <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="hours"
              label={t('training.hours')}
              extra={t('training.hoursHint')}
              rules={[{ required: true, message: t('training.hoursRequired') }]}
            >
              <InputNumber min={0.1} step={0.5} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="credits" label={t('training.credits')}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="certificateNo" label={t('training.certificateNo')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="note" label={t('worker.note')} rules={[{ max: 500 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
