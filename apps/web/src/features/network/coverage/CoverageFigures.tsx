import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../api/types';
import { percentOf } from '../../../utils/format';

/** covered / total with its share as a bar; "-" when the region has nothing of the kind. */
export function CoverageBar({
  covered,
  total,
  ratio,
  size = 'default',
}: {
  covered: number;
  total: number;
  ratio: number | null;
  size?: 'small' | 'default';
}) {
  if (total === 0) return <>-</>;
  const percent = percentOf(ratio);
  return (
    <Progress
      percent={percent}
      size={size === 'small' ? 'small' : undefined}
      status={covered >= total ? 'success' : 'normal'}
      format={() => `${percent}%`}
      style={{ minWidth: size === 'small' ? 140 : undefined, marginBottom: 0 }}
    />
  );
}

/** The region's two headline figures: towns with an operating town station, villages with a community room. */
export function CoverageFigures({ region }: { region: Coverage['region'] }) {
  const { t } = useTranslation();
  const figures = [
    {
      key: 'towns',
      title: t('coverage.towns'),
      covered: region.townsCovered,
      total: region.towns,
      ratio: region.townRatio,
    },
    {
      key: 'villages',
      title: t('coverage.villages'),
      covered: region.villagesWithRoom,
      total: region.villages,
      ratio: region.villageRatio,
    },
  ];
  return (
    <Row gutter={16}>
      {figures.map((f) => (
        <Col key={f.key} xs={24} md={12}>
          <Card size="small" data-testid={`coverage-${f.key}`}>
            <Statistic title={f.title} value={`${f.covered} / ${f.total}`} />
            <CoverageBar covered={f.covered} total={f.total} ratio={f.ratio} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
