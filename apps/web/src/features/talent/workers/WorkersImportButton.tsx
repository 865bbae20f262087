import { useTranslation } from 'react-i18next';
import { ExchangeButtons } from '../../../components/ExchangeButtons';

/** The workers list's filters, as GET /api/v1/workers takes them: the export is what the list shows, all pages. */
export interface WorkerFilters {
  q?: string;
  idNumber?: string;
  category?: string;
  level?: string;
  organizationId?: string;
  stationId?: string;
  regionCode?: string;
  status?: string;
}

interface Props {
  /** The workers page's current filters. */
  filters: WorkerFilters;
  /** Query keys of the lists to refresh after an import (the workers list's, and any figures built on it). */
  invalidate?: string[];
}

/**
 * 导入 / 导出 for the workers page's toolbar, each shown by permission: the roster (花名册) template,
 * import with its dry run and error report, and the export of the filtered register (ID numbers
 * and phones masked).
 */
export function WorkersImportButton({ filters, invalidate = ['workers'] }: Props) {
  const { t } = useTranslation();
  return (
    <ExchangeButtons
      base="/api/v1/workers"
      name={t('exchange.workers')}
      importPermission="talent:worker:import"
      exportPermission="talent:worker:export"
      filters={filters}
      invalidate={invalidate}
    />
  );
}
