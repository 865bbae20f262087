import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkerOptions } from '../workers/workers.api';

type Ref = { id: string; name: string };

interface BaseProps {
  id?: string;
  placeholder?: string;
  /** Workers that cannot be chosen here (the supervisor among the supervisees). */
  exclude?: (string | null | undefined)[];
  /** Names for values the search has not loaded (the record already names them). */
  known?: Ref[];
  'aria-label'?: string;
}
interface SingleProps extends BaseProps {
  multiple?: false;
  value?: string | null;
  onChange?: (id: string | null) => void;
}
interface MultipleProps extends BaseProps {
  multiple: true;
  value?: string[];
  onChange?: (ids: string[]) => void;
}

/** Picks workers of the register by typing part of a name; the server searches within the user's scope. */
export function WorkerSelect(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const options = useWorkerOptions(q);
  const rows = options.data ?? [];
  const excluded = new Set(props.exclude?.filter(Boolean));
  const items = rows
    .filter((w) => !excluded.has(w.id))
    .map((w) => ({ value: w.id, label: `${w.name}（${w.regionName}）` }));
  // Chosen workers stay labelled after the search moves on.
  const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  for (const id of selected) {
    if (items.some((i) => i.value === id)) continue;
    const name = seen.get(id) ?? props.known?.find((k) => k.id === id)?.name;
    if (name) items.unshift({ value: id, label: name });
  }
  const remember = (ids: string[]) => {
    const next = new Map(seen);
    for (const id of ids) {
      const hit = items.find((i) => i.value === id);
      if (hit) next.set(id, hit.label);
    }
    setSeen(next);
  };
  const common = {
    id: props.id,
    'aria-label': props['aria-label'],
    allowClear: true,
    showSearch: { filterOption: false, onSearch: setQ },
    loading: options.isFetching,
    options: items,
    placeholder: props.placeholder ?? t('worker.selectPlaceholder'),
    notFoundContent: options.isFetching ? undefined : t('common.noMatch'),
    style: { minWidth: 200 },
  };
  if (props.multiple) {
    return (
      <Select
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(ids: string[]) => {
          remember(ids);
          props.onChange?.(ids);
        }}
      />
    );
  }
  return (
    <Select
      {...common}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => {
        if (v) remember([v]);
        props.onChange?.(v ?? null);
      }}
    />
  );
}
