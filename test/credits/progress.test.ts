import { describe, expect, it } from 'vitest';
import { carryOut, yearProgress } from '../../src/core/credits';
import { rec, training, trainingWith } from './helpers';

describe('yearProgress with the default rules (90 total, 50 online, degree ≤ 24)', () => {
  it('is met at 40 offline + 50 online', () => {
    const p = yearProgress([rec(40, 'offline'), rec(50, 'online')], training, { year: 2026 });
    expect(p).toMatchObject({
      year: 2026,
      target: 90,
      totalHours: 90,
      onlineHours: 50,
      offlineHours: 40,
      countedHours: 90,
      remainingHours: 0,
      onlineRemaining: 0,
      requiredRemaining: null,
      cappedHours: 0,
      met: true,
      unmetReasons: [],
    });
  });

  it('says how much total and online is missing', () => {
    const p = yearProgress([rec(35.5, 'offline'), rec(42, 'online')], training, { year: 2026 });
    expect(p.countedHours).toBe(77.5);
    expect(p.remainingHours).toBe(12.5);
    expect(p.onlineRemaining).toBe(8);
    expect(p.met).toBe(false);
    expect(p.unmetReasons).toEqual(['总学时差 12.5 学时', '网络学时差 8 学时']);
  });

  it('counts at most 24 degree hours a year', () => {
    const p = yearProgress([rec(20, 'degree'), rec(16, 'degree'), rec(50, 'online')], training, { year: 2026 });
    expect(p.byKind.degree).toBe(36);
    expect(p.totalHours).toBe(86);
    expect(p.cappedHours).toBe(12);
    expect(p.countedHours).toBe(74);
    expect(p.remainingHours).toBe(16);
    expect(p.offlineHours).toBe(36);
  });

  it('sums decimals exactly', () => {
    const records = [rec(0.1, 'online'), rec(0.2, 'online'), ...Array.from({ length: 10 }, () => rec(0.1, 'exam'))];
    const p = yearProgress(records, training, { year: 2026 });
    expect(p.onlineHours).toBe(0.3);
    expect(p.byKind.exam).toBe(1);
    expect(p.totalHours).toBe(1.3);
    expect(p.remainingHours).toBe(88.7);
    expect(p.onlineRemaining).toBe(49.7);
  });

  it('counts only approved records of the year; pending listed apart', () => {
    const p = yearProgress(
      [
        rec(10, 'offline'),
        rec(5, 'lecture', { status: 'pending', source: 'claim' }),
        rec(7, 'lecture', { status: 'rejected', source: 'claim' }),
        rec(30, 'online', { date: '2025-12-31' }),
        rec(2.25, 'online', { date: '2027-01-01', status: 'pending' }),
      ],
      training,
      { year: 2026 },
    );
    expect(p.totalHours).toBe(10);
    expect(p.pendingHours).toBe(5);
    expect(p.byKind).toEqual({ offline: 10, online: 0, degree: 0, exam: 0, lecture: 0 });
  });

  it('ignores carryIn while carry-over is disabled', () => {
    const p = yearProgress([rec(90, 'online')], training, { year: 2026, carryIn: 20 });
    expect(p.carryInHours).toBe(0);
    expect(carryOut(p, training)).toBe(0);
  });
});

describe('online cap share of total', () => {
  const capped = trainingWith({ online_cap_share_of_total: 0.5 });

  it('counts online toward the total only up to share × target', () => {
    const p = yearProgress([rec(80, 'online'), rec(10, 'offline')], capped, { year: 2026 });
    expect(p.onlineHours).toBe(80);
    expect(p.cappedHours).toBe(35);
    expect(p.countedHours).toBe(55);
    expect(p.onlineRemaining).toBe(0);
    expect(p.onlineCapReached).toBe(true);
    expect(p.unmetReasons).toEqual(['总学时差 35 学时']);
  });

  it('is off by default (null)', () => {
    const p = yearProgress([rec(90, 'online')], training, { year: 2026 });
    expect(p.met).toBe(true);
    expect(p.onlineCapReached).toBe(false);
  });
});

describe('required vs elective (Nanjing style, when enabled)', () => {
  const nanjing = trainingWith({
    annual_required_hours: 84,
    online_min_hours: 0,
    required_vs_elective: { enabled: true, required: 56, total: 84 },
  });

  it('needs 56 required and 84 in all', () => {
    const p = yearProgress([rec(50, 'offline', { required: true }), rec(40, 'online')], nanjing, { year: 2026 });
    expect(p.requiredHours).toBe(50);
    expect(p.electiveHours).toBe(40);
    expect(p.requiredRemaining).toBe(6);
    expect(p.met).toBe(false);
    expect(p.unmetReasons).toEqual(['必修学时差 6 学时']);
  });

  it('is met with enough required hours', () => {
    const p = yearProgress([rec(56, 'offline', { required: true }), rec(28, 'online')], nanjing, { year: 2026 });
    expect(p.requiredRemaining).toBe(0);
    expect(p.met).toBe(true);
  });

  it('checks the required+elective total when it is above the annual target', () => {
    const higher = trainingWith({ annual_required_hours: 84, online_min_hours: 0, required_vs_elective: { enabled: true, total: 100 } });
    const p = yearProgress([rec(90, 'offline', { required: true })], higher, { year: 2026 });
    expect(p.unmetReasons).toEqual(['必修与选修合计差 10 学时']);
    expect(p.remainingHours).toBe(10);
  });

  it('takes a cap from elective hours before required ones', () => {
    const p = yearProgress(
      [rec(20, 'degree', { required: true }), rec(20, 'degree'), rec(40, 'offline', { required: true })],
      nanjing,
      { year: 2026 },
    );
    expect(p.cappedHours).toBe(16);
    expect(p.requiredRemaining).toBe(0);
  });
});

describe('carry-over (when enabled)', () => {
  const carrying = trainingWith({ carry_over: true });

  it('carries hours above the target into next year as elective', () => {
    const y1 = yearProgress([rec(70, 'offline', { date: '2025-04-01' }), rec(50, 'online', { date: '2025-09-01' })], carrying, {
      year: 2025,
    });
    const out = carryOut(y1, carrying);
    expect(out).toBe(30);
    const y2 = yearProgress([rec(10, 'offline', { date: '2026-02-01' }), rec(50, 'online', { date: '2026-05-01' })], carrying, {
      year: 2026,
      carryIn: out,
    });
    expect(y2.carryInHours).toBe(30);
    expect(y2.countedHours).toBe(90);
    expect(y2.totalHours).toBe(60);
    expect(y2.met).toBe(true);
    expect(carryOut(y2, carrying)).toBe(0);
  });

  it('never rolls carried-in hours over a second time', () => {
    const p = yearProgress([rec(10, 'online')], carrying, { year: 2026, carryIn: 200 });
    expect(carryOut(p, carrying)).toBe(10);
  });

  it('carries nothing below the target', () => {
    const p = yearProgress([rec(89.99, 'online')], carrying, { year: 2026 });
    expect(carryOut(p, carrying)).toBe(0);
  });
});

describe('bad input', () => {
  it('throws a DomainError in Chinese', () => {
    expect(() => yearProgress([], training, { year: 2026, carryIn: -1 })).toThrow(/结转学时无效/);
    expect(() => yearProgress([rec(Number.NaN)], training, { year: 2026 })).toThrow(/学时无效/);
  });
});
