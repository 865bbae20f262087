import { derivedId } from './directory.terms.ts';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_OF: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
const DAY_NAMES = ['一', '二', '三', '四', '五', '六', '日'];

const pad = (t: string) => t.padStart(5, '0');

/**
 * Reads opening hours as written in Chinese notices — "周一至周五 8:30-12:00，14:30-17:30",
 * "每天 9:00-17:00" — into weekdays and time ranges. Anything else (holidays, "预约开放")
 * returns null: it is kept as text only.
 */
export function parseOpeningHours(text: string): { days: string[]; ranges: [string, string][] } | null {
  const m = text
    .trim()
    .match(/^(?:(每天|每日)|周([一二三四五六日天])(?:\s*(?:至|到|-|—|~)\s*周([一二三四五六日天]))?)\s*(.+)$/);
  if (!m) return null;
  let days: string[];
  if (m[1]) days = [...DAYS];
  else {
    const from = DAY_OF[m[2]];
    const to = m[3] ? DAY_OF[m[3]] : from;
    if (to < from) return null;
    days = DAYS.slice(from, to + 1);
  }
  const ranges: [string, string][] = [];
  const rest = m[4].replace(/(\d{1,2}:\d{2})\s*[-—~至到]\s*(\d{1,2}:\d{2})/g, (_all, a: string, b: string) => {
    ranges.push([pad(a), pad(b)]);
    return '';
  });
  if (ranges.length === 0 || !/^[\s,，、;；]*$/.test(rest)) return null;
  if (ranges.some(([a, b]) => a >= b || b > '24:00')) return null;
  return { days, ranges };
}

/**
 * HSDS schedules for a location. Each expressible time range becomes a weekly recurrence; every
 * schedule keeps the original wording in `description`, which is what an import restores.
 */
export function toSchedules(locationId: string, text: string) {
  if (!text) return [];
  const parsed = parseOpeningHours(text);
  if (!parsed) return [{ id: derivedId(locationId, 'schedule', '0'), location_id: locationId, description: text }];
  return parsed.ranges.map(([opens, closes], i) => ({
    id: derivedId(locationId, 'schedule', String(i)),
    location_id: locationId,
    freq: 'WEEKLY',
    wkst: 'MO',
    interval: 1,
    byday: parsed.days.join(','),
    opens_at: opens,
    closes_at: closes,
    timezone: 8,
    description: text,
  }));
}

interface ScheduleLike {
  description?: unknown;
  byday?: unknown;
  opens_at?: unknown;
  closes_at?: unknown;
}

/** Opening hours from a location's schedules: our wording when present, else rebuilt from the recurrences. */
export function fromSchedules(schedules: ScheduleLike[] | undefined): string {
  const list = schedules ?? [];
  const described = list.find((s) => typeof s.description === 'string' && s.description.trim());
  if (described) return String(described.description).trim();
  const parts = list
    .filter((s) => typeof s.opens_at === 'string' && typeof s.closes_at === 'string')
    .map((s) => {
      const days =
        typeof s.byday === 'string'
          ? s.byday
              .split(',')
              .map((d) => DAYS.indexOf(d.trim() as (typeof DAYS)[number]))
              .filter((d) => d >= 0)
          : [];
      const contiguous = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
      const label =
        days.length === 0
          ? ''
          : days.length === 1 || !contiguous
            ? days.map((d) => `周${DAY_NAMES[d]}`).join('、')
            : `周${DAY_NAMES[days[0]]}至周${DAY_NAMES[days[days.length - 1]]}`;
      return `${label} ${s.opens_at}-${s.closes_at}`.trim();
    });
  return parts.join('，').slice(0, 200);
}
