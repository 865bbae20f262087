import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { DictTag } from '../../../components/DictTag';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { orDash } from '../../../utils/format';
import type { Certificate, Honor, WorkerDetail } from '../talent.types';
import { CertificateFormModal, HonorFormModal, RegistrationModal } from './QualificationModals';
import { fetchQualifications, qualificationsKey, useReloadQualifications, useWorkerMutations } from './workers.api';

type Dialog =
  | { kind: 'certificate'; certificate?: Certificate }
  | { kind: 'registration'; certificate: Certificate }
  | { kind: 'honor'; honor?: Honor }
  | null;

/** 证书与荣誉: certificates with their registration (登记) and renewal, then the honours. */
export function QualificationsTab({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qualificationsKey(worker.id), queryFn: () => fetchQualifications(worker.id) });
  const { deleteHonor } = useWorkerMutations();
  const reload = useReloadQualifications(worker.id);
  const honorKinds = useDict('talent_honor_kind');
  const [dialog, setDialog] = useState<Dialog>(null);
  const editable = worker.abilities.editQualifications;
  const q = query.data;
  if (!q) return <Skeleton active />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('qualification.certificates')}
        </Typography.Title>
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'certificate' })}>
            {t('qualification.addCertificate')}
          </Button>
        )}
      </Flex>
      <Table<Certificate>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={q.certificates}
        columns={[
          {
            title: t('qualification.level'),
            dataIndex: 'level',
            render: (v: string) => <DictTag dict="qualification_level" value={v} />,
          },
          {
            title: t('qualification.certificateNo'),
            dataIndex: 'certificateNo',
            render: (v: string | null, c) =>
              c.numberPending ? <Tag color="warning">{t('qualification.numberPending')}</Tag> : orDash(v),
          },
          { title: t('qualification.obtainedOn'), dataIndex: 'obtainedOn' },
          { title: t('qualification.issuingBody'), dataIndex: 'issuingBody', render: (v: string) => orDash(v) },
          {
            title: t('qualification.validity'),
            key: 'valid',
            render: (_, c) =>
              c.valid ? (
                <Tag color="success">
                  {c.validUntil ? t('qualification.validUntilTag', { date: c.validUntil }) : t('qualification.valid')}
                </Tag>
              ) : (
                <Tag color="error">
                  {c.revokedOn ? t('qualification.revokedTag', { date: c.revokedOn }) : t('qualification.invalid')}
                </Tag>
              ),
          },
          {
            title: t('qualification.registration'),
            key: 'registration',
            render: (_, c) => (
              <Space size={4}>
                <DictTag dict="registration_status" value={c.registration.status} />
                {c.registration.renewalDueOn && (
                  <Typography.Text type="secondary">
                    {t('qualification.renewalDueTag', { date: c.registration.renewalDueOn })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Certificate) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setDialog({ kind: 'certificate', certificate: c })}
                      >
                        {c.numberPending ? t('qualification.confirmNumber') : t('common.edit')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setDialog({ kind: 'registration', certificate: c })}
                      >
                        {c.registration.status === 'unregistered'
                          ? t('qualification.register')
                          : t('qualification.renew')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('qualification.honors')}
        </Typography.Title>
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'honor' })}>
            {t('qualification.addHonor')}
          </Button>
        )}
      </Flex>
      <Table<Honor>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.honors}
        columns={[
          { title: t('qualification.honorYear'), dataIndex: 'year' },
          {
            title: t('qualification.honorKind'),
            dataIndex: 'kind',
            render: (v: string) => honorKinds.find(v)?.text ?? v,
          },
          {
            title: t('qualification.honorLevel'),
            dataIndex: 'level',
            render: (v: string) => <DictTag dict="honor_level" value={v} />,
          },
          { title: t('qualification.awardedBy'), dataIndex: 'awardedBy', render: (v: string) => orDash(v) },
          { title: t('worker.note'), dataIndex: 'note', render: (v: string) => orDash(v) },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, h: Honor) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'honor', honor: h })}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('qualification.deleteHonorConfirm')}
                        onConfirm={() =>
                          deleteHonor.mutateAsync({ id: h.id, version: h.version }).then(
                            () => feedback.message.success(t('common.deleted')),
                            (err) => handleProblem(err, { onConflict: reload }),
                          )
                        }
                      >
                        <Button type="link" size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'certificate' && (
        <CertificateFormModal workerId={worker.id} certificate={dialog.certificate} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'registration' && (
        <RegistrationModal certificate={dialog.certificate} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'honor' && (
        <HonorFormModal workerId={worker.id} honor={dialog.honor} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}
