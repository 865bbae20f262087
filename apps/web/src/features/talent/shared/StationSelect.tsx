import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../../hooks/usePermission';
import { fetchStations } from '../../network/stations/stations.api';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Shown for the current value before the search has loaded it. */
  current?: { id: string; name: string } | null;
  placeholder?: string;
  style?: CSSProperties;
}

/** Picks a station of the user's scope by typing part of its name. */
export function StationSelect({ id, value, onChange, current, placeholder, style }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // A role may read the register without the station list: the picker then stays empty rather than failing.
  const canList = usePermission()('network:station:list');
  const options = useQuery({
    enabled: canList,
    queryKey: ['stations', 'options', q],
    queryFn: async () => (await fetchStations({ q: q || undefined, page: 1, pageSize: 20 })).rows,
    staleTime: 30_000,
  });
  const rows = options.data ?? [];
  const items = rows.map((s) => ({ value: s.id, label: s.name }));
  if (current && value === current.id && !rows.some((s) => s.id === current.id))
    items.unshift({ value: current.id, label: current.name });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={options.isFetching}
      options={items}
      placeholder={placeholder ?? t('worker.stationPlaceholder')}
      notFoundContent={options.isFetching ? undefined : t('common.noMatch')}
      style={style ?? { width: 200 }}
    />
  );
}
