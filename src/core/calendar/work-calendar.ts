// The package's functions go through a local-time Date (TZ-dependent) and its CommonJS build has
// no named ESM exports under tsx, so we read its generated data table directly.
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import type { Rules } from '../rules/rules';
import { DomainError } from '../errors';
import { CalendarGapError } from './calendar-gap';
import { addDays, datesFrom, datesOfWeek, dayNumber, parsePeriodKey, weekdayOf } from './periods';

/** Values look like "National Day,国庆节,3": English name, Chinese name, days granted. */
interface OfficialSchedule {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const official = chineseDaysData as OfficialSchedule;

const yearsOf = (dates: Iterable<string>): Set<number> => new Set([...dates].map((d) => Number(d.slice(0, 4))));
const officialHolidayYears = yearsOf(Object.keys(official.holidays));
const officialWorkdayYears = yearsOf(Object.keys(official.workdays));

/** A rules file that marks every day off must not hang a search; a year of days is plenty. */
const SEARCH_LIMIT_DAYS = 400;

/** Weeks whose workdays a calendar keeps: twenty years of them. */
const MEMO_WEEKS = 1100;

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** Chinese name of the official holiday (e.g. 国庆节) or 节假日 for a rules-file holiday; null on workdays and plain weekends. */
  holidayName(date: string): string | null;
  /** For a make-up workday (调休上班): the holiday it belongs to; otherwise null. */
  makeUpFor(date: string): string | null;
  workdaysOfWeek(weekKey: string): string[];
  firstWorkdayOfWeek(weekKey: string): string | null;
  lastWorkdayOfWeek(weekKey: string): string | null;
  /** First workday on or after the 1st of the month. */
  firstWorkdayOfMonth(monthKey: string): string;
  firstWorkdayOnOrAfter(date: string): string;
  /** The n-th workday after `date` (n < 0: before; n = 0: `date` itself, workday or not). */
  addWorkdays(date: string, n: number): string;
  /** Workdays d with a < d ≤ b (negative when b < a), so addWorkdays(a, workdaysBetween(a, b)) lands on b's workday. */
  workdaysBetween(a: string, b: string): number;
  /**
   * Whether the official schedule for `year` is known: its holidays and its make-up workdays (from
   * the package or the rules file) are both present. Every other method throws CalendarGapError
   * for a date of a year that is not.
   */
  hasDataForYear(year: number): boolean;
}

function chineseName(entry: string | undefined): string | null {
  return entry?.split(',')[1] ?? null;
}

export function createWorkCalendar(cal: Rules['calendar']): WorkCalendar {
  const extraHolidays = new Set(cal.extra_holidays);
  const extraWorkdays = new Set(cal.extra_workdays);
  const holidayYears = new Set([...officialHolidayYears, ...yearsOf(extraHolidays)]);
  const workdayYears = new Set([...officialWorkdayYears, ...yearsOf(extraWorkdays)]);
  const hasDataForYear = (year: number): boolean => holidayYears.has(year) && workdayYears.has(year);

  function isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (!hasDataForYear(year)) throw new CalendarGapError(year);
    // The rules file wins: it carries announcements the package has not caught up with.
    if (extraWorkdays.has(date)) return true;
    if (extraHolidays.has(date)) return false;
    if (official.workdays[date]) return true;
    if (official.holidays[date]) return false;
    return weekdayOf(date) <= 5;
  }

  function step(date: string, direction: 1 | -1): string {
    let d = date;
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
      d = addDays(d, direction);
      if (isWorkday(d)) return d;
    }
    throw new DomainError('INVALID_INPUT', `从 ${date} 起 ${SEARCH_LIMIT_DAYS} 天内没有工作日，请检查规则文件的 calendar 设置。`);
  }

  function firstWorkdayOnOrAfter(date: string): string {
    return isWorkday(date) ? date : step(date, 1);
  }

  // Every grading card and weekly job asks for the same few weeks again and again; parsing their
  // dates each time was a twentieth of a card action's work. A week's workdays never change for a
  // calendar (a new rules file makes a new one); a week-key typo is not kept (it throws).
  const weekWorkdays = new Map<string, readonly string[]>();
  function weekDays(weekKey: string): readonly string[] {
    let days = weekWorkdays.get(weekKey);
    if (days === undefined) {
      days = datesOfWeek(weekKey).filter(isWorkday);
      if (weekWorkdays.size >= MEMO_WEEKS) weekWorkdays.delete(weekWorkdays.keys().next().value!);
      weekWorkdays.set(weekKey, days);
    }
    return days;
  }

  function workdaysBetween(a: string, b: string): number {
    if (dayNumber(b) < dayNumber(a)) return -workdaysBetween(b, a);
    return datesFrom(addDays(a, 1), b).filter(isWorkday).length;
  }

  return {
    isWorkday,
    holidayName(date) {
      if (isWorkday(date)) return null;
      return chineseName(official.holidays[date]) ?? (extraHolidays.has(date) ? '节假日' : null);
    },
    makeUpFor(date) {
      if (!isWorkday(date) || weekdayOf(date) <= 5) return null;
      return chineseName(official.workdays[date]) ?? '调休';
    },
    workdaysOfWeek: (weekKey) => [...weekDays(weekKey)],
    firstWorkdayOfWeek: (weekKey) => weekDays(weekKey)[0] ?? null,
    lastWorkdayOfWeek: (weekKey) => weekDays(weekKey).at(-1) ?? null,
    firstWorkdayOfMonth: (monthKey) => firstWorkdayOnOrAfter(parsePeriodKey(monthKey, 'month').start),
    firstWorkdayOnOrAfter,
    addWorkdays(date, n) {
      let d = date;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },
    workdaysBetween,
    hasDataForYear,
  };
}
