import { Form, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/PageContainer';
import { RegionPicker } from '../../../components/RegionPicker';
import { HoursShortTable, RenewalDueTable, UnqualifiedTable } from './ComplianceTables';

/** 合规提醒: who needs follow-up — uncertified resident workers, hours short, registrations to renew. Names and masked ID numbers only. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string | undefined>();
  return (
    <PageContainer
      title={t('menu.compliance')}
      search={
        <Form layout="inline">
          <Form.Item label={t('tstats.region')}>
            <RegionPicker aria-label={t('tstats.region')} value={region} onChange={(c) => setRegion(c || undefined)} />
          </Form.Item>
        </Form>
      }
    >
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'unqualified',
            label: t('tstats.compliance.unqualified'),
            children: <UnqualifiedTable key={region} region={region} />,
          },
          {
            key: 'hours',
            label: t('tstats.compliance.hoursShort'),
            children: <HoursShortTable key={region} region={region} />,
          },
          {
            key: 'renewal',
            label: t('tstats.compliance.renewalDue'),
            children: <RenewalDueTable key={region} region={region} />,
          },
        ]}
      />
    </PageContainer>
  );
}
