import { Breadcrumb, Card, Flex, Form, InputNumber, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { useCurrentUser } from '../../../hooks/useMe';
import { formatChange, formatCount, formatShare } from './format';
import { SeriesChart } from './SeriesChart';
import { SummaryCards } from './SummaryCards';
import { type SeriesYear, type TalentSeries, useTalentSeries, useTalentSummary } from './stats.api';

type Child = TalentSeries['children'][number];
const VILLAGE_LEVEL = 5;

/** 人才统计: headline figures, the yearly series by level with the change on the year before, and the figures of each sub-region. */
export default function TalentStatsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const nationwide = me.scopes.some((s) => s.code === '');
  const inScope = (code: string) => me.scopes.some((s) => code.startsWith(s.code));
  const own = inScope(me.regionCode) ? me.regionCode : (me.scopes[0]?.code ?? '');
  const thisYear = new Date().getFullYear();
  const [region, setRegion] = useState(own);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const [range, setRange] = useState({ from: thisYear - 9, to: thisYear });
  const summary = useTalentSummary(region);
  const series = useTalentSeries(region, range.from, range.to);
  const data = series.data;
  const latest = (c: Child) => c.years.at(-1);

  const drill = (c: Child) => {
    if (data) setTrail([...trail, { code: data.region.code, name: data.region.name }]);
    setRegion(c.code);
  };
  const back = (i: number) => {
    setRegion(trail[i].code);
    setTrail(trail.slice(0, i));
  };

  const yearColumns: ColumnsType<SeriesYear> = [
    { title: t('tstats.stats.year'), dataIndex: 'year' },
    { title: t('tstats.stats.talentTotal'), dataIndex: 'talent', align: 'right', render: formatCount },
    { title: t('tstats.stats.certified'), dataIndex: 'certified', align: 'right', render: formatCount },
    ...(['assistant', 'intermediate', 'senior'] as const).map((l) => ({
      title: t(`tstats.level.${l}`),
      key: l,
      align: 'right' as const,
      render: (_: unknown, y: SeriesYear) => formatCount(y.byLevel[l]),
    })),
    { title: t('tstats.stats.certifiedChange'), dataIndex: 'certifiedChange', align: 'right', render: formatChange },
    { title: t('tstats.stats.registrations'), dataIndex: 'registrations', align: 'right', render: formatCount },
    {
      title: t('tstats.stats.registrationsChange'),
      dataIndex: 'registrationsChange',
      align: 'right',
      render: formatChange,
    },
    { title: t('tstats.stats.passes'), dataIndex: 'passes', align: 'right', render: formatCount },
    { title: t('tstats.stats.passRate'), dataIndex: 'passRate', align: 'right', render: formatShare },
  ];
  const childColumns: ColumnsType<Child> = [
    {
      title: t('tstats.region'),
      dataIndex: 'name',
      render: (name: string, c) =>
        c.level < VILLAGE_LEVEL && c.hasChildren ? (
          <Typography.Link onClick={() => drill(c)}>{name}</Typography.Link>
        ) : (
          name
        ),
    },
    {
      title: t('tstats.stats.talentTotal'),
      key: 'talent',
      align: 'right',
      render: (_, c) => formatCount(latest(c)?.talent),
    },
    {
      title: t('tstats.stats.certified'),
      key: 'certified',
      align: 'right',
      render: (_, c) => formatCount(latest(c)?.certified),
    },
    {
      title: t('tstats.stats.certifiedChange'),
      key: 'certifiedChange',
      align: 'right',
      render: (_, c) => formatChange(latest(c)?.certifiedChange),
    },
    {
      title: t('tstats.stats.registrations'),
      key: 'registrations',
      align: 'right',
      render: (_, c) => formatCount(latest(c)?.registrations),
    },
    {
      title: t('tstats.stats.registrationsChange'),
      key: 'registrationsChange',
      align: 'right',
      render: (_, c) => formatChange(latest(c)?.registrationsChange),
    },
    {
      title: t('tstats.stats.passRate'),
      key: 'passRate',
      align: 'right',
      render: (_, c) => formatShare(latest(c)?.passRate),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageContainer
        title={t('menu.talentStats')}
        search={
          <Form layout="inline">
            <Form.Item label={t('tstats.region')}>
              <RegionPicker
                aria-label={t('tstats.region')}
                nationwide={nationwide}
                allowClear={false}
                value={region}
                onChange={(next) => {
                  setTrail([]);
                  setRegion(next ?? own);
                }}
              />
            </Form.Item>
            <Form.Item label={t('tstats.stats.from')}>
              <InputNumber
                aria-label={t('tstats.stats.from')}
                min={1990}
                max={range.to}
                value={range.from}
                onChange={(v) => v && setRange({ ...range, from: v })}
              />
            </Form.Item>
            <Form.Item label={t('tstats.stats.to')}>
              <InputNumber
                aria-label={t('tstats.stats.to')}
                min={range.from}
                max={thisYear}
                value={range.to}
                onChange={(v) => v && setRange({ ...range, to: v })}
              />
            </Form.Item>
          </Form>
        }
      >
        <Flex vertical gap={16}>
          <Breadcrumb
            items={[
              ...trail.map((c, i) => ({
                key: c.code,
                title: <Typography.Link onClick={() => back(i)}>{c.name}</Typography.Link>,
              })),
              { key: region, title: data?.region.code === '' ? t('region.nationwide') : (data?.region.name ?? '') },
            ]}
          />
          {summary.data && (
            <>
              <Typography.Text type="secondary">
                {t('tstats.stats.asOf')}：{summary.data.asOf}
              </Typography.Text>
              <SummaryCards summary={summary.data} />
            </>
          )}
        </Flex>
      </PageContainer>
      <Card title={t('tstats.stats.series')} size="small">
        <Flex vertical gap={12}>
          {data && <SeriesChart years={data.years} />}
          <Typography.Text type="secondary">{t('tstats.stats.seriesHint')}</Typography.Text>
          <Table<SeriesYear>
            size="small"
            rowKey="year"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={yearColumns}
            dataSource={data?.years ?? []}
            loading={series.isFetching}
          />
        </Flex>
      </Card>
      {(data?.children.length ?? 0) > 0 && (
        <Card title={`${t('tstats.stats.drillDown')}（${range.to}）`} size="small">
          <Table<Child>
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={childColumns}
            dataSource={data?.children ?? []}
          />
        </Card>
      )}
    </Flex>
  );
}
