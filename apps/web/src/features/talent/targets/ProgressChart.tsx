import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../../../components/EChart';
import { formatCount } from '../stats/format';
import type { TargetProgress } from './targets.api';

/** Year-end actuals as a line, the least-squares forecast dashed to the due date, the target as a mark line. */
export function ProgressChart({ progress }: { progress: TargetProgress }) {
  const { t } = useTranslation();
  const names = {
    actual: t('tstats.progress.chartActual'),
    forecast: t('tstats.progress.chartForecast'),
    target: t('tstats.progress.chartTarget'),
  };
  const option = useMemo<EChartOption>(() => {
    const actual = [
      ...progress.yearly.filter((y) => y.value !== null).map((y) => [y.asOf, y.value]),
      ...(progress.actual !== null ? [[progress.asOf, progress.actual]] : []),
    ];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(Math.round(v)) },
      legend: { top: 0, data: [names.actual, names.forecast, names.target] },
      grid: { left: 56, right: 32, top: 40, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
      series: [
        { name: names.actual, type: 'line', data: actual, symbolSize: 8 },
        {
          name: names.forecast,
          type: 'line',
          data: progress.forecast.line.map((p) => [p.day, p.value]),
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
        {
          name: names.target,
          type: 'line',
          data: [[progress.target.dueOn, progress.targetValue]],
          symbol: 'diamond',
          symbolSize: 12,
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'solid' },
            label: { formatter: `${names.target} ${formatCount(progress.targetValue)}` },
            data: [{ yAxis: progress.targetValue }],
          },
        },
      ],
    };
  }, [progress, names.actual, names.forecast, names.target]);
  return <EChart option={option} ariaLabel={`${names.actual} / ${names.forecast} / ${names.target}`} />;
}
