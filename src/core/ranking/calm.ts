import { shanghaiDate, shanghaiInstant, shanghaiTime } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { Rules } from '../rules/rules';

type Window = Rules['unit_rating']['announce_window'];

/**
 * When an announcement may go out: now, inside the window on a workday; otherwise the window's start
 * on the next workday (today's, before the window opens). Announcements are never urgent.
 */
export function announceAt(now: Date, calendar: WorkCalendar, window: Window): Date {
  const today = shanghaiDate(now);
  const time = shanghaiTime(now);
  if (calendar.isWorkday(today)) {
    if (time >= window.from && time < window.to) return now;
    if (time < window.from) return shanghaiInstant(today, window.from);
  }
  const next = calendar.firstWorkdayOnOrAfter(calendar.isWorkday(today) ? calendar.addWorkdays(today, 1) : today);
  return shanghaiInstant(next, window.from);
}

/** The announce job's period: today, once the window has opened on a workday (it catches up on the rest of the day). */
export function announceDayAt(now: Date, calendar: WorkCalendar, window: Window): string | null {
  const today = shanghaiDate(now);
  return calendar.isWorkday(today) && shanghaiTime(now) >= window.from ? today : null;
}
