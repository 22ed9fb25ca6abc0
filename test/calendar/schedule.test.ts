import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import {
  monthlyReviewAt,
  monthOfReviewDue,
  quarterCloseAt,
  quarterOfCloseDue,
  weeklySchedule,
  weekOfDue,
} from '../../src/core/calendar/schedule';
import { createWorkCalendar } from '../../src/core/calendar/work-calendar';
import { CalendarGapError } from '../../src/core/calendar/calendar-gap';

const rules = defaultRules();
const cal = createWorkCalendar(rules.calendar);
/** Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('weeklySchedule', () => {
  it('an ordinary week: Friday prompt and due, Monday reminder', () => {
    expect(weeklySchedule('2026-W47', cal, rules)).toEqual({
      weekKey: '2026-W47',
      workdays: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'],
      promptAt: sh('2026-11-20T15:00'),
      dueAt: sh('2026-11-20T18:00'),
      reminderAt: sh('2026-11-23T09:00'),
    });
  });

  it('follows the make-up Saturday after National Day', () => {
    const s = weeklySchedule('2026-W41', cal, rules);
    expect(s.dueAt).toEqual(sh('2026-10-10T18:00'));
    expect(s.reminderAt).toEqual(sh('2026-10-12T09:00'));
    expect(weeklySchedule('2026-W40', cal, rules).reminderAt).toEqual(sh('2026-10-08T09:00'));
    expect(weeklySchedule('2026-W39', cal, rules).promptAt).toEqual(sh('2026-09-24T15:00'));
  });

  it('a week with no workday has no times; the week before reminds after it', () => {
    expect(weeklySchedule('2026-W08', cal, rules)).toMatchObject({ workdays: [], promptAt: null, dueAt: null, reminderAt: null });
    const before = weeklySchedule('2026-W07', cal, rules);
    expect(before.dueAt).toEqual(sh('2026-02-14T18:00'));
    expect(before.reminderAt).toEqual(sh('2026-02-24T09:00'));
  });

  it('uses the configured times', () => {
    const custom = parseRules({ weekly: { prompt_time: '14:30', due_time: '17:30', reminder_time: '08:45' } });
    const s = weeklySchedule('2026-W47', cal, custom);
    expect(s.promptAt).toEqual(sh('2026-11-20T14:30'));
    expect(s.dueAt).toEqual(sh('2026-11-20T17:30'));
    expect(s.reminderAt).toEqual(sh('2026-11-23T08:45'));
  });
});

describe('monthly and quarterly times', () => {
  it('reviews a month on the next month’s first workday', () => {
    expect(monthlyReviewAt('2026-09', cal, rules)).toEqual(sh('2026-10-08T09:00'));
    expect(monthlyReviewAt('2025-12', cal, rules)).toEqual(sh('2026-01-04T09:00'));
    expect(monthlyReviewAt('2026-10', cal, rules)).toEqual(sh('2026-11-02T09:00'));
  });

  it('closes a quarter 5 workdays after the first workday after it, when the last month is reviewed', () => {
    expect(rules.quarterly.close_after_workdays).toBe(5);
    // 10-08 (first workday after National Day) → 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14.
    expect(quarterCloseAt('2026-Q3', cal, rules)).toEqual(sh('2026-10-14T09:00'));
    expect(cal.workdaysBetween('2026-10-08', '2026-10-14')).toBe(5);
    // 2026-01-04 is a make-up Sunday; then 01-05 … 01-09.
    expect(quarterCloseAt('2025-Q4', cal, rules)).toEqual(sh('2026-01-09T09:00'));
    expect(quarterCloseAt('2026-Q2', cal, rules)).toEqual(sh('2026-07-08T09:00'));
    for (const q of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']) {
      const lastMonth = `${q.slice(0, 4)}-${String(Number(q.slice(-1)) * 3).padStart(2, '0')}`;
      expect(quarterCloseAt(q, cal, rules) > monthlyReviewAt(lastMonth, cal, rules), q).toBe(true);
    }
  });

  it('close_after_workdays 0 closes on the first workday after the quarter, with the last month’s review', () => {
    const now = parseRules({ quarterly: { close_after_workdays: 0 } });
    expect(quarterCloseAt('2026-Q3', cal, now)).toEqual(sh('2026-10-08T09:00'));
    expect(quarterCloseAt('2025-Q4', cal, now)).toEqual(sh('2026-01-04T09:00'));
    expect(quarterCloseAt('2026-Q3', cal, now)).toEqual(monthlyReviewAt('2026-09', cal, now));
    const later = parseRules({ quarterly: { close_after_workdays: 1, close_time: '14:00' } });
    expect(quarterCloseAt('2026-Q3', cal, later)).toEqual(sh('2026-10-09T14:00'));
    expect(() => parseRules({ quarterly: { close_after_workdays: 31 } })).toThrow();
    expect(() => parseRules({ quarterly: { close_after_workdays: -1 } })).toThrow();
    expect(() => parseRules({ quarterly: { close_after_workdays: 1.5 } })).toThrow();
  });

  it('knows which month and quarter are due for catch-up', () => {
    expect(monthOfReviewDue(sh('2026-10-08T08:59'), cal, rules)).toBe('2026-08');
    expect(monthOfReviewDue(sh('2026-10-08T09:00'), cal, rules)).toBe('2026-09');
    expect(monthOfReviewDue(sh('2026-10-31T23:00'), cal, rules)).toBe('2026-09');
    expect(quarterOfCloseDue(sh('2026-10-07T12:00'), cal, rules)).toBe('2026-Q2');
    expect(quarterOfCloseDue(sh('2026-10-08T09:00'), cal, rules)).toBe('2026-Q2');
    expect(quarterOfCloseDue(sh('2026-10-14T08:59'), cal, rules)).toBe('2026-Q2');
    expect(quarterOfCloseDue(sh('2026-10-14T09:00'), cal, rules)).toBe('2026-Q3');
    // Issue 10 item 8: Q4's close needs 2027's schedule; without it the calendar does not guess.
    expect(() => quarterOfCloseDue(sh('2027-01-06T12:00'), cal, rules)).toThrow(CalendarGapError);
    // A test schedule for 2027 (holidays and make-up days both given), as a rules file would add it.
    const with2027 = parseRules({ calendar: { extra_holidays: ['2027-01-01'], extra_workdays: ['2027-02-20'] } });
    expect(quarterOfCloseDue(sh('2027-01-06T12:00'), createWorkCalendar(with2027.calendar), with2027)).toBe('2026-Q3');
    const atOnce = parseRules({ quarterly: { close_after_workdays: 0 } });
    expect(quarterOfCloseDue(sh('2026-10-07T12:00'), cal, atOnce)).toBe('2026-Q2');
    expect(quarterOfCloseDue(sh('2026-10-08T09:00'), cal, atOnce)).toBe('2026-Q3');
  });
});

describe('weekOfDue', () => {
  it('before Friday’s prompt only last week’s reminder is due', () => {
    expect(weekOfDue(sh('2026-11-20T14:59'), cal, rules)).toEqual({ prompt: null, reminder: '2026-W46' });
  });

  it('the prompt is due from its time until the reminder replaces it', () => {
    expect(weekOfDue(sh('2026-11-20T15:00'), cal, rules)).toEqual({ prompt: '2026-W47', reminder: '2026-W46' });
    expect(weekOfDue(sh('2026-11-23T08:59'), cal, rules)).toEqual({ prompt: '2026-W47', reminder: '2026-W46' });
    expect(weekOfDue(sh('2026-11-23T09:00'), cal, rules)).toEqual({ prompt: null, reminder: '2026-W47' });
  });

  it('steps over a week with no workday', () => {
    expect(weekOfDue(sh('2026-02-20T10:00'), cal, rules)).toEqual({ prompt: '2026-W07', reminder: '2026-W06' });
    expect(weekOfDue(sh('2026-02-24T09:00'), cal, rules)).toEqual({ prompt: null, reminder: '2026-W07' });
  });

  it('a prompt on a make-up Sunday is due that Sunday', () => {
    expect(weekOfDue(sh('2026-09-20T15:00'), cal, rules).prompt).toBe('2026-W38');
  });
});
