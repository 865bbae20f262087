import { Col, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuanToFen } from '../../../utils/format';

/** The form values of the fields below. */
export interface ProvisionValues {
  supervisorsSent?: number | null;
  peopleTrained?: number | null;
  fundingYuan?: number | null;
}

/** The API's form of the fields: counts default to 0, money in 分. */
export function provisionsOf(v: ProvisionValues) {
  return {
    supervisorsSent: v.supervisorsSent ?? 0,
    peopleTrained: v.peopleTrained ?? 0,
    fundingFen: yuanToFen(v.fundingYuan),
  };
}

/** What a pairing provides — agreed in the pairing, then recorded with each delivery. Money is entered in 元. */
export function ProvisionFields() {
  const { t } = useTranslation();
  return (
    <>
      <Col span={8}>
        <Form.Item name="supervisorsSent" label={t('pairings.supervisorsSent')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="peopleTrained" label={t('pairings.peopleTrained')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="fundingYuan" label={t('pairings.fundingYuan')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}
