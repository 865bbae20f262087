import { zIdCard, zPersonalPhone } from '@lianxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { sharedRule } from '../../../utils/validation';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import { StationSelect } from '../shared/StationSelect';
import type { Worker } from '../talent.types';
import { fetchWorker, useWorkerMutations, WORKERS_KEY, type WorkerCreateBody } from './workers.api';

interface Values {
  name: string;
  idNumber?: string;
  sex?: string | null;
  birthDate?: Dayjs | null;
  phone?: string;
  education?: string | null;
  major?: string;
  category: Worker['category'];
  regionCode: string;
  organizationId?: string | null;
  jobTitle?: string;
  note?: string;
  joinedOn?: Dayjs | null;
  stationId?: string | null;
}

interface Props {
  /** The worker to correct; none to register one. */
  worker?: Worker;
  onClose: () => void;
}

const initialOf = (w: Worker): Values => ({
  name: w.name,
  sex: w.sex || null,
  birthDate: fromDay(w.birthDate),
  education: w.education,
  major: w.major,
  category: w.category,
  regionCode: w.regionCode,
  organizationId: w.organization?.id ?? null,
  jobTitle: w.jobTitle,
  note: w.note,
});

/**
 * 新增人才 / 编辑人才. The ID number is checked here with the server's own validator (checksum,
 * birth date, address code) before anything is sent. On edit the ID number and phone are shown
 * masked and left blank: typing a value replaces them, nothing typed keeps them.
 */
export function WorkerFormModal({ worker: initial, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [worker, setWorker] = useState(initial);
  const { create, update } = useWorkerMutations();
  const sexes = useDict('sys_user_sex');
  const educations = useDict('talent_education');
  const categories = useDict('talent_category');

  const reload = async () => {
    if (!worker) return;
    const fresh = await fetchWorker(worker.id);
    setWorker(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [WORKERS_KEY] });
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: reload });
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };

  const submit = (v: Values) => {
    const fields = {
      name: v.name.trim(),
      category: v.category,
      regionCode: v.regionCode,
      organizationId: v.organizationId ?? null,
      education: v.education ?? null,
      major: v.major?.trim() ?? '',
      jobTitle: v.jobTitle?.trim() ?? '',
      note: v.note?.trim() ?? '',
      ...(v.sex ? { sex: v.sex } : {}),
      ...(v.birthDate ? { birthDate: toDay(v.birthDate) } : {}),
    };
    const idNumber = v.idNumber?.trim();
    const phone = v.phone?.trim();
    if (worker) {
      update.mutate(
        {
          id: worker.id,
          ...fields,
          ...(idNumber ? { idNumber } : {}),
          ...(phone ? { phone } : {}),
          version: worker.version,
        },
        { onSuccess: done, onError },
      );
    } else {
      const body: WorkerCreateBody = {
        ...fields,
        idNumber: idNumber ?? '',
        phone: phone || null,
        joinedOn: toDay(v.joinedOn) ?? undefined,
        stationId: v.stationId ?? null,
      };
      create.mutate(body, { onSuccess: done, onError });
    }
  };

  return (
    <Modal
      open
      title={worker ? t('worker.edit') : t('worker.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={800}
    >
      <Form
        form={form}
        name="worker"
        layout="vertical"
        initialValues={worker ? initialOf(worker) : { joinedOn: todayInChina() }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('worker.name')}
              rules={[{ required: true, whitespace: true, message: t('worker.nameRequired') }, { max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="idNumber"
              label={t('worker.idNumber')}
              extra={worker ? t('worker.keepHint', { value: worker.idNumber }) : undefined}
              rules={[
                ...(worker ? [] : [{ required: true, whitespace: true, message: t('worker.idNumberRequired') }]),
                sharedRule(zIdCard),
              ]}
              validateFirst
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sex" label={t('worker.sex')} extra={t('worker.fromIdHint')}>
              <Select allowClear options={sexes.options} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="birthDate" label={t('worker.birthDate')} extra={t('worker.fromIdHint')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="phone"
              label={t('worker.phone')}
              extra={worker?.phone ? t('worker.keepHint', { value: worker.phone }) : undefined}
              rules={[sharedRule(zPersonalPhone)]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="education" label={t('worker.education')}>
              <Select allowClear options={educations.options} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="major" label={t('worker.major')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="category"
              label={t('worker.category')}
              rules={[{ required: true, message: t('worker.categoryRequired') }]}
            >
              <Select options={categories.options} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('worker.region')}
              rules={[{ required: true, message: t('worker.regionRequired') }]}
            >
              <RegionPicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organizationId" label={t('worker.organization')}>
              <OrganizationSelect current={worker?.organization} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="jobTitle" label={t('worker.jobTitle')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
          {!worker && (
            <>
              <Col span={12}>
                <Form.Item name="joinedOn" label={t('worker.joinedOn')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="stationId" label={t('worker.initialStation')} extra={t('worker.initialStationHint')}>
                  <StationSelect style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
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
