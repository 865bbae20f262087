import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../../../components/EChart';
import { formatCount } from './format';
import type { SeriesYear } from './stats.api';

const LEVELS = ['assistant', 'intermediate', 'senior'] as const;

/** Certified people stacked by level per year, with exam registrations and passes as lines on a second axis. */
export function SeriesChart({ years }: { years: SeriesYear[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(v) },
      legend: {},
      grid: { left: 56, right: 56, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: [
        { type: 'value', name: t('tstats.stats.certified'), axisLabel: { formatter: (v: number) => formatCount(v) } },
        {
          type: 'value',
          name: t('tstats.stats.registrations'),
          axisLabel: { formatter: (v: number) => formatCount(v) },
        },
      ],
      series: [
        ...LEVELS.map((l) => ({
          name: t(`tstats.level.${l}`),
          type: 'bar',
          stack: 'certified',
          data: years.map((y) => y.byLevel[l]),
        })),
        { name: t('tstats.stats.registrations'), type: 'line', yAxisIndex: 1, data: years.map((y) => y.registrations) },
        { name: t('tstats.stats.passes'), type: 'line', yAxisIndex: 1, data: years.map((y) => y.passes) },
      ],
    }),
    [years, t],
  );
  return <EChart option={option} style={{ height: 360 }} ariaLabel={t('tstats.stats.series')} />;
}
