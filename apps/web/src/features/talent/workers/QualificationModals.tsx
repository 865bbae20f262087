import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import type { Certificate, Honor, Level } from '../talent.types';
import { useReloadQualifications, useWorkerMutations } from './workers.api';

const useDone = (onClose: () => void) => {
  const { t } = useTranslation();
  return () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
};

interface CertificateValues {
  level: Level;
  certificateNo?: string;
  obtainedOn: Dayjs;
  issuingBody?: string;
  examYear?: number | null;
  validUntil?: Dayjs | null;
  revokedOn?: Dayjs | null;
  revokeReason?: string;
}

const certificateValues = (c: Certificate): Partial<CertificateValues> => ({
  level: c.level,
  certificateNo: c.certificateNo ?? '',
  obtainedOn: fromDay(c.obtainedOn),
  issuingBody: c.issuingBody,
  examYear: c.examYear,
  validUntil: fromDay(c.validUntil),
  revokedOn: fromDay(c.revokedOn),
  revokeReason: c.revokeReason,
});

/**
 * 添加证书 / 编辑证书. A certificate created by a passed exam comes with its number pending: the
 * same form confirms the number. Edits carry the version (optimistic locking); on a conflict the
 * form takes the current certificate and the list refreshes.
 */
export function CertificateFormModal({
  workerId,
  certificate: initial,
  onClose,
}: {
  workerId: string;
  certificate?: Certificate;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CertificateValues>();
  const [certificate, setCertificate] = useState(initial);
  const { addCertificate, updateCertificate } = useWorkerMutations();
  const reloadQualifications = useReloadQualifications(workerId);
  const levels = useDict('qualification_level');
  const done = useDone(onClose);
  const revoked = Form.useWatch('revokedOn', form);
  const reload = (current: unknown) => {
    const fresh = reloadQualifications(current)?.certificates.find((c) => c.id === certificate?.id);
    if (!fresh) return onClose();
    setCertificate(fresh);
    form.setFieldsValue(certificateValues(fresh));
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: reload });
  const submit = (v: CertificateValues) => {
    const body = {
      level: v.level,
      certificateNo: v.certificateNo?.trim() || null,
      obtainedOn: toDay(v.obtainedOn) ?? '',
      issuingBody: v.issuingBody?.trim() ?? '',
      examYear: v.examYear ?? null,
      validUntil: toDay(v.validUntil),
      revokedOn: toDay(v.revokedOn),
      revokeReason: v.revokedOn ? (v.revokeReason?.trim() ?? '') : '',
    };
    if (certificate)
      updateCertificate.mutate(
        { id: certificate.id, ...body, version: certificate.version },
        { onSuccess: done, onError },
      );
    else addCertificate.mutate({ id: workerId, ...body }, { onSuccess: done, onError });
  };
  const values: Partial<CertificateValues> = certificate
    ? certificateValues(certificate)
    : { obtainedOn: todayInChina() };
  return (
    <Modal
      open
      title={certificate ? t('qualification.editCertificate') : t('qualification.addCertificate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={addCertificate.isPending || updateCertificate.isPending}
      width={640}
    >
      <Form form={form} name="certificate" layout="vertical" initialValues={values} onFinish={submit}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="level"
              label={t('qualification.level')}
              rules={[{ required: true, message: t('qualification.levelRequired') }]}
            >
              <Select options={levels.options} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="certificateNo"
              label={t('qualification.certificateNo')}
              extra={t('qualification.certificateNoHint')}
              rules={[{ max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="obtainedOn"
              label={t('qualification.obtainedOn')}
              rules={[{ required: true, message: t('qualification.obtainedOnRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="examYear" label={t('qualification.examYear')}>
              <InputNumber min={2008} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuingBody" label={t('qualification.issuingBody')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="validUntil"
              label={t('qualification.validUntil')}
              extra={t('qualification.validUntilHint')}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {certificate && (
            <>
              <Col span={12}>
                <Form.Item name="revokedOn" label={t('qualification.revokedOn')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {revoked && (
                <Col span={12}>
                  <Form.Item name="revokeReason" label={t('qualification.revokeReason')} rules={[{ max: 200 }]}>
                    <Input />
                  </Form.Item>
                </Col>
              )}
            </>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

/** 登记 / 续期: a new registration period of a certificate; the end defaults to the parameter's length. */
export function RegistrationModal({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ registeredOn: Dayjs; renewalDueOn?: Dayjs | null; registrationNo?: string }>();
  const { addRegistration } = useWorkerMutations();
  const levels = useDict('qualification_level');
  const done = useDone(onClose);
  return (
    <Modal
      open
      title={t('qualification.registerTitle', { level: levels.find(certificate.level)?.text ?? certificate.level })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={addRegistration.isPending}
    >
      <Form
        form={form}
        name="registration"
        layout="vertical"
        initialValues={{ registeredOn: todayInChina() }}
        onFinish={(v) =>
          addRegistration.mutate(
            {
              id: certificate.id,
              registeredOn: toDay(v.registeredOn) ?? '',
              renewalDueOn: toDay(v.renewalDueOn) ?? undefined,
              registrationNo: v.registrationNo?.trim() || undefined,
            },
            { onSuccess: done, onError: (err) => handleProblem(err, { form }) },
          )
        }
      >
        <Form.Item
          name="registeredOn"
          label={t('qualification.registeredOn')}
          rules={[{ required: true, message: t('qualification.registeredOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="renewalDueOn"
          label={t('qualification.renewalDueOn')}
          extra={t('qualification.renewalDueHint')}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="registrationNo" label={t('qualification.registrationNo')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type HonorValues = Pick<Honor, 'kind' | 'level' | 'year'> & { awardedBy?: string; note?: string };

const honorValues = (h: Honor): HonorValues => ({
  kind: h.kind,
  level: h.level,
  year: h.year,
  awardedBy: h.awardedBy,
  note: h.note,
});

/**
 * 添加称号 / 编辑称号: a title such as 领军人才 at a national, provincial or city level. An edit
 * carries the version; on a conflict the form takes the current entry and the list refreshes.
 */
export function HonorFormModal({
  workerId,
  honor: initial,
  onClose,
}: {
  workerId: string;
  honor?: Honor;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HonorValues>();
  const [honor, setHonor] = useState(initial);
  const { addHonor, updateHonor } = useWorkerMutations();
  const reloadQualifications = useReloadQualifications(workerId);
  const kinds = useDict('talent_honor_kind');
  const levels = useDict('honor_level');
  const done = useDone(onClose);
  const reload = (current: unknown) => {
    const fresh = reloadQualifications(current)?.honors.find((h) => h.id === honor?.id);
    if (!fresh) return onClose();
    setHonor(fresh);
    form.setFieldsValue(honorValues(fresh));
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: reload });
  const submit = (v: HonorValues) => {
    if (honor) {
      const body = {
        kind: v.kind,
        level: v.level,
        year: v.year,
        awardedBy: v.awardedBy?.trim() ?? '',
        note: v.note?.trim() ?? '',
        version: honor.version,
      };
      updateHonor.mutate({ id: honor.id, ...body }, { onSuccess: done, onError });
    } else {
      addHonor.mutate(
        {
          id: workerId,
          kind: v.kind,
          level: v.level,
          year: v.year,
          awardedBy: v.awardedBy?.trim() || undefined,
          note: v.note?.trim() || undefined,
        },
        { onSuccess: done, onError },
      );
    }
  };
  return (
    <Modal
      open
      title={honor ? t('qualification.editHonor') : t('qualification.addHonor')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={addHonor.isPending || updateHonor.isPending}
    >
      <Form
        form={form}
        name="honor"
        layout="vertical"
        initialValues={honor ? honorValues(honor) : { year: todayInChina().year() }}
        onFinish={submit}
      >
        <Form.Item
          name="kind"
          label={t('qualification.honorKind')}
          rules={[{ required: true, message: t('qualification.honorKindRequired') }]}
        >
          <Select options={kinds.options} />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('qualification.honorLevel')}
          rules={[{ required: true, message: t('qualification.honorLevelRequired') }]}
        >
          <Select options={levels.options} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('qualification.honorYear')}
          rules={[{ required: true, message: t('qualification.honorYearRequired') }]}
        >
          <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="awardedBy" label={t('qualification.awardedBy')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('worker.note')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
