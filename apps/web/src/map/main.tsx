import 'leaflet/dist/leaflet.css';
import './map.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MapApp } from './MapApp';
import { initialLanguage } from './map.i18n';

const lang = initialLanguage();
document.documentElement.lang = lang;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MapApp initialLanguage={lang} />
  </StrictMode>,
);
