import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import { useDict } from '../../../hooks/useDict';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay, yuanToFen } from '../../../utils/format';
import { OrganizationSelect } from '../../network/organizations/OrganizationSelect';
import { WorkerSelect } from '../shared/WorkerSelect';
import { EXAM_SUBJECTS, type ExamRegistration } from '../talent.types';
import { fetchExam, useExamMutations } from './exams.api';

interface Values {
  workerId?: string;
  year?: number;
  level?: ExamRegistration['level'];
  registeredOn?: Dayjs | null;
  result: ExamRegistration['result'];
  resultOn?: Dayjs | null;
  subjectsPassed?: string[];
  sponsorOrganizationId?: string | null;
  reimbursedItems?: string[];
  reimbursedYuan?: number | null;
  note?: string;
}

const initialOf = (e: ExamRegistration): Values => ({
  workerId: e.worker.id,
  year: e.year,
  level: e.level,
  registeredOn: fromDay(e.registeredOn),
  result: e.result,
  resultOn: fromDay(e.resultOn),
  subjectsPassed: e.subjectsPassed,
  sponsorOrganizationId: e.sponsor?.id ?? null,
  reimbursedItems: e.reimbursedItems,
  reimbursedYuan: e.reimbursedFen / 100,
  note: e.note,
});

/**
 * 新增报名 / 登记成绩. Worker, year and level identify a registration and are fixed once made.
 * A pass creates the certificate (number pending); the form says so, then shows what was created.
 */
export function ExamFormModal({ exam: initial, onClose }: { exam?: ExamRegistration; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [exam, setExam] = useState(initial);
  const { create, update } = useExamMutations();
  const levels = useDict('qualification_level');
  const results = useDict('exam_result');
  const subjects = useDict('exam_subject');
  const items = useDict('exam_reimbursed_item');
  const level = Form.useWatch('level', form);
  const result = Form.useWatch('result', form);
  const levelSubjects = level ? EXAM_SUBJECTS[level] : [];

  const reload = async () => {
    if (!exam) return;
    const fresh = await fetchExam(exam.id);
    setExam(fresh);
    form.setFieldsValue(initialOf(fresh));
  };
  const onError = (err: unknown) => handleProblem(err, { form, onConflict: reload });
  const done = (saved: ExamRegistration) => {
    const created = saved.certificate && !exam?.certificate;
    feedback.message.success(created ? t('exam.certificateCreated', { name: saved.worker.name }) : t('common.saved'));
    onClose();
  };
  const submit = (v: Values) => {
    const known = v.result !== 'pending';
    const body = {
      registeredOn: toDay(v.registeredOn),
      result: v.result,
      resultOn: known ? toDay(v.resultOn) : null,
      // A pass without a choice passed every subject (the server's rule); otherwise send what was ticked.
      ...(v.result === 'absent' || v.result === 'pending'
        ? { subjectsPassed: [] }
        : v.subjectsPassed?.length || v.result === 'failed'
          ? { subjectsPassed: v.subjectsPassed ?? [] }
          : {}),
      sponsorOrganizationId: v.sponsorOrganizationId ?? null,
      reimbursedItems: v.reimbursedItems ?? [],
      reimbursedFen: yuanToFen(v.reimbursedYuan),
      note: v.note?.trim() ?? '',
    };
    if (exam) update.mutate({ id: exam.id, ...body, version: exam.version }, { onSuccess: done, onError });
    else
      create.mutate(
        { workerId: v.workerId ?? '', year: v.year ?? 0, level: v.level ?? 'assistant', ...body },
        { onSuccess: done, onError },
      );
  };

  return (
    <Modal
      open
      title={
        exam
          ? t('exam.resultTitle', {
              name: exam.worker.name,
              year: exam.year,
              level: levels.find(exam.level)?.text ?? exam.level,
            })
          : t('exam.create')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
    >
      <Form
        form={form}
        name="exam"
        layout="vertical"
        initialValues={
          exam
            ? initialOf(exam)
            : { year: todayInChina().year(), result: 'pending', registeredOn: todayInChina(), reimbursedItems: [] }
        }
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if ('level' in changed) form.setFieldValue('subjectsPassed', []);
        }}
      >
        <Row gutter={16}>
          <Col span={10}>
            {exam ? (
              <Form.Item label={t('exam.worker')}>
                <Input disabled value={exam.worker.name} />
              </Form.Item>
            ) : (
              <Form.Item
                name="workerId"
                label={t('exam.worker')}
                rules={[{ required: true, message: t('exam.workerRequired') }]}
              >
                <WorkerSelect />
              </Form.Item>
            )}
          </Col>
          <Col span={5}>
            <Form.Item name="year" label={t('exam.year')} rules={[{ required: true, message: t('exam.yearRequired') }]}>
              <InputNumber min={2008} max={2100} precision={0} disabled={!!exam} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item
              name="level"
              label={t('exam.level')}
              rules={[{ required: true, message: t('exam.levelRequired') }]}
            >
              <Select options={levels.options} disabled={!!exam} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="registeredOn" label={t('exam.registeredOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="result" label={t('exam.result')}>
              <Radio.Group options={results.options} />
            </Form.Item>
          </Col>
          {result && result !== 'pending' && (
            <>
              <Col span={8}>
                <Form.Item
                  name="resultOn"
                  label={t('exam.resultOn')}
                  rules={[{ required: true, message: t('exam.resultOnRequired') }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {result !== 'absent' && (
                <Col span={16}>
                  <Form.Item
                    name="subjectsPassed"
                    label={t('exam.subjectsPassed')}
                    extra={result === 'passed' ? t('exam.subjectsPassedHint') : undefined}
                  >
                    <Checkbox.Group
                      options={levelSubjects.map((s) => ({ value: s, label: subjects.find(s)?.text ?? s }))}
                    />
                  </Form.Item>
                </Col>
              )}
            </>
          )}
          {result === 'passed' && !exam?.certificate && (
            <Col span={24}>
              <Alert type="info" showIcon title={t('exam.passedHint')} style={{ marginBottom: 16 }} />
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="sponsorOrganizationId" label={t('exam.sponsor')} extra={t('exam.sponsorHint')}>
              <OrganizationSelect current={exam?.sponsor} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reimbursedYuan" label={t('exam.reimbursedYuan')}>
              <InputNumber min={0} max={1_000_000} precision={2} step={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="reimbursedItems" label={t('exam.reimbursedItems')}>
              <Checkbox.Group options={items.options} />
            </Form.Item>
          </Col>
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
