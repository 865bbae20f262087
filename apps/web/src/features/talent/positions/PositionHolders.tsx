import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchPosition, POSITIONS_KEY } from './positions.api';

/** 任职记录: everyone who held the post, newest first, loaded when the row is expanded. */
export function PositionHolders({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: [POSITIONS_KEY, 'detail', id], queryFn: () => fetchPosition(id) });
  if (!detail.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const holders = [...detail.data.holders].sort((a, b) => b.startedOn.localeCompare(a.startedOn));
  if (!holders.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('position.neverFilled')} />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={holders.map((h) => ({
        key: `${h.id}-${h.startedOn}`,
        color: h.endedOn ? 'gray' : 'green',
        content: t(h.endedOn ? 'position.heldFromTo' : 'position.heldFrom', {
          name: h.name,
          from: h.startedOn,
          to: h.endedOn,
        }),
      }))}
    />
  );
}
