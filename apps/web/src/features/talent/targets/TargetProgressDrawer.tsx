import { Alert, Descriptions, Drawer, Flex, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatChange, formatCount, formatShare } from '../stats/format';
import { ProgressChart } from './ProgressChart';
import { type Target, type TargetProgress, useTargetProgress } from './targets.api';
import { TargetStatusTag } from './TargetStatusTag';

type Share = NonNullable<TargetProgress['split']>['children'][number];

/** 目标进度: the figures beside the chart (a canvas is not read by screen readers or tests), the yearly actuals and each share. */
export function TargetProgressDrawer({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: p } = useTargetProgress(target.id);
  const label = `${target.regionName} · ${t(`tstats.metric.${target.metric}`)}`;
  return (
    <Drawer open width={860} title={t('tstats.progress.title', { name: label })} onClose={onClose}>
      {!p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {!p.available && <Alert type="info" showIcon title={t('tstats.targets.volunteersUnavailable')} />}
          <div data-testid="target-progress">
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label={t('tstats.progress.status')}>
                <TargetStatusTag status={p.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.asOf')}>{p.asOf}</Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.actual')}>{formatCount(p.actual)}</Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.target')}>
                {formatCount(p.targetValue)}（{p.target.dueOn}）
              </Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.share')}>{formatShare(p.share)}</Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.gap')}>{formatCount(p.gap)}</Descriptions.Item>
              <Descriptions.Item label={t('tstats.targets.baseline')}>
                {p.baseline ? `${formatCount(p.baseline.value)}（${p.baseline.on}）` : '-'}
              </Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.requiredGrowth')}>
                {formatCount(p.requiredYearlyGrowth)}
              </Descriptions.Item>
              <Descriptions.Item label={t('tstats.progress.forecast')} span={2}>
                {p.forecast.value === null ? (
                  t('tstats.progress.noForecast')
                ) : (
                  <>
                    <Typography.Text strong>{formatCount(p.forecast.value)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      —{' '}
                      {t('tstats.progress.forecastMethod', {
                        years: p.forecast.years,
                        slope: formatChange(p.forecast.slopePerYear),
                      })}
                    </Typography.Text>
                  </>
                )}
              </Descriptions.Item>
            </Descriptions>
          </div>
          <Typography.Text type="secondary">
            {t('tstats.progress.thresholds', { share: formatShare(p.thresholds.atRiskShare) })}
          </Typography.Text>
          {p.available && <ProgressChart progress={p} />}
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            title={() => t('tstats.progress.yearly')}
            dataSource={p.yearly}
            columns={[
              { title: t('tstats.progress.year'), dataIndex: 'year' },
              { title: t('tstats.progress.asOf'), dataIndex: 'asOf' },
              {
                title: t('tstats.progress.value'),
                dataIndex: 'value',
                align: 'right',
                render: (v: number | null) => formatCount(v),
              },
            ]}
          />
          {p.split && (
            <Table<Share>
              size="small"
              rowKey={(c) => c.target.id}
              pagination={false}
              title={() => (
                <Flex justify="space-between">
                  <span>{t('tstats.progress.children')}</span>
                  <Typography.Text type={p.split!.shortfall > 0 ? 'warning' : 'secondary'}>
                    {p.split!.shortfall > 0
                      ? t('tstats.progress.shortfall', {
                          sum: formatCount(p.split!.childrenSum),
                          shortfall: formatCount(p.split!.shortfall),
                        })
                      : t('tstats.progress.splitComplete', { sum: formatCount(p.split!.childrenSum) })}
                  </Typography.Text>
                </Flex>
              )}
              dataSource={p.split.children}
              columns={[
                { title: t('tstats.region'), key: 'region', render: (_, c) => c.target.regionName },
                {
                  title: t('tstats.progress.target'),
                  key: 'value',
                  align: 'right',
                  render: (_, c) => formatCount(c.target.value),
                },
                {
                  title: t('tstats.progress.actual'),
                  key: 'actual',
                  align: 'right',
                  render: (_, c) => formatCount(c.actual),
                },
                {
                  title: t('tstats.progress.share'),
                  key: 'share',
                  align: 'right',
                  render: (_, c) => formatShare(c.share),
                },
                {
                  title: t('tstats.progress.forecast'),
                  key: 'forecast',
                  align: 'right',
                  render: (_, c) => formatCount(c.forecast),
                },
                {
                  title: t('tstats.progress.status'),
                  key: 'status',
                  render: (_, c) => <TargetStatusTag status={c.status} />,
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
