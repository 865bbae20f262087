import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Permission } from '@lianxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../api/problem';
import { usePermission } from '../hooks/usePermission';
import { downloadFile, queryString } from '../utils/download';
import { ImportDialog } from './ImportDialog';

interface Props {
  base: '/api/v1/stations' | '/api/v1/organizations' | '/api/v1/workers';
  /** What is imported and exported, for the dialog's title. */
  name: string;
  importPermission: Permission;
  exportPermission: Permission;
  /** The list page's current filters: the export is what the list shows, all pages. */
  filters: object;
  /** Query keys to refresh after an import. */
  invalidate: string[];
}

/** 导出 on a list's toolbar, shown by permission: the file of `url` under the list's current filters. */
export function ExportButton({
  url,
  permission,
  filters,
}: {
  url: `/api/v1/${string}/export`;
  permission: Permission;
  filters: object;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const [exporting, setExporting] = useState(false);

  const exportNow = async () => {
    setExporting(true);
    try {
      await downloadFile(`${url}${queryString(filters)}`, 'export.xlsx');
    } catch (err) {
      message.error(problemOf(err).title || t('exchange.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  if (!can(permission)) return null;
  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportNow}>
      {t('exchange.export')}
    </Button>
  );
}

/** 导入 / 导出 on a register's toolbar, each shown by permission. */
export function ExchangeButtons({ base, name, importPermission, exportPermission, filters, invalidate }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);

  return (
    <>
      {can(importPermission) && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t('exchange.import')}
        </Button>
      )}
      <ExportButton url={`${base}/export`} permission={exportPermission} filters={filters} />
      {importing && (
        <ImportDialog
          base={base}
          name={name}
          onClose={() => setImporting(false)}
          onImported={() => {
            for (const key of invalidate) queryClient.invalidateQueries({ queryKey: [key] });
          }}
        />
      )}
    </>
  );
}
