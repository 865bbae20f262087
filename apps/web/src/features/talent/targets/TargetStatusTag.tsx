import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from './targets.api';

const COLORS: Record<TargetProgress['status'], string> = {
  on_track: 'success',
  at_risk: 'warning',
  behind: 'error',
  unknown: 'default',
};

export function TargetStatusTag({ status }: { status: TargetProgress['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="target-status">
      {t(`tstats.status.${status}`)}
    </Tag>
  );
}
