import { shanghaiDate, shanghaiTime, weekdayOf } from '../calendar/periods';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const;

/** `11月20日（周五）` for a date. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日（周${WEEKDAYS[weekdayOf(date) - 1]}）`;
}

/** `11月20日（周五）18:00` for an instant, on the Shanghai wall clock. */
export function instantLabel(at: Date | string): string {
  const t = typeof at === 'string' ? new Date(at) : at;
  return `${dayLabel(shanghaiDate(t))}${shanghaiTime(t)}`;
}
