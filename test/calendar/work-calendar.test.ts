import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/core/calendar/work-calendar';
import { CalendarGapError } from '../../src/core/calendar/calendar-gap';
import { defaultRules } from '../../src/core/rules/rules';

/**
 * Facts from 国务院办公厅关于2026年部分节假日安排的通知, as carried by chinese-days 1.5.7:
 * 元旦 1/1–1/3, work Sun 1/4; 春节 2/15–2/23, work Sat 2/14 and Sat 2/28; 清明 4/4–4/6;
 * 劳动节 5/1–5/5, work Sat 5/9; 端午 6/19–6/21; 中秋 9/25–9/27;
 * 国庆节 10/1–10/7, work Sun 9/20 and Sat 10/10.
 */
const official = () => createWorkCalendar(defaultRules().calendar);

describe('official 2026 schedule', () => {
  const cal = official();

  it('National Day week: workdays stop on 9/30', () => {
    expect(cal.workdaysOfWeek('2026-W40')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    expect(cal.lastWorkdayOfWeek('2026-W40')).toBe('2026-09-30');
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    expect(cal.holidayName('2026-10-01')).toBe('国庆节');
    expect(cal.holidayName('2026-10-03')).toBe('国庆节');
  });

  it('the week after National Day ends on the make-up Saturday 10/10', () => {
    expect(cal.workdaysOfWeek('2026-W41')).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    expect(cal.firstWorkdayOfWeek('2026-W41')).toBe('2026-10-08');
    expect(cal.lastWorkdayOfWeek('2026-W41')).toBe('2026-10-10');
    expect(cal.makeUpFor('2026-10-10')).toBe('国庆节');
    expect(cal.holidayName('2026-10-10')).toBeNull();
  });

  it('Sunday 9/20 is a make-up workday and Mid-Autumn takes 9/25–9/27', () => {
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.lastWorkdayOfWeek('2026-W38')).toBe('2026-09-20');
    expect(cal.workdaysOfWeek('2026-W38')).toHaveLength(6);
    expect(cal.lastWorkdayOfWeek('2026-W39')).toBe('2026-09-24');
    expect(cal.holidayName('2026-09-25')).toBe('中秋');
  });

  it('Spring Festival leaves week 8 without a workday', () => {
    expect(cal.workdaysOfWeek('2026-W08')).toEqual([]);
    expect(cal.firstWorkdayOfWeek('2026-W08')).toBeNull();
    expect(cal.lastWorkdayOfWeek('2026-W08')).toBeNull();
    expect(cal.lastWorkdayOfWeek('2026-W07')).toBe('2026-02-14');
    expect(cal.firstWorkdayOfWeek('2026-W09')).toBe('2026-02-24');
    expect(cal.isWorkday('2026-02-28')).toBe(true);
  });

  it('plain weekends are days off without a holiday name', () => {
    expect(cal.isWorkday('2026-11-21')).toBe(false);
    expect(cal.holidayName('2026-11-21')).toBeNull();
    expect(cal.isWorkday('2026-11-20')).toBe(true);
    expect(cal.makeUpFor('2026-11-20')).toBeNull();
  });

  it('first workday of a month skips holidays and lands on make-up days', () => {
    expect(cal.firstWorkdayOfMonth('2026-10')).toBe('2026-10-08');
    expect(cal.firstWorkdayOfMonth('2026-01')).toBe('2026-01-04');
    expect(cal.firstWorkdayOfMonth('2026-11')).toBe('2026-11-02');
    expect(cal.firstWorkdayOnOrAfter('2026-11-02')).toBe('2026-11-02');
  });

  it('addWorkdays skips holidays and counts make-up days', () => {
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-09-30', 4)).toBe('2026-10-12');
    expect(cal.addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
    expect(cal.addWorkdays('2026-10-03', 0)).toBe('2026-10-03');
    expect(cal.workdaysBetween('2026-09-30', '2026-10-12')).toBe(4);
    expect(cal.workdaysBetween('2026-10-12', '2026-09-30')).toBe(-4);
    expect(cal.workdaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  it('knows which years have official data', () => {
    expect(cal.hasDataForYear(2026)).toBe(true);
    expect(cal.hasDataForYear(2010)).toBe(true);
    expect(cal.hasDataForYear(2099)).toBe(false);
  });
});

describe('rules file overrides', () => {
  const cal = createWorkCalendar({
    timezone: 'Asia/Shanghai',
    extra_holidays: ['2026-10-09', '2099-01-01'],
    extra_workdays: ['2026-10-07'],
  });

  it('extra dates win over the package', () => {
    expect(cal.isWorkday('2026-10-07')).toBe(true);
    expect(cal.isWorkday('2026-10-09')).toBe(false);
    expect(cal.holidayName('2026-10-09')).toBe('节假日');
    expect(cal.workdaysOfWeek('2026-W41')).toEqual(['2026-10-07', '2026-10-08', '2026-10-10']);
    expect(cal.addWorkdays('2026-09-30', 2)).toBe('2026-10-08');
  });

  // Issue 10 item 8: one added date used to mark a year ready; ready means holidays and make-up days.
  it('a year is ready only with both its holidays and its make-up workdays', () => {
    expect(cal.hasDataForYear(2099)).toBe(false);
    expect(() => cal.isWorkday('2099-03-02')).toThrow(CalendarGapError);
    const both = createWorkCalendar({ timezone: 'Asia/Shanghai', extra_holidays: ['2099-01-01'], extra_workdays: ['2099-01-03'] });
    expect(both.hasDataForYear(2099)).toBe(true);
    expect(both.isWorkday('2099-01-01')).toBe(false);
    expect(both.isWorkday('2099-01-03')).toBe(true);
  });

  it('never guesses a year without data: 2026-W53 needs 2027-01-01 (元旦)', () => {
    expect(cal.hasDataForYear(2027)).toBe(false);
    expect(() => cal.workdaysOfWeek('2026-W53')).toThrow(/2027 年的节假日与调休安排尚未录入/);
    expect(() => cal.firstWorkdayOnOrAfter('2026-12-31')).not.toThrow();
    expect(() => cal.addWorkdays('2026-12-31', 1)).toThrow(CalendarGapError);
  });

  it('a week asked again answers the same: a caller changing its list changes nothing, a gap keeps refusing', () => {
    const cal = official();
    const first = cal.workdaysOfWeek('2026-W40');
    first.push('2026-10-01');
    expect(cal.workdaysOfWeek('2026-W40')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    expect(cal.lastWorkdayOfWeek('2026-W40')).toBe('2026-09-30');
    expect(() => cal.lastWorkdayOfWeek('2026-W53')).toThrow(CalendarGapError);
    expect(() => cal.lastWorkdayOfWeek('2026-W53')).toThrow(CalendarGapError);
  });

  it('a week all made holiday has no workday', () => {
    const allOff = createWorkCalendar({
      timezone: 'Asia/Shanghai',
      extra_holidays: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'],
      extra_workdays: [],
    });
    expect(allOff.lastWorkdayOfWeek('2026-W47')).toBeNull();
  });
});
