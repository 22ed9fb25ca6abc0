import { describe, expect, it } from 'vitest';
import {
  parseTrainingHours,
  recordFingerprint,
  validateTrainingRow,
  validateTrainingRows,
} from '../../src/core/credits';
import { rules, training, trainingWith } from './helpers';

const known = new Set(['ou_a', 'ou_b']);
const context = { knownPerson: (id: string) => known.has(id), today: '2026-06-30' };
const row = (over: Record<string, string> = {}) => ({
  open_id: 'ou_a',
  date: '2026-03-10',
  title: '习近平新时代中国特色社会主义思想专题培训',
  kind: 'offline',
  hours: '16',
  required: '1',
  ...over,
});

describe('validateTrainingRow', () => {
  it('accepts a good row as an approved import', () => {
    const result = validateTrainingRow(row(), rules, context);
    expect(result).toEqual({
      ok: true,
      openId: 'ou_a',
      record: {
        date: '2026-03-10',
        title: '习近平新时代中国特色社会主义思想专题培训',
        kind: 'offline',
        hours: 16,
        required: true,
        source: 'import',
        status: 'approved',
        examResult: null,
      },
    });
  });

  it('reads the optional 结业考试 result column: pass / fail in English or Chinese, empty when absent', () => {
    const result = (text?: string) => {
      const r = validateTrainingRow(text === undefined ? row() : row({ result: text }), rules, context);
      return r.ok ? r.record.examResult : 'refused';
    };
    expect([result(), result(''), result('pass'), result('PASS'), result('通过'), result('合格')]).toEqual([null, null, 'pass', 'pass', 'pass', 'pass']);
    expect([result('fail'), result('未通过'), result('不合格')]).toEqual(['fail', 'fail', 'fail']);
  });

  it('takes the training section alone as well as the whole rules', () => {
    expect(validateTrainingRow(row(), training, context).ok).toBe(true);
  });

  it('converts days with hours_per_day: 2天 is 16 学时 by default, 12 with 6 per day', () => {
    const byDays = validateTrainingRow(row({ hours: '2天' }), rules, context);
    expect(byDays.ok && byDays.record.hours).toBe(16);
    expect(parseTrainingHours('0.5天', training)).toEqual({ ok: true, hours: 4 });
    expect(parseTrainingHours('2天', trainingWith({ hours_per_day: 6 }))).toEqual({ ok: true, hours: 12 });
    expect(parseTrainingHours('１６学时', training)).toEqual({ ok: true, hours: 16 });
    expect(parseTrainingHours('2.50', training)).toEqual({ ok: true, hours: 2.5 });
  });

  it.each([
    [{ open_id: 'ou_zz' }, '人员 open_id 不在组织名单中'],
    [{ open_id: '' }, '缺少人员 open_id'],
    [{ date: '2026-02-29' }, '日期无效'],
    [{ date: '2026/03/10' }, '日期无效'],
    [{ date: '2026-13-01' }, '日期无效'],
    [{ date: '2026-07-01' }, '晚于今天'],
    [{ title: '  ' }, '培训名称不能为空'],
    [{ kind: 'seminar' }, 'offline（线下培训）、online（网络学习）、degree（学历教育）、exam（考试）、lecture（讲座）'],
    [{ hours: '0' }, '学时不合理'],
    [{ hours: '-3' }, '学时不合理'],
    [{ hours: 'abc' }, '学时不合理'],
    [{ hours: '1.234' }, '最多保留两位小数'],
    [{ hours: '201' }, '超过单条上限 200 学时'],
    [{ hours: '26天' }, '折合 208 学时'],
    [{ hours: '' }, '学时不合理：未填写'],
    [{ required: 'yes' }, '应为 1 或 0'],
    [{ result: 'maybe' }, '结业考试结果（result）应为 pass 或 fail'],
  ])('refuses %j with a reason', (over, reason) => {
    const result = validateTrainingRow(row(over), rules, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts a leap day and a date equal to today; no future check without today', () => {
    expect(validateTrainingRow(row({ date: '2024-02-29' }), rules, context).ok).toBe(true);
    expect(validateTrainingRow(row({ date: '2026-06-30' }), rules, context).ok).toBe(true);
    expect(validateTrainingRow(row({ date: '2030-01-01' }), rules, { knownPerson: () => true }).ok).toBe(true);
  });

  it('reports every problem of a row at once', () => {
    const result = validateTrainingRow(row({ open_id: 'ou_x', hours: '0', required: '2' }), rules, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.split('；')).toHaveLength(3);
  });

  it('uses the rules limit, not a number in code', () => {
    const strict = trainingWith({ max_hours_per_record: 10 });
    expect(validateTrainingRow(row({ hours: '11' }), strict, context).ok).toBe(false);
    expect(validateTrainingRow(row({ hours: '10' }), strict, context).ok).toBe(true);
  });

  it('refuses a day count whose hours would need more than two decimals', () => {
    const odd = trainingWith({ hours_per_day: 7.5 });
    expect(parseTrainingHours('0.5天', odd)).toEqual({ ok: true, hours: 3.75 });
    expect(parseTrainingHours('0.11天', odd).ok).toBe(false);
  });
});

describe('recordFingerprint', () => {
  it('is the same for 2天 and 16, and differs by person', () => {
    const a = validateTrainingRow(row({ hours: '2天' }), rules, context);
    const b = validateTrainingRow(row({ hours: '16' }), rules, context);
    if (!a.ok || !b.ok) throw new Error('rows should be valid');
    expect(recordFingerprint(a.openId, a.record)).toBe(recordFingerprint(b.openId, b.record));
    expect(recordFingerprint('ou_b', a.record)).not.toBe(recordFingerprint('ou_a', a.record));
    expect(recordFingerprint('ou_a', a.record)).toBe(
      'ou_a|2026-03-10|习近平新时代中国特色社会主义思想专题培训|offline|16|1',
    );
  });

  it('escapes the separator inside titles so fields cannot run together', () => {
    const base = { date: '2026-03-10', kind: 'online', hours: 1, required: false } as const;
    expect(recordFingerprint('ou_a', { ...base, title: 'a|b' })).not.toBe(recordFingerprint('ou_a|a', { ...base, title: 'b' }));
  });
});

describe('validateTrainingRows (a file with bad rows)', () => {
  const file = [
    row(),
    row({ open_id: 'ou_ghost' }),
    row({ date: '2026-04-31' }),
    row({ title: '' }),
    row({ kind: '面授' }),
    row({ hours: '500' }),
    row({ required: '是' }),
    row({ hours: '2天' }), // same training as line 2 → duplicate, not an error
    row({ open_id: 'ou_b', kind: 'online', hours: '0.5', required: '0' }),
  ].map((values, index) => ({ line: index + 2, values }));

  it('reports each bad row with its line and reason and skips repeats', () => {
    const result = validateTrainingRows(file, rules, context);
    expect(result.accepted.map((r) => r.line)).toEqual([2, 10]);
    expect(result.duplicateLines).toEqual([9]);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons[0]).toContain('人员 open_id 不在组织名单中');
    expect(reasons[1]).toContain('日期无效');
    expect(reasons[2]).toContain('培训名称不能为空');
    expect(reasons[3]).toContain('培训类型无效');
    expect(reasons[4]).toContain('学时不合理');
    expect(reasons[5]).toContain('应为 1 或 0');
  });

  it('adds nothing new when the same file is read again', () => {
    const first = validateTrainingRows(file, rules, context).accepted.map((r) => r.fingerprint);
    const second = validateTrainingRows(file, rules, context).accepted.map((r) => r.fingerprint);
    const stored = new Set(first);
    expect(second.filter((fp) => !stored.has(fp))).toEqual([]);
  });
});
