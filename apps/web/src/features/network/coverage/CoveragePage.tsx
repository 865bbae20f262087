import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Empty, Flex, Form, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegion } from '../../../api/regions';
import type { CoverageChild } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { useCurrentUser } from '../../../hooks/useMe';
import { CoverageDeadlines } from './CoverageDeadlines';
import { CoverageBar, CoverageFigures } from './CoverageFigures';
import { COUNTRY, useCoverage } from './coverage.api';

const VILLAGE_LEVEL = 5;
const COUNTY_LEVEL = 3;

/** 覆盖情况: a region's town-station and community-room coverage, drilled down city → county → town. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const nationwide = me.scopes.some((s) => s.code === '');
  const inScope = (code: string) => me.scopes.some((s) => code.startsWith(s.code));
  const own = inScope(me.regionCode) ? me.regionCode : (me.scopes[0]?.code ?? '');
  const [code, setCode] = useState(own || COUNTRY);
  const coverage = useCoverage(code);
  const region = useQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: () => fetchRegion(code),
    enabled: code !== COUNTRY,
  });
  const data = coverage.data;

  // The way back up, as far as the user's scope reaches.
  const ancestors =
    code === COUNTRY
      ? []
      : [...(region.data?.ancestors ?? [])]
          .sort((a, b) => a.code.length - b.code.length)
          .filter((a) => inScope(a.code));
  const crumbs = [
    ...(nationwide && code !== COUNTRY ? [{ code: COUNTRY, name: t('region.nationwide') }] : []),
    ...ancestors.map((a) => ({ code: a.code, name: a.name })),
  ];
  const drillable = (c: CoverageChild) => c.level < VILLAGE_LEVEL;

  const columns: ColumnsType<CoverageChild> = [
    {
      title: t('coverage.region'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, c) =>
        drillable(c) ? <Typography.Link onClick={() => setCode(c.code)}>{name}</Typography.Link> : name,
    },
    {
      title: t('coverage.townsColumn'),
      key: 'towns',
      align: 'right',
      render: (_, c) => (c.towns ? `${c.townsCovered} / ${c.towns}` : '-'),
    },
    {
      title: t('coverage.townRatio'),
      key: 'townRatio',
      render: (_, c) => <CoverageBar size="small" covered={c.townsCovered} total={c.towns} ratio={c.townRatio} />,
    },
    {
      title: t('coverage.villagesColumn'),
      key: 'villages',
      align: 'right',
      render: (_, c) => (c.villages ? `${c.villagesWithRoom} / ${c.villages}` : '-'),
    },
    {
      title: t('coverage.villageRatio'),
      key: 'villageRatio',
      render: (_, c) => (
        <CoverageBar size="small" covered={c.villagesWithRoom} total={c.villages} ratio={c.villageRatio} />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageContainer
        title={t('menu.coverage')}
        search={
          <Form layout="inline">
            <Form.Item label={t('coverage.pickRegion')}>
              <RegionPicker
                aria-label={t('coverage.pickRegion')}
                nationwide={nationwide}
                allowClear={false}
                value={code === COUNTRY ? '' : code}
                onChange={(next) => setCode(next === undefined ? own || COUNTRY : next || COUNTRY)}
              />
            </Form.Item>
          </Form>
        }
      >
        <Flex vertical gap={16}>
          <Breadcrumb
            data-testid="coverage-breadcrumb"
            items={[
              ...crumbs.map((c) => ({
                key: c.code,
                title: <Typography.Link onClick={() => setCode(c.code)}>{c.name}</Typography.Link>,
              })),
              { key: code, title: data?.region.name ?? '' },
            ]}
          />
          {data ? <CoverageFigures region={data.region} /> : null}
          <DataTable<CoverageChild>
            rowKey="code"
            columns={columns}
            rows={data?.children ?? []}
            loading={coverage.isFetching}
            pagination={false}
            onRow={(c) => (drillable(c) ? { onClick: () => setCode(c.code), style: { cursor: 'pointer' } } : {})}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.noChildren')} />,
            }}
          />
          {data?.region.level === COUNTY_LEVEL && (
            <div>
              <Typography.Title level={5}>
                {t('coverage.uncovered', { count: data.uncoveredTowns.length })}
              </Typography.Title>
              {data.uncoveredTowns.length === 0 ? (
                <Alert type="success" showIcon title={t('coverage.allCovered')} />
              ) : (
                <Space wrap size={[8, 8]}>
                  {data.uncoveredTowns.map((town) => (
                    <Tag key={town.code} color="error">
                      {town.name}
                    </Tag>
                  ))}
                </Space>
              )}
            </div>
          )}
        </Flex>
      </PageContainer>
      <CoverageDeadlines key={code} regionCode={code === COUNTRY ? undefined : code} />
    </Flex>
  );
}
