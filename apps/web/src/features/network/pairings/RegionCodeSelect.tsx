import { isRegionCode } from '@lianxin/shared';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRegions } from '../../../api/regions';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** The name of the current value, shown before any search. */
  currentName?: string;
}

/**
 * A region found by name or pinyin initials within the user's scope, or typed as its code: the
 * other side of a pairing (东莞 helping 铜仁) usually lies outside it. The server checks the code.
 */
export function RegionCodeSelect({ id, value, onChange, currentName }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<{ value: string; label: string; title?: string }[]>([]);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchRegions(query)
        .then(
          (rows) =>
            live && setHits(rows.map((r) => ({ value: r.code, label: `${r.name} (${r.code})`, title: r.path }))),
        )
        .catch(() => live && setHits([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const typed = q.trim();
  const options: { value: string; label: string; title?: string }[] = [
    ...(isRegionCode(typed) && !hits.some((h) => h.value === typed)
      ? [{ value: typed, label: t('pairings.useCode', { code: typed }) }]
      : []),
    ...hits,
  ];
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentName ? `${currentName} (${value})` : value });

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.label}</div>
          {o.data.title && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{o.data.title}</div>}
        </div>
      )}
      placeholder={t('pairings.regionSearchPlaceholder')}
      notFoundContent={typed ? t('common.noMatch') : null}
    />
  );
}
