import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadMapData, MapLoadError } from './map.api';
import { LanguageContext, type MapLanguage, saveLanguage, translator } from './map.i18n';
import { StationCard } from './StationCard';
import { StationList } from './StationList';
import { KIND_COLORS, StationMap } from './StationMap';
import { type LngLat, selectStations, type StationFilter } from './stations';

type Data = Awaited<ReturnType<typeof loadMapData>>;
type Locating = 'idle' | 'locating' | 'located' | 'denied' | 'unavailable' | 'unsupported';

// A city's map can be linked directly: /map?region=4412.
const regionCode = new URLSearchParams(window.location.search).get('region')?.match(/^\d{2,12}$/)?.[0];

/** The public service map (服务地图): anyone may find a station, filter, search and go "near me". */
export function MapApp({ initialLanguage }: { initialLanguage: MapLanguage }) {
  const [lang, setLang] = useState(initialLanguage);
  const t = translator(lang);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<'loadFailed' | 'rateLimited' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [filter, setFilter] = useState<StationFilter>({ kind: '', service: '', q: '' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [me, setMe] = useState<LngLat | null>(null);
  const [locating, setLocating] = useState<Locating>('idle');
  const [listOpen, setListOpen] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the visitor's "retry"
  useEffect(() => {
    let live = true;
    setError(null);
    loadMapData(initialLanguage, regionCode)
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e instanceof MapLoadError && e.status === 429 ? 'rateLimited' : 'loadFailed'));
    return () => {
      live = false;
    };
  }, [initialLanguage, attempt]);

  useEffect(() => {
    document.title = `${t('title')} · ${data?.config.name ?? ''}`.replace(/ · $/, '');
  }, [t, data]);

  const rows = useMemo(() => selectStations(data?.stations ?? [], filter, me), [data, filter, me]);
  const shown = useMemo(() => rows.map((r) => r.station), [rows]);
  const selected = rows.find((r) => r.station.id === selectedId) ?? null;
  const frameKey = `${filter.kind}|${filter.service}|${filter.q}`;

  const kinds = useMemo(() => new Map((data?.options.kinds ?? []).map((k) => [k.value, k])), [data]);
  const kindLabel = useCallback(
    (kind: string) => {
      const k = kinds.get(kind);
      return k ? (lang === 'en-US' ? k.labelEn || k.label : k.label) : kind;
    },
    [kinds, lang],
  );
  const label = (o: { label: string; labelEn: string }) => (lang === 'en-US' ? o.labelEn || o.label : o.label);

  const update = (patch: Partial<StationFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const select = (id: string) => {
    setSelectedId(id);
    setListOpen(false);
  };

  const locate = () => {
    if (me) {
      setMe(null);
      setLocating('idle');
      return;
    }
    if (!navigator.geolocation) return setLocating('unsupported');
    setLocating('locating');
    // The place stays in this page: distances are worked out here, never sent to the server.
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setMe({ lng: pos.coords.longitude, lat: pos.coords.latitude });
        setLocating('located');
        setListOpen(true);
      },
      (err) => setLocating(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const switchLanguage = () => {
    const next = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    saveLanguage(next);
    setLang(next);
  };

  const status = {
    idle: null,
    locating: t('locating'),
    located: t('located'),
    denied: t('geoDenied'),
    unavailable: t('geoUnavailable'),
    unsupported: t('geoUnsupported'),
  }[locating];

  return (
    <LanguageContext.Provider value={lang}>
      <div className="map-app">
        <header className="map-header">
          <h1>
            {t('title')}
            {data && <small>{data.config.name}</small>}
          </h1>
          <nav className="map-header-links">
            <button
              type="button"
              className="map-link-button"
              aria-label={t('switchLangLabel')}
              onClick={switchLanguage}
            >
              {t('switchLang')}
            </button>
            <a href="/login">{t('login')}</a>
          </nav>
        </header>
        <form className="map-toolbar" aria-label={t('search')} onSubmit={(e) => e.preventDefault()}>
          <input
            type="search"
            value={filter.q}
            placeholder={t('search')}
            aria-label={t('search')}
            onChange={(e) => update({ q: e.target.value })}
          />
          <select aria-label={t('kindFilter')} value={filter.kind} onChange={(e) => update({ kind: e.target.value })}>
            <option value="">{t('allKinds')}</option>
            {data?.options.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {label(k)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('serviceFilter')}
            value={filter.service}
            onChange={(e) => update({ service: e.target.value })}
          >
            <option value="">{t('allServices')}</option>
            {data?.options.services.map((s) => (
              <option key={s.value} value={s.value}>
                {label(s)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={me ? 'map-button active' : 'map-button'}
            aria-pressed={!!me}
            disabled={locating === 'locating'}
            onClick={locate}
          >
            {me ? t('nearMeOff') : t('nearMe')}
          </button>
          <button
            type="button"
            className="map-button map-list-toggle"
            aria-expanded={listOpen}
            onClick={() => setListOpen((o) => !o)}
          >
            {t('showList')}
            {data && <span className="map-badge">{rows.length}</span>}
          </button>
        </form>
        {status && (
          <p
            className={locating === 'located' || locating === 'locating' ? 'map-status' : 'map-status map-status-error'}
            role="status"
          >
            {status}
          </p>
        )}
        <div className="map-body">
          <aside className={listOpen ? 'map-list open' : 'map-list'} aria-label={t('list')}>
            <div className="map-list-head">
              <span>{data ? t('count', { n: rows.length }) : t('loading')}</span>
              <button
                type="button"
                className="map-icon-button map-list-close"
                aria-label={t('closeList')}
                onClick={() => setListOpen(false)}
              >
                ×
              </button>
            </div>
            {data && <StationList rows={rows} kindLabel={kindLabel} selectedId={selectedId} onSelect={select} />}
          </aside>
          <main className="map-main">
            {data && (
              <StationMap
                config={data.config}
                all={data.stations}
                shown={shown}
                labels={data.labels}
                selectedId={selectedId}
                me={me}
                frameKey={frameKey}
                onSelect={select}
              />
            )}
            {data && (
              <ul className="map-legend" aria-label={t('kindFilter')}>
                {data.options.kinds.map((k) => (
                  <li key={k.value}>
                    <span className="map-dot" style={{ background: KIND_COLORS[k.value] }} aria-hidden />
                    {label(k)}
                  </li>
                ))}
              </ul>
            )}
            {selected && (
              <StationCard
                station={selected.station}
                distance={selected.distance}
                kindLabel={kindLabel}
                onClose={() => setSelectedId(null)}
              />
            )}
            {error && (
              <div className="map-error" role="alert">
                <p>{t(error)}</p>
                <button type="button" className="map-button" onClick={() => setAttempt((n) => n + 1)}>
                  {t('retry')}
                </button>
              </div>
            )}
            {!data && !error && <p className="map-loading">{t('loading')}</p>}
          </main>
        </div>
      </div>
    </LanguageContext.Provider>
  );
}
