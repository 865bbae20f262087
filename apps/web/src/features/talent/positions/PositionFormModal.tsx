import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import { StationSelect } from '../shared/StationSelect';
import type { Position } from '../talent.types';
import { fetchPosition, usePositionMutations } from './positions.api';

interface Values {
  title: string;
  organizationId?: string | null;
  stationId?: string | null;
  regionCode?: string;
  level: string;
  fundedBy: string;
  fundingNote?: string;
  establishedOn: Dayjs;
  abolishedOn?: Dayjs | null;
  note?: string;
}

const initialOf = (p: Position): Values => ({
  title: p.title,
  organizationId: p.organization?.id ?? null,
  stationId: p.station?.id ?? null,
  regionCode: p.regionCode,
  level: p.level,
  fundedBy: p.fundedBy,
  fundingNote: p.fundingNote,
  establishedOn: fromDay(p.establishedOn) ?? todayInChina(),
  abolishedOn: fromDay(p.abolishedOn),
  note: p.note,
});

/** 新增岗位 / 编辑岗位: a post of an organization or station; abolishing it needs it vacant first. */
export function PositionFormModal({ position: initial, onClose }: { position?: Position; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [position, setPosition] = useState(initial);
  const { create, update } = usePositionMutations();
  const levels = useDict('position_level');
  const funders = useDict('position_funder');
  const reload = async () => {
    if (!position) return;
    const fresh = await fetchPosition(position.id);
    setPosition(fresh);
    form.setFieldsValue(initialOf(fresh));
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: reload });
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const submit = (v: Values) => {
    const body = {
      title: v.title.trim(),
      organizationId: v.organizationId ?? null,
      stationId: v.stationId ?? null,
      ...(v.regionCode ? { regionCode: v.regionCode } : {}),
      level: v.level,
      fundedBy: v.fundedBy,
      fundingNote: v.fundingNote?.trim() ?? '',
      establishedOn: toDay(v.establishedOn) ?? '',
      note: v.note?.trim() ?? '',
    };
    if (position)
      update.mutate(
        { id: position.id, ...body, abolishedOn: toDay(v.abolishedOn), version: position.version },
        { onSuccess: done, onError },
      );
    else create.mutate(body, { onSuccess: done, onError });
  };
  return (
    <Modal
      open
      title={position ? t('position.edit') : t('position.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
    >
      <Form
        form={form}
        name="position"
        layout="vertical"
        initialValues={position ? initialOf(position) : { establishedOn: todayInChina(), level: 'none' }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="title"
              label={t('position.title')}
              rules={[{ required: true, whitespace: true, message: t('position.titleRequired') }, { max: 60 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="establishedOn"
              label={t('position.establishedOn')}
              rules={[{ required: true, message: t('position.establishedOnRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organizationId" label={t('position.organization')}>
              <OrganizationSelect current={position?.organization} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="stationId" label={t('position.station')}>
              <StationSelect current={position?.station} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('position.region')} extra={t('position.regionHint')}>
              <RegionPicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="level"
              label={t('position.level')}
              rules={[{ required: true, message: t('position.levelRequired') }]}
            >
              <Select options={levels.options} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="fundedBy"
              label={t('position.fundedBy')}
              rules={[{ required: true, message: t('position.fundedByRequired') }]}
            >
              <Select options={funders.options} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="fundingNote" label={t('position.fundingNote')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          {position && (
            <Col span={12}>
              <Form.Item name="abolishedOn" label={t('position.abolishedOn')} extra={t('position.abolishHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="note" label={t('worker.note')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
