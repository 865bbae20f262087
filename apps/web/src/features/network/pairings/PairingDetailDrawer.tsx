import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Row, Skeleton, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { Pairing } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { feedback } from '../../../utils/feedback';
import { formatDateTime, formatFen, orDash, todayInChina, toDay } from '../../../utils/format';
import { supporterOf } from './pairing-parties';
import { fetchPairing, PAIRINGS_KEY, usePairingMutations } from './pairings.api';
import { ProvisionFields, type ProvisionValues, provisionsOf } from './ProvisionFields';

interface DeliveryValues extends ProvisionValues {
  deliveredOn: Dayjs;
  note?: string;
}

/** 登记落实: one entry in the running record of what the pairing delivered. */
function DeliveryModal({ pairing, onClose }: { pairing: Pairing; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeliveryValues>();
  const { addDelivery } = usePairingMutations();
  const submit = (v: DeliveryValues) =>
    addDelivery.mutate(
      {
        id: pairing.id,
        deliveredOn: toDay(v.deliveredOn) ?? '',
        ...provisionsOf(v),
        note: v.note?.trim() ?? '',
      },
      {
        onSuccess: () => {
          feedback.message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => handleProblem(err, { form }),
      },
    );
  return (
    <Modal
      open
      title={t('pairings.addDelivery')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={addDelivery.isPending}
      okText={t('common.save')}
    >
      <Form
        form={form}
        name="delivery"
        layout="vertical"
        initialValues={{ deliveredOn: todayInChina() }}
        onFinish={submit}
      >
        <Form.Item
          name="deliveredOn"
          label={t('pairings.deliveredOn')}
          rules={[{ required: true, message: t('pairings.deliveredOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <ProvisionFields />
        </Row>
        <Form.Item name="note" label={t('common.remark')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 结对详情: the parties, what was agreed, and every delivery recorded against it. */
export function PairingDetailDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string;
  onClose: () => void;
  onEdit: (pairing: Pairing) => void;
}) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: [PAIRINGS_KEY, 'detail', id], queryFn: () => fetchPairing(id) });
  const [adding, setAdding] = useState(false);
  const p = detail.data;

  return (
    <Drawer
      open
      size="large"
      title={p ? p.name : t('pairings.detail')}
      onClose={onClose}
      extra={
        p?.abilities.edit && (
          <Space>
            <Button onClick={() => onEdit(p)}>{t('common.edit')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('pairings.addDelivery')}
            </Button>
          </Space>
        )
      }
    >
      {!p ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label={t('pairings.kind')} span={2}>
              <DictTag dict="pairing_kind" value={p.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('pairings.supporter')}>
              {supporterOf(p, t('network.separator'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('pairings.supported')}>{p.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('pairings.startsOn')}>{p.startsOn}</Descriptions.Item>
            <Descriptions.Item label={t('pairings.endsOn')}>{p.endsOn ?? t('pairings.open')}</Descriptions.Item>
            <Descriptions.Item label={t('pairings.supervisorsSent')}>
              {t('pairings.versus', { delivered: p.delivered.supervisorsSent, planned: p.planned.supervisorsSent })}
            </Descriptions.Item>
            <Descriptions.Item label={t('pairings.peopleTrained')}>
              {t('pairings.versus', { delivered: p.delivered.peopleTrained, planned: p.planned.peopleTrained })}
            </Descriptions.Item>
            <Descriptions.Item label={t('pairings.funding')} span={2}>
              {t('pairings.versus', {
                delivered: formatFen(p.delivered.fundingFen),
                planned: formatFen(p.planned.fundingFen),
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.remark')} span={2}>
              {orDash(p.note)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('pairings.deliveries')}
          </Typography.Title>
          <DataTable
            size="small"
            rowKey="id"
            pagination={false}
            rows={p.deliveries}
            columns={[
              { title: t('pairings.deliveredOn'), dataIndex: 'deliveredOn' },
              { title: t('pairings.supervisorsSent'), dataIndex: 'supervisorsSent', align: 'right' },
              { title: t('pairings.peopleTrained'), dataIndex: 'peopleTrained', align: 'right' },
              {
                title: t('pairings.funding'),
                dataIndex: 'fundingFen',
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              { title: t('common.remark'), dataIndex: 'note', render: (v: string) => orDash(v) },
              {
                title: t('pairings.recordedBy'),
                key: 'by',
                render: (_, d) => `${d.actorName} ${formatDateTime(d.createdAt)}`,
              },
            ]}
          />
        </>
      )}
      {adding && p && <DeliveryModal pairing={p} onClose={() => setAdding(false)} />}
    </Drawer>
  );
}
