import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { DictTag } from '../../../components/DictTag';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { SearchForm } from '../../../components/SearchForm';
import { useDict } from '../../../hooks/useDict';
import { useListQuery } from '../../../hooks/useListQuery';
import { usePermission } from '../../../hooks/usePermission';
import { formatFen, orDash, todayInChina } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import type { ExamRegistration } from '../talent.types';
import { ExamFormModal } from './ExamFormModal';
import { EXAMS_KEY, type ExamFilters, fetchExams } from './exams.api';

type Dialog = { exam?: ExamRegistration } | null;

/** 考试报名: yearly registrations for 社会工作者职业水平考试, their results and who reimbursed the fees. */
export default function ExamsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const list = useListQuery<ExamFilters, ExamRegistration>(EXAMS_KEY, fetchExams);
  const levels = useDict('qualification_level');
  const results = useDict('exam_result');
  const subjects = useDict('exam_subject');
  const items = useDict('exam_reimbursed_item');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<ExamRegistration> = [
    { title: t('exam.worker'), dataIndex: ['worker', 'name'], fixed: 'left' },
    { title: t('exam.year'), dataIndex: 'year' },
    {
      title: t('exam.level'),
      dataIndex: 'level',
      render: (v: string) => <DictTag dict="qualification_level" value={v} />,
    },
    { title: t('exam.region'), dataIndex: 'regionName' },
    { title: t('exam.registeredOn'), dataIndex: 'registeredOn', render: (v: string | null) => orDash(v) },
    { title: t('exam.result'), dataIndex: 'result', render: (v: string) => <DictTag dict="exam_result" value={v} /> },
    {
      title: t('exam.subjectsPassed'),
      dataIndex: 'subjectsPassed',
      render: (v: string[]) =>
        v.length ? v.map((s) => subjects.find(s)?.text ?? s).join(t('network.separator')) : '-',
    },
    { title: t('exam.sponsor'), dataIndex: ['sponsor', 'name'], render: (v?: string) => orDash(v) },
    {
      title: t('exam.reimbursedItems'),
      dataIndex: 'reimbursedItems',
      render: (v: string[]) => (v.length ? v.map((s) => items.find(s)?.text ?? s).join(t('network.separator')) : '-'),
    },
    { title: t('exam.reimbursed'), dataIndex: 'reimbursedFen', align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('exam.certificate'),
      dataIndex: 'certificate',
      render: (c: ExamRegistration['certificate']) =>
        c ? (
          <Tag color={c.numberPending ? 'warning' : 'success'}>
            {c.numberPending ? t('exam.certificatePending') : c.certificateNo}
          </Tag>
        ) : (
          '-'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, e) =>
        e.abilities.update ? (
          <Button type="link" size="small" onClick={() => setDialog({ exam: e })}>
            {e.result === 'pending' ? t('exam.recordResult') : t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={t('menu.exams')}
      search={
        <SearchForm<ExamFilters> onSearch={list.search}>
          <Form.Item name="year" label={t('exam.year')}>
            <InputNumber min={2008} max={todayInChina().year() + 1} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="level" label={t('exam.level')}>
            <Select allowClear options={levels.options} style={{ width: 160 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="result" label={t('exam.result')}>
            <Select allowClear options={results.options} style={{ width: 110 }} placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('exam.region')}>
            <RegionPicker />
          </Form.Item>
          <Form.Item name="sponsorOrganizationId" label={t('exam.sponsor')}>
            <OrganizationSelect />
          </Form.Item>
        </SearchForm>
      }
      toolbar={
        <Space>
          {can('talent:exam:edit') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              {t('exam.create')}
            </Button>
          )}
        </Space>
      }
    >
      <DataTable<ExamRegistration>
        rowKey="id"
        columns={columns}
        rows={list.rows}
        loading={list.query.isFetching}
        pagination={list.pagination}
      />
      {dialog && <ExamFormModal exam={dialog.exam} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
