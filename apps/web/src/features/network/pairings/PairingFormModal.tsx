import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { Pairing } from '../../../api/types';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { fetchPairing, PAIRINGS_KEY, type PairingBody, usePairingMutations } from './pairings.api';
import { ProvisionFields, type ProvisionValues, provisionsOf } from './ProvisionFields';
import { RegionCodeSelect } from './RegionCodeSelect';

interface Values extends ProvisionValues {
  kind: Pairing['kind'];
  name: string;
  regionCode: string;
  supporterRegionCode?: string | null;
  organizationId?: string | null;
  universityId?: string | null;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  note?: string;
}

const initialOf = (p: Pairing): Values => ({
  kind: p.kind,
  name: p.name,
  regionCode: p.regionCode,
  supporterRegionCode: p.kind === 'region_region' ? p.supporterRegionCode : null,
  organizationId: p.organization?.id ?? null,
  universityId: p.university?.id ?? null,
  startsOn: fromDay(p.startsOn) ?? todayInChina(),
  endsOn: fromDay(p.endsOn),
  supervisorsSent: p.planned.supervisorsSent,
  peopleTrained: p.planned.peopleTrained,
  fundingYuan: p.planned.fundingFen / 100,
  note: p.note,
});

/** 新增结对 / 编辑结对: region ↔ region, organization ↔ community, or 一校两社 (university + organization ↔ community). */
export function PairingFormModal({ pairing: initial, onClose }: { pairing?: Pairing; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [pairing, setPairing] = useState(initial);
  const { create, update } = usePairingMutations();
  const kinds = useDict('pairing_kind');
  const kind = Form.useWatch('kind', form);

  const reload = async () => {
    if (!pairing) return;
    const fresh = await fetchPairing(pairing.id);
    setPairing(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [PAIRINGS_KEY] });
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const submit = (v: Values) => {
    const byRegion = v.kind === 'region_region';
    const body: PairingBody = {
      kind: v.kind,
      name: v.name.trim(),
      regionCode: v.regionCode,
      supporterRegionCode: byRegion ? (v.supporterRegionCode ?? null) : null,
      organizationId: byRegion ? null : (v.organizationId ?? null),
      universityId: v.kind === 'school_org_community' ? (v.universityId ?? null) : null,
      startsOn: toDay(v.startsOn) ?? '',
      endsOn: toDay(v.endsOn),
      ...provisionsOf(v),
      note: v.note?.trim() ?? '',
    };
    if (pairing)
      update.mutate(
        { id: pairing.id, ...body, version: pairing.version },
        { onSuccess: done, onError: (err) => handleProblem(err, { form, onConflict: reload }) },
      );
    else create.mutate(body, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
  };
  const required = (message: string) => [{ required: true, message }];

  return (
    <Modal
      open
      title={pairing ? t('pairings.edit') : t('pairings.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={720}
    >
      <Form
        form={form}
        name="pairing"
        layout="vertical"
        initialValues={pairing ? initialOf(pairing) : { kind: 'region_region', startsOn: todayInChina() }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('pairings.kind')} rules={[{ required: true }]}>
              <Select options={kinds.options} loading={kinds.loading} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('pairings.name')}
              rules={[{ required: true, whitespace: true, message: t('pairings.nameRequired') }, { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          {kind === 'region_region' ? (
            <Col span={12}>
              <Form.Item
                name="supporterRegionCode"
                label={t('pairings.supporterRegion')}
                rules={required(t('pairings.partyRequired'))}
              >
                <RegionCodeSelect currentName={pairing?.supporterRegionName} />
              </Form.Item>
            </Col>
          ) : (
            <Col span={12}>
              <Form.Item
                name="organizationId"
                label={t('pairings.organization')}
                rules={required(t('pairings.partyRequired'))}
              >
                <OrganizationSelect current={pairing?.organization} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('pairings.supported')}
              extra={kind === 'region_region' ? undefined : t('pairings.supportedHint')}
              rules={required(t('pairings.partyRequired'))}
            >
              <RegionCodeSelect currentName={pairing?.regionName} />
            </Form.Item>
          </Col>
          {kind === 'school_org_community' && (
            <Col span={12}>
              <Form.Item
                name="universityId"
                label={t('pairings.university')}
                rules={required(t('pairings.partyRequired'))}
              >
                <OrganizationSelect type="university" current={pairing?.university} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="startsOn" label={t('pairings.startsOn')} rules={required(t('pairings.startsOnRequired'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endsOn" label={t('pairings.endsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <ProvisionFields />
          <Col span={24}>
            <Form.Item name="note" label={t('common.remark')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
