import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PiiReveal } from '../../../components/PiiReveal';
import { orDash } from '../../../utils/format';
import type { Worker } from '../talent.types';
import { revealWorker } from './workers.api';

interface Props {
  worker: Pick<Worker, 'id' | 'name' | 'idNumber' | 'phone' | 'abilities'>;
  field: 'idNumber' | 'phone';
}

/** A worker's masked ID number or phone, with 显示 for users who may read it in full (audited). */
export function MaskedPii({ worker, field }: Props) {
  const { t } = useTranslation();
  const value = worker[field];
  const may = field === 'idNumber' ? worker.abilities.revealIdNumber : worker.abilities.revealPhone;
  return (
    <Space size={0}>
      <span>{orDash(value)}</span>
      {value && may && (
        <PiiReveal
          title={t(field === 'idNumber' ? 'worker.idNumber' : 'worker.phone')}
          buttonTitle={t(field === 'idNumber' ? 'worker.revealIdNumberOf' : 'worker.revealPhoneOf', {
            name: worker.name,
          })}
          reveal={() => revealWorker(worker.id, field)}
        />
      )}
    </Space>
  );
}
