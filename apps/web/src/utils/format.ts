import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are stored as UTC instants and always shown in China Standard Time. */
export const TIME_ZONE = 'Asia/Shanghai';
const DATE_TIME = 'YYYY-MM-DD HH:mm:ss';
const EMPTY = '-';

/** The one date-time formatter of the app: `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai. */
export function formatDateTime(value: string | number | Date | dayjs.Dayjs | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const d = dayjs(value);
  return d.isValid() ? d.tz(TIME_ZONE).format(DATE_TIME) : EMPTY;
}

/** A value for tables: the text, or a dash when there is none. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

/** The first instant of a calendar day in China Standard Time, as an ISO string (for `from` filters). */
export function dayStart(day: dayjs.Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE).startOf('day').toISOString();
}

/** The last instant of a calendar day in China Standard Time, as an ISO string (for `to` filters). */
export function dayEnd(day: dayjs.Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE).endOf('day').toISOString();
}

/** A day of record (`YYYY-MM-DD`, a calendar date without time zone) from a date picker's value. */
export function toDay(d: dayjs.Dayjs | null | undefined): string | null {
  return d?.isValid() ? d.format('YYYY-MM-DD') : null;
}

/** A day of record as a date picker's value. */
export function fromDay(s: string | null | undefined): dayjs.Dayjs | undefined {
  return s ? dayjs(s, 'YYYY-MM-DD') : undefined;
}

/** Today's date in China Standard Time (the default day of a change), as a date picker's value. */
export function todayInChina(): dayjs.Dayjs {
  return dayjs(dayjs().tz(TIME_ZONE).format('YYYY-MM-DD'));
}

/** A share (0–1) as a whole-number percentage for Progress, 0 when there is nothing to count. */
export function percentOf(ratio: number | null | undefined): number {
  return ratio === null || ratio === undefined ? 0 : Math.round(ratio * 1000) / 10;
}

const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** Money is stored in integer 分 and shown in 元: 123456 → ¥1,234.56. */
export function formatFen(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? EMPTY : YUAN.format(fen / 100);
}

/** 元 typed into a form back into integer 分. */
export function yuanToFen(yuan: number | null | undefined): number {
  return yuan ? Math.round(yuan * 100) : 0;
}
