import { zPersonalPhone, zUscc } from '@lianxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { BodyOf, Organization } from '../../../api/types';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { useCurrentUser } from '../../../hooks/useMe';
import { feedback } from '../../../utils/feedback';
import { fromDay, toDay } from '../../../utils/format';
import { sharedRule } from '../../../utils/validation';
import { fetchOrganization, ORGANIZATIONS_KEY, useOrganizationMutations } from './organizations.api';

interface Values {
  type: Organization['type'];
  name: string;
  creditCode?: string;
  registrationAuthority?: string;
  registeredOn?: Dayjs | null;
  domains?: string[];
  contactName?: string;
  contactPhone?: string;
  address?: string;
  regionCode: string;
}

interface Props {
  /** The organization to edit; none to register one. */
  organization?: Organization;
  onClose: () => void;
}

const initialOf = (o: Organization): Values => ({
  type: o.type,
  name: o.name,
  creditCode: o.creditCode ?? undefined,
  registrationAuthority: o.registrationAuthority,
  registeredOn: fromDay(o.registeredOn),
  domains: o.domains,
  contactName: o.contactName,
  contactPhone: undefined,
  address: o.address,
  regionCode: o.regionCode,
});

/**
 * 新增机构 / 编辑机构. The credit code is checked here with the shared GB 32100 validator (the
 * message names the wrong character); the server checks it again and refuses a duplicate. The
 * contact phone is never prefilled (the list only has it masked): left blank, it stays.
 */
export function OrganizationFormModal({ organization: initial, onClose }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [organization, setOrganization] = useState(initial);
  const { create, update } = useOrganizationMutations();
  const types = useDict('org_type');
  const domains = useDict('org_domain');
  const nationwide = me.scopes.some((s) => s.code === '');

  const reload = async () => {
    if (!organization) return;
    const fresh = await fetchOrganization(organization.id);
    setOrganization(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [ORGANIZATIONS_KEY] });
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };

  const submit = (v: Values) => {
    const phone = v.contactPhone?.trim() || undefined;
    const body: BodyOf<'/api/v1/organizations', 'post'> = {
      type: v.type,
      name: v.name.trim(),
      creditCode: v.creditCode?.trim() || null,
      registrationAuthority: v.registrationAuthority?.trim() ?? '',
      registeredOn: toDay(v.registeredOn),
      domains: v.domains ?? [],
      contactName: v.contactName?.trim() ?? '',
      address: v.address?.trim() ?? '',
      regionCode: v.regionCode,
    };
    if (organization) {
      update.mutate(
        { id: organization.id, ...body, ...(phone ? { contactPhone: phone } : {}), version: organization.version },
        { onSuccess: done, onError: (err) => handleProblem(err, { form, onConflict: reload }) },
      );
    } else {
      create.mutate(
        { ...body, contactPhone: phone ?? null },
        { onSuccess: done, onError: (err) => handleProblem(err, { form }) },
      );
    }
  };

  return (
    <Modal
      open
      title={organization ? t('organizations.edit') : t('organizations.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={720}
    >
      <Form
        form={form}
        name="organization"
        layout="vertical"
        initialValues={
          organization
            ? initialOf(organization)
            : { type: 'agency', domains: [], regionCode: me.regionCode || undefined }
        }
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="type"
              label={t('organizations.type')}
              rules={[{ required: true, message: t('organizations.typeRequired') }]}
            >
              <Select options={types.options} loading={types.loading} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('organizations.region')}
              extra={t('organizations.regionHint')}
              rules={[{ required: true, message: t('organizations.regionRequired') }]}
            >
              <RegionPicker nationwide={nationwide} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('organizations.name')}
              rules={[{ required: true, whitespace: true, message: t('organizations.nameRequired') }, { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label={t('organizations.creditCode')}
              extra={t('organizations.creditCodeHint')}
              rules={[sharedRule(zUscc)]}
              validateDebounce={300}
            >
              <Input maxLength={18} showCount style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="registeredOn" label={t('organizations.registeredOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="registrationAuthority"
              label={t('organizations.registrationAuthority')}
              rules={[{ max: 100 }]}
            >
              <Input placeholder={t('organizations.registrationAuthorityPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="domains" label={t('organizations.domains')}>
              <Select
                mode="multiple"
                options={domains.options}
                loading={domains.loading}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactName" label={t('organizations.contactName')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="contactPhone"
              label={t('organizations.contactPhone')}
              extra={
                organization?.contactPhone ? t('users.phoneKeep', { masked: organization.contactPhone }) : undefined
              }
              rules={[sharedRule(zPersonalPhone)]}
            >
              <Input autoComplete="off" placeholder={organization?.contactPhone ?? undefined} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('organizations.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
