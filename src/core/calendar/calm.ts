import { shanghaiDate, shanghaiInstant, shanghaiTime } from './periods';
import type { WorkCalendar } from './work-calendar';

export interface CalmWindow {
  from: string;
  to: string;
}

/**
 * When something that is not urgent may go out: now, inside the window on a workday; otherwise the
 * window's start on the next workday (today's, before the window opens).
 */
export function calmTime(now: Date, calendar: WorkCalendar, window: CalmWindow): Date {
  const today = shanghaiDate(now);
  const time = shanghaiTime(now);
  if (calendar.isWorkday(today)) {
    if (time >= window.from && time < window.to) return now;
    if (time < window.from) return shanghaiInstant(today, window.from);
  }
  const next = calendar.firstWorkdayOnOrAfter(calendar.isWorkday(today) ? calendar.addWorkdays(today, 1) : today);
  return shanghaiInstant(next, window.from);
}
