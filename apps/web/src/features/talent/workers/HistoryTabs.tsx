import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { RegionPicker } from '../../../components/RegionPicker';
import { feedback } from '../../../utils/feedback';
import { orDash, todayInChina, toDay } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import { StationSelect } from '../shared/StationSelect';
import type { WorkerDetail } from '../talent.types';
import { useWorkerMutations } from './workers.api';

const saved = (t: (k: 'common.saved') => string, close: () => void) => () => {
  feedback.message.success(t('common.saved'));
  close();
};

/** A period as 起止: `2023-03-01 ~ 至今`. */
function Period({ startedOn, endedOn }: { startedOn: string; endedOn: string | null }) {
  const { t } = useTranslation();
  return (
    <span>
      {startedOn} ~ {endedOn ?? <Tag color="green">{t('worker.present')}</Tag>}
    </span>
  );
}

/** 任职经历: where the worker was employed, newest first; a move ends the open period the day before. */
export function EmploymentsTab({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={12}>
      {worker.abilities.update && worker.status === 'active' && (
        <Flex justify="end">
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('worker.employment.add')}
          </Button>
        </Flex>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={worker.employments}
        columns={[
          {
            title: t('worker.employment.period'),
            key: 'period',
            render: (_, e) => <Period startedOn={e.startedOn} endedOn={e.endedOn} />,
          },
          { title: t('worker.region'), dataIndex: 'regionName' },
          { title: t('worker.organization'), dataIndex: ['organization', 'name'], render: (v?: string) => orDash(v) },
          { title: t('worker.jobTitle'), dataIndex: 'jobTitle', render: (v: string) => orDash(v) },
        ]}
      />
      {open && <EmploymentModal worker={worker} onClose={() => setOpen(false)} />}
    </Flex>
  );
}

interface EmploymentValues {
  regionCode: string;
  organizationId?: string | null;
  jobTitle?: string;
  startedOn: Dayjs;
  endedOn?: Dayjs | null;
}

function EmploymentModal({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EmploymentValues>();
  const { addEmployment } = useWorkerMutations();
  return (
    <Modal
      open
      title={t('worker.employment.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={addEmployment.isPending}
    >
      <Alert type="info" showIcon title={t('worker.employment.hint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        name="employment"
        layout="vertical"
        initialValues={{ startedOn: todayInChina(), regionCode: worker.regionCode }}
        onFinish={(v) =>
          addEmployment.mutate(
            {
              id: worker.id,
              regionCode: v.regionCode,
              organizationId: v.organizationId ?? null,
              jobTitle: v.jobTitle?.trim() ?? '',
              startedOn: toDay(v.startedOn) ?? '',
              endedOn: toDay(v.endedOn),
            },
            { onSuccess: saved(t, onClose), onError: (err) => handleProblem(err, { form }) },
          )
        }
      >
        <Form.Item
          name="regionCode"
          label={t('worker.region')}
          rules={[{ required: true, message: t('worker.regionRequired') }]}
        >
          <RegionPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="organizationId" label={t('worker.organization')}>
          <OrganizationSelect />
        </Form.Item>
        <Form.Item name="jobTitle" label={t('worker.jobTitle')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="startedOn"
            label={t('worker.startedOn')}
            rules={[{ required: true, message: t('worker.startedOnRequired') }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="endedOn"
            label={t('worker.endedOn')}
            extra={t('worker.employment.endedOnHint')}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** 驻站记录: the stations the worker was resident at (驻站社工), one at a time. */
export function StationAssignmentsTab({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'assign' | 'end' | null>(null);
  const current = worker.stationAssignments.find((a) => a.endedOn === null);
  const editable = worker.abilities.update && worker.status === 'active';
  return (
    <Flex vertical gap={12}>
      {editable && (
        <Flex justify="end" gap={8}>
          {current ? (
            <Button onClick={() => setDialog('end')}>{t('worker.assignment.end')}</Button>
          ) : (
            <Button icon={<PlusOutlined />} onClick={() => setDialog('assign')}>
              {t('worker.assignment.assign')}
            </Button>
          )}
        </Flex>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={worker.stationAssignments}
        columns={[
          { title: t('worker.station'), dataIndex: ['station', 'name'] },
          {
            title: t('worker.employment.period'),
            key: 'period',
            render: (_, a) => <Period startedOn={a.startedOn} endedOn={a.endedOn} />,
          },
        ]}
      />
      {dialog === 'assign' && <AssignModal worker={worker} onClose={() => setDialog(null)} />}
      {dialog === 'end' && current && (
        <EndAssignmentModal worker={worker} stationName={current.station.name} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}

function AssignModal({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ stationId: string; startedOn: Dayjs; endedOn?: Dayjs | null }>();
  const { assign } = useWorkerMutations();
  return (
    <Modal
      open
      title={t('worker.assignment.assign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={assign.isPending}
    >
      <Form
        form={form}
        name="assignment"
        layout="vertical"
        initialValues={{ startedOn: todayInChina() }}
        onFinish={(v) =>
          assign.mutate(
            { id: worker.id, stationId: v.stationId, startedOn: toDay(v.startedOn) ?? '', endedOn: toDay(v.endedOn) },
            { onSuccess: saved(t, onClose), onError: (err) => handleProblem(err, { form }) },
          )
        }
      >
        <Form.Item
          name="stationId"
          label={t('worker.station')}
          rules={[{ required: true, message: t('worker.assignment.stationRequired') }]}
        >
          <StationSelect style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="startedOn"
            label={t('worker.startedOn')}
            rules={[{ required: true, message: t('worker.startedOnRequired') }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="endedOn"
            label={t('worker.endedOn')}
            extra={t('worker.assignment.endedOnHint')}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function EndAssignmentModal({
  worker,
  stationName,
  onClose,
}: {
  worker: WorkerDetail;
  stationName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ endedOn: Dayjs }>();
  const { endAssignment } = useWorkerMutations();
  return (
    <Modal
      open
      title={t('worker.assignment.endTitle', { station: stationName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={endAssignment.isPending}
    >
      <Form
        form={form}
        name="assignmentEnd"
        layout="vertical"
        initialValues={{ endedOn: todayInChina() }}
        onFinish={(v) =>
          endAssignment.mutate(
            { id: worker.id, endedOn: toDay(v.endedOn) ?? '' },
            { onSuccess: saved(t, onClose), onError: (err) => handleProblem(err, { form }) },
          )
        }
      >
        <Form.Item
          name="endedOn"
          label={t('worker.assignment.lastDay')}
          rules={[{ required: true, message: t('worker.assignment.lastDayRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
