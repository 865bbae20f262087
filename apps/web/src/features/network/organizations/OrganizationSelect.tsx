import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../api/types';
import { useOrganizationOptions } from './organizations.api';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Shown for the current value before the search has loaded it (the record already names it). */
  current?: { id: string; name: string } | null;
  type?: Organization['type'];
  placeholder?: string;
}

/** Picks an organization by typing part of its name; the server searches within the user's scope. */
export function OrganizationSelect({ id, value, onChange, current, type, placeholder }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const options = useOrganizationOptions(q, type);
  const rows = options.data ?? [];
  const items = rows.map((o) => ({ value: o.id, label: o.name }));
  if (current && value === current.id && !rows.some((o) => o.id === current.id))
    items.unshift({ value: current.id, label: current.name });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={options.isFetching}
      options={items}
      placeholder={placeholder ?? t('organizations.selectPlaceholder')}
      notFoundContent={options.isFetching ? undefined : t('common.noMatch')}
    />
  );
}
