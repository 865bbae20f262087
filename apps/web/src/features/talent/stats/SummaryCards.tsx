import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatShare } from './format';
import type { TalentSummary } from './stats.api';

const CATEGORIES = ['professional', 'community_worker', 'party_government', 'volunteer'] as const;
const LEVELS = ['assistant', 'intermediate', 'senior'] as const;

/** The headline figures of a region on a day. */
export function SummaryCards({ summary: s }: { summary: TalentSummary }) {
  const { t } = useTranslation();
  const card = (key: string, title: string, value: number, detail: React.ReactNode) => (
    <Col xs={24} sm={12} xl={8} key={key}>
      <Card size="small" data-testid={`summary-${key}`}>
        <Statistic title={title} value={value} formatter={(v) => formatCount(Number(v))} />
        <Typography.Text type="secondary">{detail}</Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {card(
        'talent',
        t('tstats.stats.talentTotal'),
        s.talent.total,
        CATEGORIES.map((c) => `${t(`tstats.category.${c}`)} ${formatCount(s.talent.byCategory[c])}`).join(' · '),
      )}
      {card(
        'certified',
        t('tstats.stats.certified'),
        s.certified.total,
        `${t('tstats.stats.certifiedShare', { percent: formatShare(s.certified.share) })} · ${LEVELS.map((l) => `${t(`tstats.level.${l}`)} ${formatCount(s.certified[l])}`).join(' · ')}`,
      )}
      {card(
        'resident',
        t('tstats.stats.resident'),
        s.resident.total,
        t('tstats.stats.residentQualified', { count: s.resident.qualified }),
      )}
      {card(
        'positions',
        t('tstats.stats.positions'),
        s.positions.set,
        t('tstats.stats.positionsDetail', {
          filled: formatCount(s.positions.filled),
          set: formatCount(s.positions.set),
          vacant: formatCount(s.positions.vacant),
        }),
      )}
      {card(
        'training',
        t('tstats.stats.trainingHours', { year: s.development.year }),
        s.development.trainingHours,
        t('tstats.stats.trainingPeople', { count: s.development.trainingPeople }),
      )}
      {card(
        'supervision',
        t('tstats.stats.supervision', { year: s.development.year }),
        s.development.supervisionSessions,
        `${t('tstats.stats.supervisionSessions', { count: s.development.supervisionSessions })} · ${t('tstats.stats.supervisionHours', { hours: formatCount(s.development.supervisionHours) })}`,
      )}
    </Row>
  );
}
