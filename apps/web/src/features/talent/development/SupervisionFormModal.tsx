import { Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { StationSelect } from '../shared/StationSelect';
import { WorkerSelect } from '../shared/WorkerSelect';
import type { SupervisionSession } from '../talent.types';
import { type SessionBody, useSupervisionMutations } from './supervision.api';

interface Values {
  outside?: boolean;
  supervisorId?: string | null;
  supervisorName?: string;
  superviseeIds: string[];
  mode: SupervisionSession['mode'];
  heldOn: Dayjs;
  hours: number;
  stationId?: string | null;
  topics?: string[];
  notes?: string;
}

/**
 * 登记督导: a supervisor of the register (or an outside one, by name) with one supervisee for
 * individual supervision, or several for a group. The supervisor cannot be picked as a supervisee.
 */
export function SupervisionFormModal({ session, onClose }: { session?: SupervisionSession; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { create, update } = useSupervisionMutations();
  const modes = useDict('supervision_mode');
  const outside = Form.useWatch('outside', form);
  const supervisorId = Form.useWatch('supervisorId', form);
  const mode = Form.useWatch('mode', form);
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: onClose });
  const submit = (v: Values) => {
    const body: SessionBody = {
      supervisorId: v.outside ? null : (v.supervisorId ?? null),
      ...(v.outside ? { supervisorName: v.supervisorName?.trim() ?? '' } : {}),
      superviseeIds: v.superviseeIds,
      mode: v.mode,
      heldOn: toDay(v.heldOn) ?? '',
      hours: v.hours,
      stationId: v.stationId ?? null,
      topics: (v.topics ?? []).map((s) => s.trim()).filter(Boolean),
      notes: v.notes?.trim() ?? '',
    };
    if (session) update.mutate({ id: session.id, ...body, version: session.version }, { onSuccess: done, onError });
    else create.mutate(body, { onSuccess: done, onError });
  };
  const initial: Partial<Values> = session
    ? {
        outside: !session.supervisor.id,
        supervisorId: session.supervisor.id,
        supervisorName: session.supervisor.id ? '' : session.supervisor.name,
        superviseeIds: session.supervisees.map((s) => s.id),
        mode: session.mode,
        heldOn: fromDay(session.heldOn),
        hours: session.hours,
        stationId: session.station?.id ?? null,
        topics: session.topics,
        notes: session.notes,
      }
    : { outside: false, mode: 'group', heldOn: todayInChina(), superviseeIds: [], topics: [] };
  const known = session
    ? [
        ...session.supervisees,
        ...(session.supervisor.id ? [{ id: session.supervisor.id, name: session.supervisor.name }] : []),
      ]
    : [];
  return (
    <Modal
      open
      title={session ? t('supervision.edit') : t('supervision.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
    >
      <Form form={form} name="supervision" layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="outside"
              label={t('supervision.outside')}
              valuePropName="checked"
              extra={t('supervision.outsideHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={16}>
            {outside ? (
              <Form.Item
                name="supervisorName"
                label={t('supervision.supervisorName')}
                rules={[
                  { required: true, whitespace: true, message: t('supervision.supervisorRequired') },
                  { max: 40 },
                ]}
              >
                <Input />
              </Form.Item>
            ) : (
              <Form.Item
                name="supervisorId"
                label={t('supervision.supervisor')}
                rules={[{ required: true, message: t('supervision.supervisorRequired') }]}
              >
                <WorkerSelect known={known} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="mode" label={t('supervision.mode')} rules={[{ required: true }]}>
              <Radio.Group options={modes.options} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="superviseeIds"
              label={t('supervision.supervisees')}
              dependencies={['mode']}
              rules={[
                { required: true, type: 'array', min: 1, message: t('supervision.superviseesRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, ids?: string[]) =>
                    getFieldValue('mode') === 'individual' && (ids?.length ?? 0) > 1
                      ? Promise.reject(new Error(t('supervision.individualOne')))
                      : Promise.resolve(),
                }),
              ]}
              extra={mode === 'group' ? t('supervision.groupHint') : undefined}
            >
              <WorkerSelect multiple exclude={outside ? [] : [supervisorId]} known={known} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="heldOn"
              label={t('supervision.heldOn')}
              rules={[{ required: true, message: t('supervision.heldOnRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="hours"
              label={t('supervision.hours')}
              rules={[{ required: true, message: t('supervision.hoursRequired') }]}
            >
              <InputNumber min={0.5} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="stationId" label={t('supervision.station')}>
              <StationSelect current={session?.station} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="topics" label={t('supervision.topics')} extra={t('supervision.topicsHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('supervision.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
