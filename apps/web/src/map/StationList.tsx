import { useEffect, useRef, useState } from 'react';
import { KIND_COLORS } from './StationMap';
import { useMapText } from './map.i18n';
import { formatDistance, type ListedStation } from './stations';

const PAGE = 100;

interface Props {
  rows: readonly ListedStation[];
  kindLabel: (kind: string) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The list beside the map: the same stations as the markers, in the same order. */
export function StationList({ rows, kindLabel, selectedId, onSelect }: Props) {
  const { t, lang } = useMapText();
  const [limit, setLimit] = useState(PAGE);
  const selectedRef = useRef<HTMLButtonElement>(null);

  // A new filter starts the list from the top again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on a new set of rows
  useEffect(() => setLimit(PAGE), [rows]);
  // A marker picked on the map is brought into view in the list.
  useEffect(() => {
    if (selectedId) selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const selectedIndex = selectedId ? rows.findIndex((r) => r.station.id === selectedId) : -1;
  const visible = rows.slice(0, Math.max(limit, selectedIndex + 1));
  if (rows.length === 0) return <p className="map-empty">{t('empty')}</p>;
  return (
    <>
      <ol className="map-list-items" aria-label={t('list')} data-testid="station-list">
        {visible.map(({ station: s, distance }) => (
          <li key={s.id}>
            <button
              type="button"
              ref={s.id === selectedId ? selectedRef : undefined}
              className={s.id === selectedId ? 'map-item selected' : 'map-item'}
              aria-current={s.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(s.id)}
            >
              <span className="map-item-name">{s.name}</span>
              <span className="map-item-meta">
                <span className="map-dot" style={{ background: KIND_COLORS[s.kind] }} aria-hidden />
                {kindLabel(s.kind)}
                {distance !== null && <span className="map-item-distance">{formatDistance(distance, lang)}</span>}
              </span>
              {s.address && <span className="map-item-address">{s.address}</span>}
            </button>
          </li>
        ))}
      </ol>
      {visible.length < rows.length && (
        <button type="button" className="map-more" onClick={() => setLimit((n) => n + PAGE)}>
          {t('showMore', { n: Math.min(PAGE, rows.length - visible.length) })}
        </button>
      )}
    </>
  );
}
