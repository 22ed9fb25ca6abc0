import { describe, expect, it } from 'vitest';
import { carryOut, yearProgress } from '../../src/core/credits';
import { rec, training, trainingWith } from './helpers';

// Issue 10 item 6: ≥ 90 学时 of concentrated training and ≥ 50 学时 online are two requirements
// (十三五 outline, gov.cn 2016-12-28; 全国干部教育培训规划 2023–2027 via ynsgbzx; reference §2.1),
// not "90 in all of which 50 online".
describe('yearProgress with the default rules (集中培训 ≥ 90, 网络学习 ≥ 50, degree ≤ 24)', () => {
  it('is met at 90 offline + 50 online', () => {
    const p = yearProgress([rec(90, 'offline'), rec(50, 'online')], training, { year: 2026 });
    expect(p).toMatchObject({
      year: 2026,
      target: 140,
      totalHours: 140,
      onlineHours: 50,
      offlineHours: 90,
      countedHours: 140,
      remainingHours: 0,
      requiredRemaining: null,
      cappedHours: 0,
      met: true,
      unmetReasons: [],
    });
    expect(p.requirements).toEqual([
      { name: '集中培训', kinds: ['offline', 'degree', 'exam', 'lecture'], hours: 90, counted: 90, remaining: 0, met: true },
      { name: '网络学习', kinds: ['online'], hours: 50, counted: 50, remaining: 0, met: true },
    ]);
  });

  it('90 online and no concentrated training is not met: online hours never fill the 90', () => {
    const p = yearProgress([rec(90, 'online')], training, { year: 2026 });
    expect(p.met).toBe(false);
    expect(p.unmetReasons).toEqual(['集中培训差 90 学时']);
    expect(p.requirements.map((r) => [r.name, r.counted, r.met])).toEqual([
      ['集中培训', 0, false],
      ['网络学习', 90, true],
    ]);
  });

  it('the old reading (40 offline + 50 online = 90) is short of concentrated training', () => {
    const p = yearProgress([rec(40, 'offline'), rec(50, 'online')], training, { year: 2026 });
    expect(p.met).toBe(false);
    expect(p.unmetReasons).toEqual(['集中培训差 50 学时']);
  });

  it('says how much each requirement is missing', () => {
    const p = yearProgress([rec(35.5, 'offline'), rec(42, 'online')], training, { year: 2026 });
    expect(p.countedHours).toBe(77.5);
    expect(p.remainingHours).toBe(62.5);
    expect(p.met).toBe(false);
    expect(p.unmetReasons).toEqual(['集中培训差 54.5 学时', '网络学习差 8 学时']);
  });

  it('counts degree, exam and lecture toward 集中培训, at most 24 degree hours a year', () => {
    const p = yearProgress([rec(20, 'degree'), rec(16, 'degree'), rec(30, 'exam'), rec(10, 'lecture'), rec(50, 'online')], training, { year: 2026 });
    expect(p.byKind.degree).toBe(36);
    expect(p.cappedHours).toBe(12);
    expect(p.requirements[0]).toMatchObject({ counted: 64, remaining: 26 });
    expect(p.offlineHours).toBe(76);
  });

  it('a failed 结业考试 does not count; a passed one does', () => {
    const p = yearProgress([rec(60, 'offline', { examResult: 'pass' }), rec(30, 'offline', { examResult: 'fail' }), rec(50, 'online')], training, { year: 2026 });
    expect(p.failedExamHours).toBe(30);
    expect(p.totalHours).toBe(110);
    expect(p.unmetReasons).toEqual(['集中培训差 30 学时']);
  });

  it('sums decimals exactly', () => {
    const records = [rec(0.1, 'online'), rec(0.2, 'online'), ...Array.from({ length: 10 }, () => rec(0.1, 'exam'))];
    const p = yearProgress(records, training, { year: 2026 });
    expect(p.onlineHours).toBe(0.3);
    expect(p.byKind.exam).toBe(1);
    expect(p.totalHours).toBe(1.3);
    expect(p.requirements.map((r) => r.remaining)).toEqual([89, 49.7]);
    expect(p.remainingHours).toBe(138.7);
  });

  it('counts 补学 records of the next year only up to makeUpUntil', () => {
    const records = [rec(90, 'offline', { date: '2026-05-01' }), rec(30, 'online', { date: '2026-11-01' }), rec(20, 'online', { date: '2027-01-10' }), rec(20, 'online', { date: '2027-04-10' })];
    expect(yearProgress(records, training, { year: 2026 }).met).toBe(false);
    expect(yearProgress(records, training, { year: 2026, makeUpUntil: '2027-01-09' }).met).toBe(false);
    expect(yearProgress(records, training, { year: 2026, makeUpUntil: '2027-03-31' })).toMatchObject({ met: true, onlineHours: 50 });
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

describe('online cap share within a mixed requirement', () => {
  // A unit whose 实施细则 sets one total that online study may fill only half of.
  const capped = trainingWith({ requirements: [{ name: '总学时', kinds: ['offline', 'online', 'degree', 'exam', 'lecture'], hours: 90 }], online_cap_share_of_total: 0.5 });

  it('counts online toward a mixed requirement only up to share × its hours', () => {
    const p = yearProgress([rec(80, 'online'), rec(10, 'offline')], capped, { year: 2026 });
    expect(p.onlineHours).toBe(80);
    expect(p.requirements[0]).toMatchObject({ counted: 55, remaining: 35 });
    expect(p.onlineCapReached).toBe(true);
    expect(p.unmetReasons).toEqual(['总学时差 35 学时']);
  });

  it('is off by default (null), and never applies to a requirement of online alone', () => {
    const p = yearProgress([rec(90, 'offline'), rec(90, 'online')], trainingWith({ online_cap_share_of_total: 0.5 }), { year: 2026 });
    expect(p.met).toBe(true);
    expect(p.onlineCapReached).toBe(false);
  });
});

describe('the rules file', () => {
  it('refuses the retired single-total keys, saying what replaced them', () => {
    expect(() => trainingWith({ annual_required_hours: 90 } as never)).toThrow(/training.requirements/);
    expect(() => trainingWith({ online_min_hours: 50 } as never)).toThrow(/两项分别计算/);
  });
});

describe('required vs elective (Nanjing style, when enabled)', () => {
  const nanjing = trainingWith({
    requirements: [{ name: '总学时', kinds: ['offline', 'online', 'degree', 'exam', 'lecture'], hours: 84 }],
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
    const higher = trainingWith({ requirements: [{ name: '总学时', kinds: ['offline', 'online'], hours: 84 }], required_vs_elective: { enabled: true, total: 100 } });
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

  it('carries hours above the requirements into next year, counted toward the first requirement', () => {
    const y1 = yearProgress([rec(120, 'offline', { date: '2025-04-01' }), rec(50, 'online', { date: '2025-09-01' })], carrying, {
      year: 2025,
    });
    const out = carryOut(y1, carrying);
    expect(out).toBe(30);
    const y2 = yearProgress([rec(60, 'offline', { date: '2026-02-01' }), rec(50, 'online', { date: '2026-05-01' })], carrying, {
      year: 2026,
      carryIn: out,
    });
    expect(y2.carryInHours).toBe(30);
    expect(y2.countedHours).toBe(140);
    expect(y2.totalHours).toBe(110);
    expect(y2.requirements[0]).toMatchObject({ name: '集中培训', counted: 90, met: true });
    expect(y2.met).toBe(true);
    expect(carryOut(y2, carrying)).toBe(0);
  });

  it('never rolls carried-in hours over a second time', () => {
    const p = yearProgress([rec(10, 'online')], carrying, { year: 2026, carryIn: 200 });
    expect(carryOut(p, carrying)).toBe(10);
  });

  it('carries nothing below the target', () => {
    const p = yearProgress([rec(139.99, 'online')], carrying, { year: 2026 });
    expect(carryOut(p, carrying)).toBe(0);
  });
});

describe('bad input', () => {
  it('throws a DomainError in Chinese', () => {
    expect(() => yearProgress([], training, { year: 2026, carryIn: -1 })).toThrow(/结转学时无效/);
    expect(() => yearProgress([rec(Number.NaN)], training, { year: 2026 })).toThrow(/学时无效/);
  });
});
