import gcoord from 'gcoord';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { MapConfig, PublicStation, RegionLabel } from './map.api';
import { useMapText } from './map.i18n';
import type { LngLat } from './stations';

export const KIND_COLORS: Record<string, string> = {
  hub: '#cf1322',
  town: '#1677ff',
  community: '#08979c',
  point: '#7cb305',
  mental_health: '#722ed1',
  outpost: '#d46b08',
};

/** Town names replace county names from this zoom on. */
const TOWN_LABEL_ZOOM = 11;
const CHINA: L.LatLngExpression = [35.8, 104.1];

interface Props {
  config: MapConfig;
  /** Every public station, to frame the first view. */
  all: readonly PublicStation[];
  /** What the list shows, in the same order: the markers follow it. */
  shown: readonly PublicStation[];
  labels: readonly RegionLabel[];
  selectedId: string | null;
  me: LngLat | null;
  /** Changes when the visitor changes a filter: the view then frames what is shown. */
  frameKey: string;
  onSelect: (id: string) => void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Leaflet map. Stations are drawn on one canvas (circle markers), which keeps a city's
 * several hundred points smooth without clustering. Points are stored WGS-84 and moved to GCJ-02
 * here, only when the configured tiles are GCJ-02.
 */
export function StationMap({ config, all, shown, labels, selectedId, me, frameKey, onSelect }: Props) {
  const { t } = useMapText();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef(new Map<string, L.CircleMarker>());
  const stationLayer = useRef<L.LayerGroup | null>(null);
  const meLayer = useRef<L.LayerGroup | null>(null);
  const framed = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const gcj = config.tiles?.crs === 'gcj02';
  const project = (p: LngLat): L.LatLng => {
    if (!gcj) return L.latLng(p.lat, p.lng);
    const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02);
    return L.latLng(lat, lng);
  };
  const projectRef = useRef(project);
  projectRef.current = project;

  // The map, its base layer and the region labels: once per configuration.
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { preferCanvas: true, minZoom: 3, maxZoom: 18, worldCopyJump: false }).setView(
      CHINA,
      4,
    );
    m.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>');
    const tiles = config.tiles;
    if (tiles) {
      const options: L.TileLayerOptions = {
        maxZoom: 18,
        attribution: escapeHtml(tiles.attribution),
        ...(tiles.subdomains ? { subdomains: tiles.subdomains } : {}),
      };
      L.tileLayer(tiles.url, options).addTo(m);
      if (tiles.labelUrl) L.tileLayer(tiles.labelUrl, { ...options, attribution: '' }).addTo(m);
    }
    stationLayer.current = L.layerGroup().addTo(m);
    meLayer.current = L.layerGroup().addTo(m);
    map.current = m;
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      framed.current = false;
    };
  }, [config]);

  // Region names on the plain background: counties when zoomed out, towns when zoomed in.
  useEffect(() => {
    const m = map.current;
    if (!m || config.tiles) return;
    const label = (r: RegionLabel) =>
      L.marker(projectRef.current(r), {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: `map-label map-label-${r.level === 3 ? 'county' : 'town'}`,
          html: `<span>${escapeHtml(r.name)}</span>`,
          iconSize: [0, 0],
        }),
      });
    const counties = L.layerGroup(labels.filter((r) => r.level === 3).map(label));
    const towns = L.layerGroup(labels.filter((r) => r.level === 4).map(label));
    const update = () => {
      const zoomedIn = m.getZoom() >= TOWN_LABEL_ZOOM;
      (zoomedIn ? counties : towns).remove();
      (zoomedIn ? towns : counties).addTo(m);
    };
    update();
    m.on('zoomend', update);
    return () => {
      m.off('zoomend', update);
      counties.remove();
      towns.remove();
    };
  }, [config, labels]);

  // The markers follow the list (and are drawn again on a new map).
  // biome-ignore lint/correctness/useExhaustiveDependencies: config stands for the map the markers are on
  useEffect(() => {
    const layer = stationLayer.current;
    if (!layer) return;
    layer.clearLayers();
    markers.current.clear();
    for (const s of shown) {
      if (s.lng === null || s.lat === null) continue;
      const marker = L.circleMarker(projectRef.current({ lng: s.lng, lat: s.lat }), {
        radius: 6,
        weight: 1.5,
        color: '#fff',
        fillColor: KIND_COLORS[s.kind] ?? '#595959',
        fillOpacity: 0.9,
      });
      marker.bindTooltip(escapeHtml(s.name), { direction: 'top', offset: [0, -6] });
      marker.on('click', () => onSelectRef.current(s.id));
      marker.addTo(layer);
      markers.current.set(s.id, marker);
    }
  }, [shown, config]);

  // The first view frames every station; a changed filter frames what it left.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a filter change (frameKey), not on every new list
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const source = framed.current ? shown : all;
    const points = source.flatMap((s) =>
      s.lng !== null && s.lat !== null ? [projectRef.current({ lng: s.lng, lat: s.lat })] : [],
    );
    if (points.length === 0) return;
    framed.current = true;
    m.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 15, animate: false });
  }, [frameKey, all, config]);

  // The selected station stands out and comes into view (again after the markers are redrawn).
  // biome-ignore lint/correctness/useExhaustiveDependencies: shown stands for the markers, redrawn when it changes
  useEffect(() => {
    const m = map.current;
    const marker = selectedId ? markers.current.get(selectedId) : undefined;
    if (!m || !marker) return;
    marker.setStyle({ radius: 10, weight: 3, color: '#141414' }).bringToFront();
    if (!m.getBounds().pad(-0.1).contains(marker.getLatLng()))
      m.setView(marker.getLatLng(), Math.max(m.getZoom(), 14), { animate: false });
    return () => {
      marker.setStyle({ radius: 6, weight: 1.5, color: '#fff' });
    };
  }, [selectedId, shown]);

  // The visitor's own place, with the nearest stations around it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: moves the view when the place changes, not when the list or language does
  useEffect(() => {
    const m = map.current;
    const layer = meLayer.current;
    if (!m || !layer) return;
    layer.clearLayers();
    if (!me) return;
    const here = projectRef.current(me);
    L.circleMarker(here, { radius: 9, weight: 4, color: '#fa541c', fillColor: '#fff', fillOpacity: 1 })
      .bindTooltip(escapeHtml(t('youAreHere')), { permanent: true, direction: 'right', offset: [10, 0] })
      .addTo(layer);
    const nearest = shown
      .slice(0, 3)
      .flatMap((s) => (s.lng !== null && s.lat !== null ? [projectRef.current({ lng: s.lng, lat: s.lat })] : []));
    m.fitBounds(L.latLngBounds([here, ...nearest]), { padding: [48, 48], maxZoom: 15, animate: false });
  }, [me, config]);

  return (
    <div
      ref={el}
      className="map-leaflet"
      role="application"
      aria-label={t('title')}
      data-testid="station-map"
      data-markers={shown.length}
    />
  );
}
