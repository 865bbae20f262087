import { Alert, DatePicker, Descriptions, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem, problemOf } from '../../../api/problem';
import type { Station, StationStatus } from '../../../api/types';
import { DictTag } from '../../../components/DictTag';
import { feedback } from '../../../utils/feedback';
import { todayInChina, toDay } from '../../../utils/format';
import { TOWN_TAKEN, useStationMutations } from './stations.api';

type Target = Exclude<StationStatus, 'planned'>;

/** 筹建 → 运营 → 暂停 ⇄ 运营 → 撤销: what each status may become, as the server allows. */
const NEXT: Record<StationStatus, Target[]> = {
  planned: ['operating', 'closed'],
  operating: ['suspended', 'closed'],
  suspended: ['operating', 'closed'],
  closed: [],
};

interface Values {
  status: Target;
  on: Dayjs;
  reason?: string;
  overrideReason?: string;
}

/** 状态变更: opens, suspends, resumes or closes a station on a given day, with the reason; the server keeps the history. */
export function StationStatusModal({ station, onClose }: { station: Station; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { changeStatus } = useStationMutations();
  const [version, setVersion] = useState(station.version);
  const [current, setCurrent] = useState<StationStatus>(station.status);
  // The server's question when the town already has an operating station (opening a town station).
  const [overrideAsked, setOverrideAsked] = useState<string | null>(null);
  const target = Form.useWatch('status', form);
  const choices = NEXT[current];
  const label = (s: Target) =>
    s === 'operating' && current === 'suspended' ? t('stations.lifecycle.resume') : t(`stations.lifecycle.to.${s}`);

  const submit = (v: Values) => {
    const body = {
      id: station.id,
      status: v.status,
      on: toDay(v.on) ?? '',
      version,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      ...(v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
    };
    changeStatus.mutate(body, {
      onSuccess: () => {
        feedback.message.success(t('stations.lifecycle.done'));
        onClose();
      },
      onError: (err) => {
        const problem = problemOf(err);
        const taken = problem.errors?.find((e) => e.key === TOWN_TAKEN);
        if (taken) {
          setOverrideAsked(taken.message);
          return;
        }
        handleProblem(err, {
          form,
          onConflict: (fresh) => {
            const s = fresh as Station | undefined;
            if (!s) return;
            setVersion(s.version);
            setCurrent(s.status);
            form.resetFields(['status']);
          },
        });
      },
    });
  };

  return (
    <Modal
      open
      title={t('stations.lifecycle.title', { name: station.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: choices.length === 0 }}
      confirmLoading={changeStatus.isPending}
      okText={t('stations.lifecycle.submit')}
      width={520}
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('stations.lifecycle.current')}>
          <DictTag dict="station_status" value={current} />
        </Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        name="stationStatus"
        layout="vertical"
        initialValues={{ status: choices[0], on: todayInChina() }}
        onFinish={submit}
      >
        <Form.Item name="status" label={t('stations.lifecycle.target')} rules={[{ required: true }]}>
          <Radio.Group options={choices.map((s) => ({ value: s, label: label(s) }))} />
        </Form.Item>
        <Form.Item
          name="on"
          label={t('stations.lifecycle.on')}
          rules={[{ required: true, message: t('stations.lifecycle.onRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('stations.lifecycle.reason')}
          rules={
            target === 'operating'
              ? [{ max: 200 }]
              : [{ required: true, whitespace: true, message: t('stations.lifecycle.reasonRequired') }, { max: 200 }]
          }
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        {overrideAsked && target === 'operating' && (
          <>
            <Alert type="warning" showIcon title={overrideAsked} style={{ marginBottom: 16 }} />
            <Form.Item
              name="overrideReason"
              label={t('stations.overrideReason')}
              extra={t('stations.overrideReasonHint')}
              rules={[
                { required: true, whitespace: true, message: t('stations.overrideReasonRequired') },
                { max: 200 },
              ]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
