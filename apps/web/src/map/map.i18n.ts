import { createContext, useContext } from 'react';

export type MapLanguage = 'zh-CN' | 'en-US';

// The same key as the console's switch, so a visitor's choice holds on both.
const STORAGE_KEY = 'lianxin.lang';

/**
 * The map's own words. The console's dictionaries (and i18next) would double the page's weight for
 * a page of thirty strings.
 */
const zhCN = {
  title: '服务地图',
  subtitle: '社会工作服务站点',
  search: '搜索站点名称或地址',
  allKinds: '全部类型',
  allServices: '全部服务',
  kindFilter: '站点类型',
  serviceFilter: '服务项目',
  nearMe: '离我最近',
  nearMeOff: '取消定位',
  locating: '正在定位…',
  located: '已按离您的距离排序',
  geoDenied: '无法获取您的位置：请在浏览器中允许定位。',
  geoUnavailable: '无法获取您的位置，请稍后再试。',
  geoUnsupported: '此浏览器不支持定位。',
  count: '共 {n} 个站点',
  showMore: '再显示 {n} 个',
  empty: '没有符合条件的站点',
  list: '站点列表',
  showList: '列表',
  closeList: '关闭列表',
  loading: '正在加载…',
  loadFailed: '加载失败，请刷新重试。',
  rateLimited: '访问过于频繁，请稍后再试。',
  retry: '重试',
  close: '关闭',
  kind: '类型',
  address: '地址',
  hours: '开放时间',
  phone: '电话',
  services: '服务项目',
  organization: '运营机构',
  region: '所属区划',
  distance: '距离',
  demonstration: '示范点',
  noCoords: '暂无位置',
  youAreHere: '您的位置',
  login: '工作人员登录',
  switchLang: 'English',
  switchLangLabel: '切换到英文',
  none: '—',
} as const;

type Dict = Record<keyof typeof zhCN, string>;

const enUS: Dict = {
  title: 'Service map',
  subtitle: 'Social work stations',
  search: 'Search by station name or address',
  allKinds: 'All kinds',
  allServices: 'All services',
  kindFilter: 'Station kind',
  serviceFilter: 'Service',
  nearMe: 'Near me',
  nearMeOff: 'Stop using my location',
  locating: 'Locating…',
  located: 'Sorted by distance from you',
  geoDenied: 'Your location is unavailable: allow location access in the browser.',
  geoUnavailable: 'Your location is unavailable; please try again later.',
  geoUnsupported: 'This browser cannot share a location.',
  count: '{n} stations',
  showMore: 'Show {n} more',
  empty: 'No station matches',
  list: 'Station list',
  showList: 'List',
  closeList: 'Close list',
  loading: 'Loading…',
  loadFailed: 'Loading failed; please reload the page.',
  rateLimited: 'Too many requests; please try again in a minute.',
  retry: 'Retry',
  close: 'Close',
  kind: 'Kind',
  address: 'Address',
  hours: 'Opening hours',
  phone: 'Phone',
  services: 'Services',
  organization: 'Operated by',
  region: 'Region',
  distance: 'Distance',
  demonstration: 'Demonstration site',
  noCoords: 'No location yet',
  youAreHere: 'You are here',
  login: 'Staff sign-in',
  switchLang: '中文',
  switchLangLabel: 'Switch to Chinese',
  none: '—',
};

export type MessageKey = keyof typeof zhCN;
export const MESSAGES: Record<MapLanguage, Dict> = { 'zh-CN': zhCN, 'en-US': enUS };

export function initialLanguage(): MapLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // storage blocked: fall through to the browser's preference
  }
  return (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

export function saveLanguage(lang: MapLanguage) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the page still switches
  }
  document.documentElement.lang = lang;
}

export function translator(lang: MapLanguage) {
  return (key: MessageKey, vars: Record<string, string | number> = {}) =>
    MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const LanguageContext = createContext<MapLanguage>('zh-CN');

/** The current language and its translator. */
export function useMapText() {
  const lang = useContext(LanguageContext);
  return { lang, t: translator(lang) };
}
