import type { Rules } from '../rules/rules';
import {
  addDays,
  monthKeyOf,
  nextMonth,
  nextQuarter,
  parsePeriodKey,
  previousMonth,
  previousQuarter,
  previousWeek,
  quarterKeyOf,
  shanghaiDate,
  shanghaiInstant,
  weekKeyOf,
} from './periods';
import type { WorkCalendar } from './work-calendar';

/** When the weekly cycle's messages go out; all null for a week with no workday (e.g. Spring Festival). */
export interface WeeklySchedule {
  weekKey: string;
  workdays: string[];
  /** Prompt card: the week's last workday at `weekly.prompt_time`. */
  promptAt: Date | null;
  /** Records are due the week's last workday at `weekly.due_time`; later ones are marked late. */
  dueAt: Date | null;
  /** Reminder and supervisor digest: the first workday after the week at `weekly.reminder_time`. */
  reminderAt: Date | null;
}

export function weeklySchedule(weekKey: string, calendar: WorkCalendar, rules: Rules): WeeklySchedule {
  const week = parsePeriodKey(weekKey, 'week');
  const workdays = calendar.workdaysOfWeek(week.key);
  const last = workdays.at(-1);
  if (!last) return { weekKey: week.key, workdays, promptAt: null, dueAt: null, reminderAt: null };
  // A following week that is all holiday pushes the reminder to the first workday after it.
  const reminderDay = calendar.firstWorkdayOnOrAfter(addDays(week.end, 1));
  return {
    weekKey: week.key,
    workdays,
    promptAt: shanghaiInstant(last, rules.weekly.prompt_time),
    dueAt: shanghaiInstant(last, rules.weekly.due_time),
    reminderAt: shanghaiInstant(reminderDay, rules.weekly.reminder_time),
  };
}

/** Grading cards for `monthKey`: first workday of the next month at `monthly.review_time`. */
export function monthlyReviewAt(monthKey: string, calendar: WorkCalendar, rules: Rules): Date {
  const day = calendar.firstWorkdayOfMonth(nextMonth(monthKey));
  return shanghaiInstant(day, rules.monthly.review_time);
}

/**
 * Determination cards for `quarterKey`: `quarterly.close_after_workdays` workdays after the first
 * workday following the quarter, at `quarterly.close_time`. The quarter's last month is reviewed on
 * that first workday (`monthlyReviewAt`), so the delay gives supervisors time to grade it first.
 */
export function quarterCloseAt(quarterKey: string, calendar: WorkCalendar, rules: Rules): Date {
  const first = calendar.firstWorkdayOnOrAfter(parsePeriodKey(nextQuarter(quarterKey), 'quarter').start);
  const day = calendar.addWorkdays(first, rules.quarterly.close_after_workdays);
  return shanghaiInstant(day, rules.quarterly.close_time);
}

/** How far back the catch-up looks; one all-holiday week in a row is the most the calendar has. */
const LOOKBACK_WEEKS = 4;

export interface WeeklyDue {
  /** The week whose prompt should have gone out by `at`, or null. */
  prompt: string | null;
  /** The week whose reminder should have gone out by `at`, or null. */
  reminder: string | null;
}

/**
 * Which week's prompt and reminder are due at `at`, for the cron jobs and their catch-up after
 * downtime. The jobs claim (job, week) in the database, so answering the same week again is harmless.
 *
 * - reminder: the most recent week whose `reminderAt` ≤ at. Only the latest week is caught up: a
 *   reminder for an older week would be superseded by the newer one anyway.
 * - prompt: the most recent week whose `promptAt` ≤ at, but only while at < that week's
 *   `reminderAt` — once the reminder is due it replaces the prompt, so a prompt missed over a long
 *   outage is not sent late.
 * Each is computed only as far as it needs the calendar: a reminder comes after its week has ended,
 * so the week still running is not asked about, and the last week of December does not hold up the
 * previous week's reminder while next year's holidays are unknown (CalendarGapError).
 */
export function weekOfDue(at: Date, calendar: WorkCalendar, rules: Rules): WeeklyDue {
  return { prompt: promptWeekDue(at, calendar, rules), reminder: reminderWeekDue(at, calendar, rules) };
}

export function promptWeekDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  let week = weekKeyOf(shanghaiDate(at));
  for (let i = 0; i <= LOOKBACK_WEEKS; i++, week = previousWeek(week)) {
    const s = weeklySchedule(week, calendar, rules);
    if (s.promptAt && s.promptAt <= at) return s.reminderAt && at < s.reminderAt ? week : null;
  }
  return null;
}

export function reminderWeekDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  const today = shanghaiDate(at);
  let week = weekKeyOf(today);
  for (let i = 0; i <= LOOKBACK_WEEKS; i++, week = previousWeek(week)) {
    // A week still running has no reminder due yet.
    if (parsePeriodKey(week, 'week').end >= today) continue;
    const s = weeklySchedule(week, calendar, rules);
    if (s.reminderAt && s.reminderAt <= at) return week;
  }
  return null;
}

/** The most recent month whose review time is ≤ at (the monthly-review job's period). */
export function monthOfReviewDue(at: Date, calendar: WorkCalendar, rules: Rules): string {
  let month = previousMonth(monthKeyOf(shanghaiDate(at)));
  while (monthlyReviewAt(month, calendar, rules) > at) month = previousMonth(month);
  return month;
}

/** The most recent quarter whose close time is ≤ at (the quarter-close job's period). */
export function quarterOfCloseDue(at: Date, calendar: WorkCalendar, rules: Rules): string {
  let quarter = previousQuarter(quarterKeyOf(shanghaiDate(at)));
  while (quarterCloseAt(quarter, calendar, rules) > at) quarter = previousQuarter(quarter);
  return quarter;
}
