import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { RegionPicker } from '../../../components/RegionPicker';
import { feedback } from '../../../utils/feedback';
import { fromDay, toDay } from '../../../utils/format';
import { fetchTarget, LEVELS, METRICS, type Metric, type Target, useTargetMutations } from './targets.api';

interface Values {
  regionCode: string;
  metric: Metric;
  level?: (typeof LEVELS)[number] | null;
  value: number;
  dueOn: Dayjs;
  baselineValue?: number | null;
  baselineOn?: Dayjs | null;
  source?: string;
  note?: string;
}

const initialOf = (t: Target): Values => ({
  regionCode: t.regionCode,
  metric: t.metric,
  level: t.level,
  value: t.value,
  dueOn: fromDay(t.dueOn) as Dayjs,
  baselineValue: t.baselineValue,
  baselineOn: fromDay(t.baselineOn) ?? null,
  source: t.source,
  note: t.note,
});

/**
 * 新增目标 / 编辑目标 / 分解: a share of `parent` keeps its metric, level and due date and is set for
 * a region below it; the server refuses shares that add up to more than the parent (at 目标值).
 */
export function TargetFormModal({
  target: initial,
  parent,
  onClose,
}: {
  target?: Target;
  parent?: Target;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [target, setTarget] = useState(initial);
  const { create, update } = useTargetMutations();
  const metric = Form.useWatch('metric', form);
  const share = parent ?? (target?.parent ? { id: target.parent.id } : undefined);

  const reload = async () => {
    if (!target) return;
    const fresh = await fetchTarget(target.id);
    setTarget(fresh);
    form.setFieldsValue(initialOf(fresh));
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const submit = (v: Values) => {
    const body = {
      regionCode: v.regionCode,
      metric: v.metric,
      level: v.metric === 'certified' ? (v.level ?? null) : null,
      value: v.value,
      dueOn: toDay(v.dueOn) ?? '',
      baselineValue: v.baselineValue ?? null,
      baselineOn: toDay(v.baselineOn),
      parentId: share?.id ?? null,
      source: v.source?.trim() ?? '',
      note: v.note?.trim() ?? '',
    };
    if (target)
      update.mutate(
        { id: target.id, ...body, version: target.version },
        { onSuccess: done, onError: (err) => handleProblem(err, { form, onConflict: reload }) },
      );
    else create.mutate(body, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
  };
  const initialValues: Partial<Values> = target
    ? initialOf(target)
    : parent
      ? { metric: parent.metric, level: parent.level, dueOn: fromDay(parent.dueOn) }
      : { metric: 'certified', level: null };
  const locked = !!parent || !!target?.parent || (target?.shares.count ?? 0) > 0;

  return (
    <Modal
      open
      title={
        parent
          ? `${t('tstats.targets.splitAction')}：${parent.regionName}`
          : target
            ? t('tstats.targets.edit')
            : t('tstats.targets.create')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={720}
    >
      <Form form={form} name="target" layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('tstats.region')}
              rules={[{ required: true, message: t('tstats.targets.regionRequired') }]}
              extra={parent ? t('tstats.targets.parentHint') : undefined}
            >
              <RegionPicker aria-label={t('tstats.region')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="metric"
              label={t('tstats.targets.metric')}
              rules={[{ required: true, message: t('tstats.targets.metricRequired') }]}
            >
              <Select disabled={locked} options={METRICS.map((m) => ({ value: m, label: t(`tstats.metric.${m}`) }))} />
            </Form.Item>
          </Col>
          {metric === 'certified' && (
            <Col span={12}>
              <Form.Item name="level" label={t('tstats.targets.level')}>
                <Select
                  disabled={locked}
                  allowClear
                  placeholder={t('tstats.targets.allLevels')}
                  options={LEVELS.map((l) => ({ value: l, label: t(`tstats.level.${l}`) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="value"
              label={t('tstats.targets.value')}
              rules={[{ required: true, message: t('tstats.targets.valueRequired') }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="dueOn"
              label={t('tstats.targets.dueOn')}
              rules={[{ required: true, message: t('tstats.targets.dueOnRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="baselineValue" label={t('tstats.targets.baselineValue')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="baselineOn" label={t('tstats.targets.baselineOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="source" label={t('tstats.targets.source')} rules={[{ max: 200 }]}>
              <Input placeholder={t('tstats.targets.sourcePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('tstats.targets.note')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
