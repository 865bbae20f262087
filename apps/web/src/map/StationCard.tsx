import type { PublicStation } from './map.api';
import { useMapText } from './map.i18n';
import { formatDistance } from './stations';

interface Props {
  station: PublicStation;
  distance: number | null;
  kindLabel: (kind: string) => string;
  onClose: () => void;
}

/** The station card: what a resident needs to go there or call. */
export function StationCard({ station: s, distance, kindLabel, onClose }: Props) {
  const { t, lang } = useMapText();
  const dial = s.phone.replace(/[^\d+]/g, '');
  const none = <span className="map-muted">{t('none')}</span>;
  return (
    <section className="map-card" role="dialog" aria-label={s.name}>
      <header className="map-card-head">
        <h2>{s.name}</h2>
        <button type="button" className="map-icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      <p className="map-card-tags">
        <span className="map-tag">{kindLabel(s.kind)}</span>
        {s.demonstration && <span className="map-tag map-tag-gold">{t('demonstration')}</span>}
        {distance !== null && <span className="map-tag map-tag-blue">{formatDistance(distance, lang)}</span>}
      </p>
      <dl className="map-card-fields">
        <dt>{t('address')}</dt>
        <dd>{s.address || none}</dd>
        <dt>{t('hours')}</dt>
        <dd>{s.openingHours || none}</dd>
        <dt>{t('phone')}</dt>
        <dd>{s.phone ? <a href={`tel:${dial}`}>{s.phone}</a> : none}</dd>
        <dt>{t('services')}</dt>
        <dd>
          {s.services.length
            ? s.services.map((x) => (
                <span key={x.value} className="map-tag">
                  {lang === 'en-US' ? x.labelEn || x.label : x.label}
                </span>
              ))
            : none}
        </dd>
        <dt>{t('organization')}</dt>
        <dd>{s.organizationName || none}</dd>
        <dt>{t('region')}</dt>
        <dd>{s.regionPath || s.regionName}</dd>
      </dl>
      {s.lng === null && <p className="map-muted">{t('noCoords')}</p>}
    </section>
  );
}
