import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Station, StationHistoryEntry } from '../../../api/types';
import { DictTag } from '../../../components/DictTag';
import { useDict } from '../../../hooks/useDict';
import { formatDateTime, orDash } from '../../../utils/format';
import { ServiceTags } from './ServiceTags';
import { fetchStation, STATIONS_KEY } from './stations.api';

interface Props {
  id: string;
  onClose: () => void;
  onEdit: (station: Station) => void;
  onChangeStatus: (station: Station) => void;
}

const COLORS: Record<StationHistoryEntry['toStatus'], string> = {
  planned: 'gray',
  operating: 'green',
  suspended: 'orange',
  closed: 'red',
};

/** 站点详情: every field of the record and its status history (when it was planned, opened, suspended, closed). */
export function StationDetailDrawer({ id, onClose, onEdit, onChangeStatus }: Props) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: [STATIONS_KEY, 'detail', id], queryFn: () => fetchStation(id) });
  const statuses = useDict('station_status');
  const levels = useDict('demonstration_level');
  const s = detail.data;

  return (
    <Drawer
      open
      size="large"
      title={s ? s.name : t('stations.detail')}
      onClose={onClose}
      extra={
        s && (
          <Space>
            {s.abilities.update && <Button onClick={() => onEdit(s)}>{t('common.edit')}</Button>}
            {s.abilities.lifecycle && (
              <Button type="primary" onClick={() => onChangeStatus(s)}>
                {t('stations.changeStatus')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label={t('stations.kind')}>
              <DictTag dict="station_kind" value={s.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.status')}>
              <DictTag dict="station_status" value={s.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.region')} span={2}>
              {s.regionPath || s.regionName} ({s.regionCode})
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.organization')} span={2}>
              {orDash(s.organization?.name)}
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.address')} span={2}>
              {orDash(s.address)}
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.coords')} span={2}>
              <Space wrap>
                <span>{s.lng !== null && s.lat !== null ? `${s.lng}, ${s.lat}` : '-'}</span>
                {s.coordConfirmed && <Tag>{t('stations.coordConfirmed')}</Tag>}
                {s.coordReview && <Tag color="warning">{t(`stations.review.${s.coordReview}`)}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.openingHours')}>{orDash(s.openingHours)}</Descriptions.Item>
            <Descriptions.Item label={t('stations.phone')}>{orDash(s.phone)}</Descriptions.Item>
            <Descriptions.Item label={t('stations.services')} span={2}>
              <ServiceTags values={s.services} />
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.demonstration')}>
              {s.demonstration
                ? [levels.find(s.demonstrationLevel)?.text, s.demonstrationYear].filter(Boolean).join(' ') ||
                  t('common.yes')
                : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.hidden')}>
              {s.hidden ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('stations.openedOn')}>{orDash(s.openedOn)}</Descriptions.Item>
            <Descriptions.Item label={s.status === 'closed' ? t('stations.closedOn') : t('stations.suspendedOn')}>
              {orDash(s.status === 'closed' ? s.closedOn : s.suspendedOn)}
            </Descriptions.Item>
            {s.overrideReason && (
              <Descriptions.Item label={t('stations.overrideReason')} span={2}>
                {s.overrideReason}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('common.updatedAt')} span={2}>
              {formatDateTime(s.updatedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('stations.history.title')}
          </Typography.Title>
          {s.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              items={s.history.map((h) => ({
                key: `${h.at}-${h.toStatus}`,
                color: COLORS[h.toStatus],
                content: (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>
                      {h.on}{' '}
                      {h.fromStatus
                        ? t('stations.history.change', {
                            from: statuses.find(h.fromStatus)?.text ?? h.fromStatus,
                            to: statuses.find(h.toStatus)?.text ?? h.toStatus,
                          })
                        : t('stations.history.registered', { status: statuses.find(h.toStatus)?.text ?? h.toStatus })}
                    </Typography.Text>
                    {h.reason && (
                      <Typography.Text>{t('stations.history.reason', { reason: h.reason })}</Typography.Text>
                    )}
                    {h.overrideReason && (
                      <Typography.Text type="warning">
                        {t('stations.history.override', { reason: h.overrideReason })}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('stations.history.by', { name: h.actorName, at: formatDateTime(h.at) })}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
