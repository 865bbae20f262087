import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchApi } from '../api/client';
import { problemOf } from '../api/problem';
import type { paths } from '../api/schema';
import { downloadFile, saveBlob } from '../utils/download';

export type ImportResult = paths['/api/v1/stations/import']['post']['responses'][200]['content']['application/json'];
type RowError = ImportResult['errors'][number];

interface Props {
  /** The register's path, e.g. /api/v1/stations: its /import-template and /import are used. */
  base: '/api/v1/stations' | '/api/v1/organizations' | '/api/v1/workers';
  /** What is imported, in the sentence 导入{{name}}. */
  name: string;
  onClose: () => void;
  /** After rows were written: refresh the lists. */
  onImported: (result: ImportResult) => void;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function postImport(base: string, file: File, dryRun: boolean): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetchApi(`${base}/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form });
  return res.json();
}

function base64Blob(b64: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: XLSX });
}

/**
 * 导入: download the template, pick an .xlsx, 预检 (a dry run showing the counts and every row
 * error), download the error report (the user's own workbook with an 错误信息 column), then 确认导入.
 */
export function ImportDialog({ base, name, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setFileError(null);
    try {
      const r = await postImport(base, file, dryRun);
      setResult(r);
      if (r.committed) {
        message.success(t('exchange.done', r));
        onImported(r);
        onClose();
      }
    } catch (err) {
      const p = problemOf(err);
      setResult(null);
      setFileError(p.errors?.map((e) => e.message).join('；') || p.title);
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    try {
      await downloadFile(`${base}/import-template`, 'template.xlsx');
    } catch (err) {
      message.error(problemOf(err).title || t('exchange.downloadFailed'));
    }
  };

  const ready = !!result && result.errors.length === 0;
  const columns = [
    { title: t('exchange.row'), dataIndex: 'row', width: 90, render: (row: number) => t('exchange.rowN', { row }) },
    { title: t('exchange.column'), dataIndex: 'column', width: 160 },
    { title: t('exchange.reason'), dataIndex: 'message' },
  ];

  return (
    <Modal
      open
      title={t('exchange.title', { name })}
      width={760}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button disabled={!file} loading={busy === 'check'} onClick={() => run(true)}>
            {t('exchange.dryRun')}
          </Button>
          <Button type="primary" disabled={!ready} loading={busy === 'import'} onClick={() => run(false)}>
            {t('exchange.confirm')}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="center" gap={16}>
          <Typography.Text type="secondary">{t('exchange.templateHint')}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={template}>
            {t('exchange.template')}
          </Button>
        </Flex>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => {
            if (!f.name.toLowerCase().endsWith('.xlsx')) {
              message.error(t('exchange.onlyXlsx'));
              return Upload.LIST_IGNORE;
            }
            setFile(f);
            setResult(null);
            setFileError(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('exchange.pick')}</p>
        </Upload.Dragger>
        {fileError && <Alert type="error" showIcon title={fileError} />}
        {result && (
          <>
            <Flex gap={48}>
              <Statistic title={t('exchange.created')} value={result.created} />
              <Statistic title={t('exchange.updated')} value={result.updated} />
              <Statistic title={t('exchange.unchanged')} value={result.unchanged} />
            </Flex>
            {ready ? (
              <Alert type="success" showIcon title={t('exchange.ready')} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('exchange.hasErrors', { count: result.errors.length })}
                action={
                  result.errorReport && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        saveBlob(
                          base64Blob(result.errorReport!),
                          t('exchange.reportName', { name: file?.name.replace(/\.xlsx$/i, '') ?? name }),
                        )
                      }
                    >
                      {t('exchange.report')}
                    </Button>
                  )
                }
              />
            )}
            {result.errors.length > 0 && (
              <Table<RowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                columns={columns}
                dataSource={result.errors}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
              />
            )}
          </>
        )}
      </Flex>
    </Modal>
  );
}
