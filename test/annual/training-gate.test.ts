import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { trainingGate } from '../../src/core/annual/training-gate';
import type { TrainingRecord } from '../../src/core/credits';
import { rec as record } from '../credits/helpers';

const rules = defaultRules();
const rec = (date: string, kind: TrainingRecord['kind'], hours: number, extra: Partial<TrainingRecord> = {}) => record(hours, kind, { date, ...extra });
const year2026 = [rec('2026-05-01', 'offline', 90), rec('2026-06-01', 'online', 30)];

// Issue 10 item 7 (seed 002): 缓定 while the year's training is unmet, cleared when 补学 completes it.
describe('trainingGate', () => {
  it('met in the year: no 缓定', () => {
    expect(trainingGate([...year2026, rec('2026-09-01', 'online', 20)], rules, 2026, '2027-01-05')).toMatchObject({ met: true, madeUp: false });
  });

  it('while the year runs, unmet is not yet a verdict', () => {
    expect(trainingGate(year2026, rules, 2026, '2026-12-31')).toMatchObject({ met: null, shortfall: ['网络学习差 20 学时'] });
  });

  it('after the year, unmet → 缓定 until a record within the window (次年 03-31 by default) completes it', () => {
    expect(trainingGate(year2026, rules, 2026, '2027-01-05')).toMatchObject({ met: false, madeUp: false, makeUpUntil: '2027-03-31' });
    const january = [...year2026, rec('2027-01-10', 'online', 20)];
    expect(trainingGate(january, rules, 2026, '2027-01-15')).toMatchObject({ met: false, madeUp: true });
    // A record after the window does not count for 2026.
    expect(trainingGate([...year2026, rec('2027-04-02', 'online', 20)], rules, 2026, '2027-04-10')).toMatchObject({ madeUp: false });
    // A failed 结业考试 does not complete it either.
    expect(trainingGate([...year2026, rec('2027-01-10', 'online', 20, { examResult: 'fail' })], rules, 2026, '2027-01-15')).toMatchObject({ madeUp: false });
  });

  it('with no 补学 window in the rules, next year’s records never clear it', () => {
    const none = parseRules({ annual: { training_makeup_until: null } });
    expect(trainingGate([...year2026, rec('2027-01-10', 'online', 20)], none, 2026, '2027-01-15')).toMatchObject({ met: false, madeUp: false, makeUpUntil: null });
  });
});
