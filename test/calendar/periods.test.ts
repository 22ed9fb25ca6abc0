import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors';
import {
  addDays,
  datesOfWeek,
  formatHalfLabel,
  formatMonthLabel,
  formatQuarterLabel,
  formatWeekLabel,
  halfKeyOf,
  monthKeyOf,
  monthsOfQuarter,
  nextWeek,
  parsePeriodKey,
  previousMonth,
  previousQuarter,
  previousWeek,
  quarterKeyOf,
  shanghaiDate,
  shanghaiInstant,
  shanghaiTime,
  weekdayOf,
  weekKeyOf,
  yearOf,
} from '../../src/core/calendar/periods';

describe('parsePeriodKey', () => {
  it('parses every kind with inclusive bounds', () => {
    expect(parsePeriodKey('2026-W47')).toEqual({ kind: 'week', key: '2026-W47', start: '2026-11-16', end: '2026-11-22' });
    expect(parsePeriodKey('2026-11')).toEqual({ kind: 'month', key: '2026-11', start: '2026-11-01', end: '2026-11-30' });
    expect(parsePeriodKey('2026-02').end).toBe('2026-02-28');
    expect(parsePeriodKey('2028-02').end).toBe('2028-02-29');
    expect(parsePeriodKey('2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriodKey('2026-H1')).toEqual({ kind: 'half', key: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(parsePeriodKey('2026')).toEqual({ kind: 'year', key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('normalises case and single-digit weeks', () => {
    expect(parsePeriodKey(' 2026-w7 ').key).toBe('2026-W07');
    expect(parsePeriodKey('2026-q2').key).toBe('2026-Q2');
  });

  it('knows which years have a week 53', () => {
    expect(parsePeriodKey('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
    expect(parsePeriodKey('2026-W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(() => parsePeriodKey('2025-W53')).toThrow(DomainError);
    expect(parsePeriodKey('2026-W01').start).toBe('2025-12-29');
  });

  it('refuses bad keys with the expected format in Chinese', () => {
    for (const bad of ['2026-13', '2026-W00', '2026-Q5', '2026-H3', '26-11', 'next week', '2026-11-01', '']) {
      expect(() => parsePeriodKey(bad)).toThrow(/格式不正确.*2026-W47/);
    }
    try {
      parsePeriodKey('2026-11', 'week');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_INPUT');
      expect((e as DomainError).message).toContain('周 2026-W47');
    }
  });

  it('round-trips the key of every kind', () => {
    for (const key of ['2026-W47', '2026-11', '2026-Q4', '2026-H2', '2026', '2020-W53']) {
      const p = parsePeriodKey(key);
      expect(parsePeriodKey(p.key)).toEqual(p);
    }
  });
});

describe('keys of a date', () => {
  it('follows ISO weeks across the year end', () => {
    expect(weekKeyOf('2026-12-31')).toBe('2026-W53');
    expect(weekKeyOf('2027-01-01')).toBe('2026-W53');
    expect(weekKeyOf('2027-01-03')).toBe('2026-W53');
    expect(weekKeyOf('2027-01-04')).toBe('2027-W01');
    expect(weekKeyOf('2025-12-29')).toBe('2026-W01');
    expect(weekKeyOf('2021-01-03')).toBe('2020-W53');
    expect(weekKeyOf('2026-11-16')).toBe('2026-W47');
  });

  it('gives month, quarter, half and year', () => {
    expect(monthKeyOf('2026-11-30')).toBe('2026-11');
    expect(quarterKeyOf('2026-09-30')).toBe('2026-Q3');
    expect(quarterKeyOf('2026-10-01')).toBe('2026-Q4');
    expect(halfKeyOf('2026-06-30')).toBe('2026-H1');
    expect(halfKeyOf('2026-07-01')).toBe('2026-H2');
    expect(yearOf('2026-07-01')).toBe('2026');
  });

  it('numbers weekdays Monday = 1', () => {
    expect(weekdayOf('2026-11-16')).toBe(1);
    expect(weekdayOf('2026-11-22')).toBe(7);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('refuses impossible dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
  });
});

describe('stepping', () => {
  it('lists the days of a week Monday to Sunday', () => {
    expect(datesOfWeek('2026-W53')).toEqual([
      '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03',
    ]);
  });

  it('steps weeks, months and quarters across years', () => {
    expect(nextWeek('2026-W53')).toBe('2027-W01');
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(previousWeek('2026-W01')).toBe('2025-W52');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('Asia/Shanghai instants', () => {
  it('turns a UTC instant into the Shanghai date', () => {
    expect(shanghaiDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(shanghaiDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(weekKeyOf(shanghaiDate(new Date('2026-11-22T16:30:00Z')))).toBe('2026-W48');
  });

  it('builds instants from Shanghai wall-clock times', () => {
    expect(shanghaiInstant('2026-11-20', '15:00').toISOString()).toBe('2026-11-20T07:00:00.000Z');
    expect(shanghaiInstant('2026-11-23', '00:00').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(shanghaiTime(new Date('2026-11-22T16:30:00Z'))).toBe('00:30');
    expect(() => shanghaiInstant('2026-11-20', '25:00')).toThrow(/HH:MM/);
  });

  it('round-trips date → instant → date for any time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 23 * 60 + 59 }), (offset, minute) => {
        const date = addDays('1990-01-01', offset);
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const instant = shanghaiInstant(date, time);
        return shanghaiDate(instant) === date && shanghaiTime(instant) === time;
      }),
    );
  });
});

describe('weeks as a property', () => {
  const anyDate = fc.integer({ min: 0, max: 80_000 }).map((n) => addDays('1950-01-01', n));

  it('every date lies in the week weekKeyOf names', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const week = parsePeriodKey(weekKeyOf(date));
        return week.start <= date && date <= week.end && datesOfWeek(week.key).includes(date);
      }),
    );
  });

  it('a week starts on Monday and nextWeek undoes previousWeek', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const key = weekKeyOf(date);
        const { start } = parsePeriodKey(key);
        return weekdayOf(start) === 1 && nextWeek(previousWeek(key)) === key && weekKeyOf(addDays(start, 7)) === nextWeek(key);
      }),
    );
  });

  it('agrees with the date in a month, quarter and half key', () => {
    fc.assert(
      fc.property(anyDate, (date) =>
        [monthKeyOf(date), quarterKeyOf(date), halfKeyOf(date), yearOf(date)].every((key) => {
          const p = parsePeriodKey(key);
          return p.start <= date && date <= p.end;
        }),
      ),
    );
  });
});

describe('labels', () => {
  it('formats Chinese labels', () => {
    expect(formatWeekLabel('2026-W47')).toBe('2026年第47周（11月16日—11月22日）');
    expect(formatWeekLabel('2026-W01')).toBe('2026年第1周（12月29日—1月4日）');
    expect(formatMonthLabel('2026-11')).toBe('2026年11月');
    expect(formatMonthLabel('2026-01')).toBe('2026年1月');
    expect(formatQuarterLabel('2026-Q4')).toBe('2026年第四季度');
    expect(formatQuarterLabel('2026-Q1')).toBe('2026年第一季度');
    expect(formatHalfLabel('2026-H2')).toBe('2026年下半年');
  });
});
