import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/core/calendar/work-calendar';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { summaryDueAt, summaryDueAtIfKnown, summaryPeriodDue, summaryReminderDue, summarySendAt } from '../../src/core/summary/summary-schedule';

const at = (iso: string) => new Date(iso);
const rules = defaultRules();
const calendar = createWorkCalendar(rules.calendar);

describe('when 个人小结 is due', () => {
  it('quarterly by default: cards on the last workday at 10:00, due on the 5th workday after, one reminder 2 workdays before', () => {
    expect(rules.self_summary).toMatchObject({ period: 'quarter', max_chars: 800, due_workdays: 5 });
    expect(summarySendAt('2026-Q3', calendar, rules.self_summary)).toEqual(at('2026-09-30T10:00:00+08:00'));
    // 1–7 October is the National Day holiday; Saturday 10 October is a make-up workday.
    expect(summaryDueAt('2026-Q3', calendar, rules.self_summary)).toEqual(at('2026-10-13T18:00:00+08:00'));
    expect(summaryPeriodDue(at('2026-09-30T09:59:00+08:00'), calendar, rules)).toBe('2026-Q2');
    expect(summaryPeriodDue(at('2026-09-30T10:00:00+08:00'), calendar, rules)).toBe('2026-Q3');
    // Caught up after downtime: still the latest period whose cards were due.
    expect(summaryPeriodDue(at('2026-11-30T10:00:00+08:00'), calendar, rules)).toBe('2026-Q3');
    expect(summaryReminderDue(at('2026-10-09T18:00:00+08:00'), calendar, rules)).toBeNull();
    expect(summaryReminderDue(at('2026-10-10T09:00:00+08:00'), calendar, rules)).toBe('2026-Q3');
    // Not once the summary is due: a reminder after the deadline would only nag.
    expect(summaryReminderDue(at('2026-10-13T18:00:00+08:00'), calendar, rules)).toBeNull();
  });

  it('a quarter ending on a weekend goes out on its last workday', () => {
    // 30 June 2026 is a Tuesday.
    expect(summarySendAt('2026-Q2', calendar, rules.self_summary)).toEqual(at('2026-06-30T10:00:00+08:00'));
    const monthly = parseRules({ self_summary: { period: 'month' } });
    // October 2026 ends on a Saturday: Friday the 30th.
    expect(summarySendAt('2026-10', calendar, monthly.self_summary)).toEqual(at('2026-10-30T10:00:00+08:00'));
    expect(summaryPeriodDue(at('2026-11-20T10:00:00+08:00'), calendar, monthly)).toBe('2026-10');
  });

  it('December needs no holiday schedule of next year until the reminder, which then waits', () => {
    expect(calendar.hasDataForYear(2027)).toBe(false);
    expect(summaryPeriodDue(at('2026-12-31T10:00:00+08:00'), calendar, rules)).toBe('2026-Q4');
    expect(summaryDueAtIfKnown('2026-Q4', calendar, rules.self_summary)).toBeNull();
    expect(summaryReminderDue(at('2026-12-31T12:00:00+08:00'), calendar, rules)).toBeNull();
    expect(() => summaryReminderDue(at('2027-01-08T09:00:00+08:00'), calendar, rules)).toThrow('2027 年的节假日与调休安排尚未录入');
  });

  it('turned off, nothing is due; a reminder that would fall after the due day is refused in the rules file', () => {
    const off = parseRules({ self_summary: { enabled: false } });
    expect(summaryPeriodDue(at('2026-09-30T10:00:00+08:00'), calendar, off)).toBeNull();
    expect(() => parseRules({ self_summary: { due_workdays: 2, reminder: { workdays_before_due: 2 } } })).toThrow('self_summary');
  });
});
