import type { Rules } from '../rules/rules';
import { nextMonth, nextQuarter, nextWeek, previousMonth, previousQuarter, monthKeyOf, quarterKeyOf, shanghaiDate, shanghaiInstant, weekKeyOf } from './periods';
import { monthlyReviewAt, quarterCloseAt, weeklySchedule } from './schedule';
import type { WorkCalendar } from './work-calendar';

/** The next instant each part of the yearly rhythm comes round, for a sandbox that plays time forward. */
export interface Milestones {
  /** The week's last workday at `weekly.prompt_time` (the Friday prompt). */
  weeklyPrompt: { at: Date; weekKey: string } | null;
  /** The first workday after the week at `weekly.reminder_time` (reminders and digests). */
  weeklyReminder: { at: Date; weekKey: string } | null;
  /** The first workday of the next month at `monthly.review_time` (grading cards). */
  monthlyReview: { at: Date; monthKey: string };
  /** The quarter-close day at `quarterly.close_time` (determination cards). */
  quarterClose: { at: Date; quarterKey: string };
  /** The next workday at `time` ('HH:MM'). */
  nextWorkday: Date;
}

/** Weeks to look ahead for a prompt; the longest run of all-holiday weeks is one (Spring Festival). */
const WEEKS_AHEAD = 6;

/** The first of each milestone strictly after `now`. */
export function upcomingMilestones(now: Date, calendar: WorkCalendar, rules: Rules, workdayTime: string): Milestones {
  let weeklyPrompt: Milestones['weeklyPrompt'] = null;
  let weeklyReminder: Milestones['weeklyReminder'] = null;
  let week = weekKeyOf(shanghaiDate(now));
  for (let i = 0; i < WEEKS_AHEAD && (!weeklyPrompt || !weeklyReminder); i++, week = nextWeek(week)) {
    const s = weeklySchedule(week, calendar, rules);
    if (!weeklyPrompt && s.promptAt && s.promptAt > now) weeklyPrompt = { at: s.promptAt, weekKey: week };
    if (!weeklyReminder && s.reminderAt && s.reminderAt > now) weeklyReminder = { at: s.reminderAt, weekKey: week };
  }
  // A month's review and a quarter's close fall after it ends, so start one period back.
  let month = previousMonth(monthKeyOf(shanghaiDate(now)));
  while (monthlyReviewAt(month, calendar, rules) <= now) month = nextMonth(month);
  let quarter = previousQuarter(quarterKeyOf(shanghaiDate(now)));
  while (quarterCloseAt(quarter, calendar, rules) <= now) quarter = nextQuarter(quarter);
  let day = calendar.firstWorkdayOnOrAfter(shanghaiDate(now));
  if (shanghaiInstant(day, workdayTime) <= now) day = calendar.addWorkdays(day, 1);
  return {
    weeklyPrompt,
    weeklyReminder,
    monthlyReview: { at: monthlyReviewAt(month, calendar, rules), monthKey: month },
    quarterClose: { at: quarterCloseAt(quarter, calendar, rules), quarterKey: quarter },
    nextWorkday: shanghaiInstant(day, workdayTime),
  };
}
