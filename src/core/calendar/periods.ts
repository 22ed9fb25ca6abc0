import { DomainError } from '../errors';

/**
 * Period keys and date arithmetic in Asia/Shanghai.
 *
 * Dates are 'YYYY-MM-DD' strings and are handled as whole days counted from 1970-01-01, so nothing
 * here depends on the process TZ. Shanghai has had no DST since 1991, so converting an instant is a
 * fixed +08:00 shift.
 */

export type PeriodKind = 'week' | 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  /** Normalised key, e.g. `2026-W07` even when `2026-w7` was given. */
  key: string;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const FORMAT_HINTS: Record<PeriodKind, string> = {
  week: '周 2026-W47',
  month: '月 2026-11',
  quarter: '季度 2026-Q4',
  half: '半年 2026-H2',
  year: '年 2026',
};

// ---- days ----------------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

function ymd(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new DomainError('INVALID_INPUT', `日期格式不正确：“${date}”，应为 YYYY-MM-DD，例如 2026-11-16。`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new DomainError('INVALID_INPUT', `日期不存在：“${date}”。`);
  }
  return [y, mo, d];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = ymd(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  const t = new Date(n * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

export function isValidDate(date: string): boolean {
  try {
    ymd(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** All dates from a to b inclusive (empty when b < a). */
export function datesFrom(a: string, b: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(a), end = dayNumber(b); n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

// ---- instants ------------------------------------------------------------------------------

export function shanghaiDate(instant: Date): string {
  return fromDayNumber(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant a Shanghai wall clock shows `time` ('HH:MM') on `date`. */
export function shanghaiInstant(date: string, time: string): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new DomainError('INVALID_INPUT', `时间格式不正确：“${time}”，应为 HH:MM，例如 09:00。`);
  return new Date(dayNumber(date) * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - SHANGHAI_OFFSET_MS);
}

/** 'HH:MM' on the Shanghai wall clock at `instant`. */
export function shanghaiTime(instant: Date): string {
  const msOfDay = (((instant.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const minutes = Math.floor(msOfDay / 60_000);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

// ---- keys of a date ------------------------------------------------------------------------

/** ISO-8601 week: weeks start Monday; week 1 holds the year's first Thursday. */
export function weekKeyOf(date: string): string {
  const thursday = dayNumber(date) + 4 - weekdayOf(date);
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(isoYear, 0, 1) / DAY_MS) / 7) + 1;
  return `${isoYear}-W${pad2(week)}`;
}

export function monthKeyOf(date: string): string {
  ymd(date);
  return date.slice(0, 7);
}

export function quarterKeyOf(date: string): string {
  const [y, m] = ymd(date);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

export function halfKeyOf(date: string): string {
  const [y, m] = ymd(date);
  return `${y}-H${m <= 6 ? 1 : 2}`;
}

export function yearOf(date: string): string {
  return String(ymd(date)[0]);
}

export function periodKeyOf(kind: PeriodKind, date: string): string {
  switch (kind) {
    case 'week':
      return weekKeyOf(date);
    case 'month':
      return monthKeyOf(date);
    case 'quarter':
      return quarterKeyOf(date);
    case 'half':
      return halfKeyOf(date);
    case 'year':
      return yearOf(date);
  }
}

// ---- parsing -------------------------------------------------------------------------------

function invalidKey(key: string, expected?: PeriodKind): DomainError {
  const hint = expected
    ? FORMAT_HINTS[expected]
    : (Object.values(FORMAT_HINTS) as string[]).join('、');
  return new DomainError('INVALID_INPUT', `周期“${key}”格式不正确，应为 ${hint}。`);
}

function isoWeeksIn(year: number): number {
  // Dec 28 is always in the year's last ISO week.
  return Number(weekKeyOf(`${year}-12-28`).slice(6));
}

function mondayOfWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
  return jan4 - (weekdayOf(fromDayNumber(jan4)) - 1);
}

function monthPeriod(y: number, m: number): Period {
  return {
    kind: 'month',
    key: `${y}-${pad2(m)}`,
    start: `${y}-${pad2(m)}-01`,
    end: `${y}-${pad2(m)}-${pad2(daysInMonth(y, m))}`,
  };
}

function monthSpan(kind: PeriodKind, key: string, y: number, firstMonth: number, months: number): Period {
  return {
    kind,
    key,
    start: monthPeriod(y, firstMonth).start,
    end: monthPeriod(y, firstMonth + months - 1).end,
  };
}

/**
 * Parses `2026-W47`, `2026-11`, `2026-Q4`, `2026-H2` or `2026` (letters in either case). With
 * `expected`, any other kind is refused with that kind's format in the message.
 */
export function parsePeriodKey(key: string, expected?: PeriodKind): Period {
  const period = parseAnyKey(key.trim().toUpperCase());
  if (!period || (expected && period.kind !== expected)) throw invalidKey(key, expected);
  return period;
}

function parseAnyKey(k: string): Period | null {
  // Date.UTC maps years 0–99 to 1900–1999.
  if (/^0/.test(k)) return null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-W(\d{1,2})$/.exec(k))) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    if (w < 1 || w > isoWeeksIn(y)) return null;
    const start = mondayOfWeek1(y) + (w - 1) * 7;
    return { kind: 'week', key: `${y}-W${pad2(w)}`, start: fromDayNumber(start), end: fromDayNumber(start + 6) };
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(k))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : null;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(k))) {
    const q = Number(m[2]);
    return monthSpan('quarter', `${m[1]}-Q${q}`, Number(m[1]), q * 3 - 2, 3);
  }
  if ((m = /^(\d{4})-H([12])$/.exec(k))) {
    const h = Number(m[2]);
    return monthSpan('half', `${m[1]}-H${h}`, Number(m[1]), h === 1 ? 1 : 7, 6);
  }
  if ((m = /^(\d{4})$/.exec(k))) return monthSpan('year', k, Number(m[1]), 1, 12);
  return null;
}

export function isPeriodKey(key: string, kind?: PeriodKind): boolean {
  try {
    parsePeriodKey(key, kind);
    return true;
  } catch {
    return false;
  }
}

/** Whether `date` lies within the period `key`. */
export function periodContains(key: string, date: string): boolean {
  const p = parsePeriodKey(key);
  return p.start <= date && date <= p.end;
}

// ---- stepping ------------------------------------------------------------------------------

export function datesOfWeek(weekKey: string): string[] {
  const { start } = parsePeriodKey(weekKey, 'week');
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

export function previousWeek(weekKey: string): string {
  return weekKeyOf(addDays(parsePeriodKey(weekKey, 'week').start, -7));
}

export function nextWeek(weekKey: string): string {
  return weekKeyOf(addDays(parsePeriodKey(weekKey, 'week').start, 7));
}

export function previousMonth(monthKey: string): string {
  return monthKeyOf(addDays(parsePeriodKey(monthKey, 'month').start, -1));
}

export function nextMonth(monthKey: string): string {
  return monthKeyOf(addDays(parsePeriodKey(monthKey, 'month').end, 1));
}

export function previousQuarter(quarterKey: string): string {
  return quarterKeyOf(addDays(parsePeriodKey(quarterKey, 'quarter').start, -1));
}

export function nextQuarter(quarterKey: string): string {
  return quarterKeyOf(addDays(parsePeriodKey(quarterKey, 'quarter').end, 1));
}

export function monthsOfQuarter(quarterKey: string): [string, string, string] {
  const { start } = parsePeriodKey(quarterKey, 'quarter');
  const first = monthKeyOf(start);
  const second = nextMonth(first);
  return [first, second, nextMonth(second)];
}

/** The months a period covers, in order (a week yields the one or two months it touches). */
export function monthsOf(key: string): string[] {
  const { start, end } = parsePeriodKey(key);
  const out = [monthKeyOf(start)];
  while (out[out.length - 1]! < monthKeyOf(end)) out.push(nextMonth(out[out.length - 1]!));
  return out;
}

// ---- labels --------------------------------------------------------------------------------

const CN_QUARTERS = ['一', '二', '三', '四'] as const;

function monthDayLabel(date: string): string {
  const [, m, d] = ymd(date);
  return `${m}月${d}日`;
}

/** `2026年第47周（11月16日—11月22日）`; the year is the ISO week-year. */
export function formatWeekLabel(weekKey: string): string {
  const p = parsePeriodKey(weekKey, 'week');
  const [y, w] = p.key.split('-W');
  return `${y}年第${Number(w)}周（${monthDayLabel(p.start)}—${monthDayLabel(p.end)}）`;
}

export function formatMonthLabel(monthKey: string): string {
  const [y, m] = parsePeriodKey(monthKey, 'month').key.split('-');
  return `${y}年${Number(m)}月`;
}

export function formatQuarterLabel(quarterKey: string): string {
  const [y, q] = parsePeriodKey(quarterKey, 'quarter').key.split('-Q');
  return `${y}年第${CN_QUARTERS[Number(q) - 1]}季度`;
}

export function formatHalfLabel(halfKey: string): string {
  const [y, h] = parsePeriodKey(halfKey, 'half').key.split('-H');
  return `${y}年${h === '1' ? '上' : '下'}半年`;
}

export function formatPeriodLabel(key: string): string {
  const p = parsePeriodKey(key);
  switch (p.kind) {
    case 'week':
      return formatWeekLabel(p.key);
    case 'month':
      return formatMonthLabel(p.key);
    case 'quarter':
      return formatQuarterLabel(p.key);
    case 'half':
      return formatHalfLabel(p.key);
    case 'year':
      return `${p.key}年`;
  }
}
