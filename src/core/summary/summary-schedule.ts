import type { Rules } from '../rules/rules';
import { isCalendarGap } from '../calendar/calendar-gap';
import {
  addDays,
  monthKeyOf,
  parsePeriodKey,
  previousMonth,
  previousQuarter,
  quarterKeyOf,
  shanghaiDate,
  shanghaiInstant,
} from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';

type SummaryRules = Rules['self_summary'];

/** The 个人小结 period (quarter or month, by `self_summary.period`) that contains `date`. */
export function summaryPeriodOf(rules: SummaryRules, date: string): string {
  return rules.period === 'month' ? monthKeyOf(date) : quarterKeyOf(date);
}

export function previousSummaryPeriod(rules: SummaryRules, key: string): string {
  return rules.period === 'month' ? previousMonth(key) : previousQuarter(key);
}

/** The summary period a month's grading belongs to: the month itself, or its quarter. */
export function summaryPeriodOfMonth(rules: SummaryRules, monthKey: string): string {
  return summaryPeriodOf(rules, parsePeriodKey(monthKey, 'month').start);
}

/** The period's last workday (YYYY-MM-DD); only days of the period itself are asked of the calendar. */
export function lastWorkdayOf(periodKey: string, calendar: WorkCalendar): string {
  const p = parsePeriodKey(periodKey);
  let day = p.end;
  while (!calendar.isWorkday(day)) {
    day = addDays(day, -1);
    if (day < p.start) return p.end;
  }
  return day;
}

/** Cards go out on the period's last workday at `send_time`. */
export function summarySendAt(periodKey: string, calendar: WorkCalendar, rules: SummaryRules): Date {
  return shanghaiInstant(lastWorkdayOf(periodKey, calendar), rules.send_time);
}

/** Due `due_workdays` workdays after the last workday, at `due_time` (needs the next period's calendar). */
export function summaryDueAt(periodKey: string, calendar: WorkCalendar, rules: SummaryRules): Date {
  return shanghaiInstant(calendar.addWorkdays(lastWorkdayOf(periodKey, calendar), rules.due_workdays), rules.due_time);
}

/** The due time, or null while the next year's holiday schedule is unknown (the card then names no date). */
export function summaryDueAtIfKnown(periodKey: string, calendar: WorkCalendar, rules: SummaryRules): Date | null {
  try {
    return summaryDueAt(periodKey, calendar, rules);
  } catch (e) {
    if (isCalendarGap(e)) return null;
    throw e;
  }
}

export function summaryReminderAt(periodKey: string, calendar: WorkCalendar, rules: SummaryRules): Date {
  const n = rules.due_workdays - rules.reminder.workdays_before_due;
  return shanghaiInstant(calendar.addWorkdays(lastWorkdayOf(periodKey, calendar), n), rules.reminder.time);
}

/**
 * The self-summary job's period at `at`: the current period once its send time has come, else the
 * one before (so a run missed over downtime is caught up, as the other jobs do). Null when disabled.
 */
export function summaryPeriodDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  const r = rules.self_summary;
  if (!r.enabled) return null;
  const current = summaryPeriodOf(r, shanghaiDate(at));
  return summarySendAt(current, calendar, r) <= at ? current : previousSummaryPeriod(r, current);
}

/**
 * The period whose reminder is due at `at`: reminder time passed and the summary not yet due. The
 * reminder always falls after its period, so the period still running is never asked about (and
 * December does not need next year's holidays until January).
 */
export function summaryReminderDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  const r = rules.self_summary;
  if (!r.enabled || !r.reminder.enabled) return null;
  let period = previousSummaryPeriod(r, summaryPeriodOf(r, shanghaiDate(at)));
  // due_workdays ≤ 20 reaches at most two periods back for monthly summaries.
  for (let i = 0; i < 2; i++, period = previousSummaryPeriod(r, period)) {
    if (summaryReminderAt(period, calendar, r) <= at) return at < summaryDueAt(period, calendar, r) ? period : null;
  }
  return null;
}
