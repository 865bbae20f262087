import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRegions } from '../../../api/regions';
import type { RegionHit } from '../../../api/types';

/** Finds regions by Chinese name or pinyin initials (`dzq` → 端州区). */
export function RegionSearch({ onSelect }: { onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<RegionHit[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits([]);
      return;
    }
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      searchRegions(query)
        .then((rows) => live && setHits(rows))
        .catch(() => live && setHits([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={null}
      placeholder={t('regions.searchPlaceholder')}
      aria-label={t('regions.search')}
      notFoundContent={loading ? <Spin size="small" /> : q ? t('common.noMatch') : null}
      options={hits.map((h) => ({ value: h.code, label: `${h.name} (${h.code})`, title: h.path }))}
      optionRender={(o) => (
        <div>
          <div>{o.label}</div>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{o.data.title}</div>
        </div>
      )}
      onSelect={(code) => code && onSelect(code)}
      style={{ width: '100%' }}
    />
  );
}
