import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitEntry } from '../../src/core/weekly/entry-text';
import { leaveCoversWorkdays } from '../../src/core/org/leave';
import { logContent } from '../../src/core/weekly/weekly-log';
import { isLate, weekStatus } from '../../src/core/weekly/weekly-status';

describe('splitEntry', () => {
  it('keeps lines as written and starts the plan at a 下周计划 or 计划 line', () => {
    expect(splitEntry('完成：\n  1. 起草\n\n  2. 校对\n下周计划：报送\n继续跟进')).toEqual({ done: '完成：\n  1. 起草\n\n  2. 校对', plan: '报送\n继续跟进', bonusClaim: null });
    expect(splitEntry('写材料\n计划: 开会')).toEqual({ done: '写材料', plan: '开会', bonusClaim: null });
    expect(splitEntry('写材料\r\n加分事项：获表彰\r\n下周计划：开会')).toEqual({ done: '写材料', plan: '开会', bonusClaim: '获表彰' });
    expect(splitEntry('本周计划外的工作：应急值守').plan).toBe('');
  });

  it('loses nothing: a record written as done + 下周计划 comes back exactly', () => {
    // Clean multi-line text: no marker lines, no trailing spaces, no blank first or last line.
    const line = fc.string({ unit: fc.constantFrom('a', '工', ' ', '1', '：', '*'), minLength: 1, maxLength: 12 }).map((l) => `x${l.trimEnd()}`);
    const text = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, text, (done, plan) => {
        expect(splitEntry(done)).toEqual({ done, plan: '', bonusClaim: null });
        expect(splitEntry(`${done}\n下周计划：${plan}`)).toEqual({ done, plan, bonusClaim: null });
      }),
    );
  });

  it('logContent puts the parts back together with their labels', () => {
    expect(logContent({ done: 'A', plan: 'B', bonusClaim: 'C' })).toBe('A\n下周计划：B\n加分事项：C');
    expect(logContent({ done: 'A', plan: '', bonusClaim: null })).toBe('A');
  });
});

describe('weekStatus, the one rule', () => {
  const due = new Date('2026-11-20T10:00:00Z');
  const before = new Date('2026-11-20T09:00:00Z');
  const after = new Date('2026-11-21T00:00:00Z');
  it('decides every status', () => {
    expect(weekStatus({ log: null, onLeave: false, dueAt: due, now: before })).toBe('not_due');
    expect(weekStatus({ log: null, onLeave: false, dueAt: due, now: after })).toBe('missing');
    expect(weekStatus({ log: null, onLeave: true, dueAt: due, now: after })).toBe('on_leave');
    expect(weekStatus({ log: null, onLeave: false, dueAt: null, now: after })).toBe('no_workday');
    expect(weekStatus({ log: { state: 'submitted', late: false }, onLeave: true, dueAt: due, now: after })).toBe('on_time');
    expect(weekStatus({ log: { state: 'submitted', late: true }, onLeave: false, dueAt: due, now: after })).toBe('late');
    expect(weekStatus({ log: { state: 'confirmed', late: true }, onLeave: false, dueAt: due, now: after })).toBe('confirmed');
    expect(weekStatus({ log: { state: 'returned', late: false }, onLeave: false, dueAt: due, now: before })).toBe('returned');
  });

  it('is late only strictly after the due time', () => {
    expect(isLate(due, due)).toBe(false);
    expect(isLate(new Date(due.getTime() + 1), due)).toBe(true);
    expect(isLate(after, null)).toBe(false);
  });

  it('counts leave only when it covers every workday of the week', () => {
    const workdays = ['2026-10-08', '2026-10-09', '2026-10-10'];
    expect(leaveCoversWorkdays([{ startDate: '2026-10-08', endDate: '2026-10-09' }], workdays)).toBe(false);
    expect(leaveCoversWorkdays([{ startDate: '2026-10-08', endDate: '2026-10-09' }, { startDate: '2026-10-10', endDate: '2026-10-10' }], workdays)).toBe(true);
    expect(leaveCoversWorkdays([{ startDate: '2026-01-01', endDate: '2026-12-31' }], [])).toBe(false);
  });
});
