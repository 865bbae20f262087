import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf, showProblem } from '../../../api/problem';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { type ImportReport, useExportDirectory, useImportDirectory } from './directory.api';

const ENTITIES = ['organizations', 'services', 'locations', 'service_at_locations'] as const;
type Entity = (typeof ENTITIES)[number];

interface Picked {
  name: string;
  doc: Record<string, unknown>;
}

interface DocError {
  path: string;
  message: string;
}

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const rows = ENTITIES.map((e) => ({ entity: e, ...report[e] }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="entity"
      dataSource={rows}
      data-testid="directory-report"
      columns={[
        { title: t('directory.entity'), dataIndex: 'entity', render: (e: Entity) => t(`directory.entities.${e}`) },
        { title: t('directory.created'), dataIndex: 'created', align: 'right' },
        { title: t('directory.updated'), dataIndex: 'updated', align: 'right' },
        { title: t('directory.unchanged'), dataIndex: 'unchanged', align: 'right' },
      ]}
    />
  );
}

const changes = (r: ImportReport) => ENTITIES.reduce((n, e) => n + r[e].created + r[e].updated, 0);

/** 目录交换: the directory out as an HSDS 3.0 file, and an HSDS file in after a dry run (预检). */
export default function DirectoryPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const exporter = useExportDirectory();
  const importer = useImportDirectory();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<DocError[]>([]);
  const [unreadable, setUnreadable] = useState(false);

  const reset = () => {
    setDryRun(null);
    setDone(null);
    setErrors([]);
    setUnreadable(false);
  };

  const pick = async (file: File) => {
    reset();
    setPicked(null);
    try {
      const doc = JSON.parse(await file.text());
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not an object');
      setPicked({ name: file.name, doc });
    } catch {
      setUnreadable(true);
    }
    return false;
  };

  const run = (dry: boolean) => {
    if (!picked) return;
    importer.mutate(
      { doc: picked.doc, dryRun: dry },
      {
        onSuccess: (report) => {
          setErrors([]);
          if (dry) setDryRun(report);
          else {
            setDone(report);
            setDryRun(null);
            feedback.message.success(t('directory.imported'));
          }
        },
        onError: (err) => {
          const problem = problemOf(err);
          if (problem.errors?.length) {
            setDryRun(null);
            setErrors(problem.errors.map((e) => ({ path: e.path, message: e.message })));
          } else showProblem(err);
        },
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t('directory.exportTitle')}>
        <Space orientation="vertical">
          <Typography.Paragraph>{t('directory.exportHint')}</Typography.Paragraph>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={exporter.isPending}
            onClick={() =>
              exporter.mutate(undefined, {
                onSuccess: (r) => feedback.message.success(t('directory.exported', r)),
                onError: showProblem,
              })
            }
          >
            {t('directory.export')}
          </Button>
        </Space>
      </Card>
      {can('network:directory:import') && (
        <Card title={t('directory.importTitle')}>
          <Flex vertical gap={12}>
            <Typography.Paragraph>{t('directory.importHint')}</Typography.Paragraph>
            <Upload.Dragger accept=".json,application/json" maxCount={1} showUploadList={false} beforeUpload={pick}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">
                {picked ? t('directory.picked', { name: picked.name }) : t('directory.pick')}
              </p>
            </Upload.Dragger>
            {unreadable && <Alert type="error" showIcon title={t('directory.unreadable')} />}
            <Space>
              <Button
                disabled={!picked}
                loading={importer.isPending && importer.variables?.dryRun}
                onClick={() => run(true)}
              >
                {t('directory.dryRun')}
              </Button>
              <Button
                type="primary"
                disabled={!dryRun || changes(dryRun) === 0}
                loading={importer.isPending && !importer.variables?.dryRun}
                onClick={() => run(false)}
              >
                {t('directory.confirm')}
              </Button>
            </Space>
            {dryRun && (
              <>
                <Alert
                  type={changes(dryRun) ? 'info' : 'success'}
                  showIcon
                  title={
                    changes(dryRun)
                      ? t('directory.dryRunChanges', { count: changes(dryRun) })
                      : t('directory.nothingToChange')
                  }
                />
                <ReportTable report={dryRun} />
              </>
            )}
            {done && (
              <>
                <Alert type="success" showIcon title={t('directory.imported')} />
                <ReportTable report={done} />
              </>
            )}
            {errors.length > 0 && (
              <>
                <Alert type="error" showIcon title={t('directory.errors', { count: errors.length })} />
                <Table
                  size="small"
                  rowKey={(e) => `${e.path} ${e.message}`}
                  dataSource={errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="directory-errors"
                  columns={[
                    {
                      title: t('directory.path'),
                      dataIndex: 'path',
                      render: (p: string) => <Typography.Text code>{p || '/'}</Typography.Text>,
                    },
                    { title: t('directory.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
