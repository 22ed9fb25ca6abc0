import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRAINING_KINDS } from '../../src/core/rules/terms';
import { carryOut, recordFingerprint, sumHours, yearProgress, type TrainingRecord } from '../../src/core/credits';
import { training, trainingWith } from './helpers';

const recordArb: fc.Arbitrary<TrainingRecord> = fc.record({
  date: fc.constantFrom('2026-01-05', '2026-06-30', '2026-12-31', '2025-12-31'),
  title: fc.string({ maxLength: 8 }),
  kind: fc.constantFrom(...TRAINING_KINDS),
  hours: fc.integer({ min: 1, max: 20000 }).map((c) => c / 100),
  required: fc.boolean(),
  source: fc.constantFrom('import' as const, 'claim' as const),
  status: fc.constantFrom('approved' as const, 'pending' as const, 'rejected' as const),
  examResult: fc.constantFrom(null, null, 'pass' as const, 'fail' as const),
});

const trainingArb = fc
  .record({
    online_cap_share_of_total: fc.option(fc.integer({ min: 0, max: 100 }).map((n) => n / 100), { nil: null }),
    degree: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    rve: fc.boolean(),
    carry_over: fc.boolean(),
  })
  .map((t) =>
    trainingWith({
      online_cap_share_of_total: t.online_cap_share_of_total,
      kind_caps: t.degree === undefined ? {} : { degree: t.degree },
      required_vs_elective: { enabled: t.rve },
      carry_over: t.carry_over,
    }),
  );

const approvedIn2026 = (records: TrainingRecord[]) =>
  records.filter((r) => r.status === 'approved' && r.examResult !== 'fail' && r.date.startsWith('2026-'));

describe('yearProgress properties', () => {
  it('totals equal the exact sum of approved hours of the year', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), trainingArb, (records, rules) => {
        const p = yearProgress(records, rules, { year: 2026 });
        const approved = approvedIn2026(records);
        expect(p.totalHours).toBe(sumHours(approved.map((r) => r.hours)));
        expect(p.onlineHours).toBe(sumHours(approved.filter((r) => r.kind === 'online').map((r) => r.hours)));
        expect(sumHours([p.onlineHours, p.offlineHours])).toBe(p.totalHours);
        expect(sumHours([p.requiredHours, p.electiveHours])).toBe(p.totalHours);
        expect(sumHours(Object.values(p.byKind))).toBe(p.totalHours);
      }),
    );
  });

  it('does not depend on the order of records', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 30 }).chain((records) =>
          fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length })),
        ),
        trainingArb,
        ([records, shuffled], rules) => {
          expect(yearProgress(shuffled, rules, { year: 2026 })).toEqual(yearProgress(records, rules, { year: 2026 }));
        },
      ),
    );
  });

  it('counts no more than was recorded, and counted + capped = total', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), trainingArb, (records, rules) => {
        const p = yearProgress(records, rules, { year: 2026 });
        expect(p.countedHours).toBeLessThanOrEqual(p.totalHours);
        expect(sumHours([p.countedHours, p.cappedHours])).toBe(p.totalHours);
      }),
    );
  });

  it('met exactly when there is no unmet reason', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 40 }),
        trainingArb,
        fc.integer({ min: 0, max: 5000 }),
        (records, rules, carry) => {
          const p = yearProgress(records, rules, { year: 2026, carryIn: carry / 100 });
          expect(p.met).toBe(p.unmetReasons.length === 0);
          if (p.met) expect(p.remainingHours).toBe(0);
          expect(carryOut(p, rules)).toBeGreaterThanOrEqual(0);
        }),
    );
  });

  // Issue 10 item 6: two requirements, each on its own: ≥ 90 concentrated and ≥ 50 online.
  it('default rules: met exactly when concentrated ≥ 90 and online ≥ 50', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (online, offline) => {
        const recs: TrainingRecord[] = [
          { date: '2026-05-01', title: 'x', kind: 'online', hours: online / 100, required: false, source: 'import', status: 'approved' },
          { date: '2026-05-02', title: 'y', kind: 'offline', hours: offline / 100, required: false, source: 'import', status: 'approved' },
        ];
        const p = yearProgress(recs, training, { year: 2026 });
        expect(p.met).toBe(offline >= 9000 && online >= 5000);
      }),
    );
  });
});

describe('结业考试', () => {
  it('a failed exam never helps: marking a record failed never turns unmet into met', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 20 }), fc.nat(), trainingArb, (records, i, rules) => {
        const failed = records.map((r, j) => (j === i % records.length ? { ...r, examResult: 'fail' as const } : r));
        const before = yearProgress(records, rules, { year: 2026 });
        const after = yearProgress(failed, rules, { year: 2026 });
        expect(after.countedHours).toBeLessThanOrEqual(before.countedHours);
        if (!before.met) expect(after.met).toBe(false);
      }),
    );
  });
});

describe('recordFingerprint properties', () => {
  it('is stable and does not depend on how the hours are written in floating point', () => {
    fc.assert(
      fc.property(recordArb, fc.string({ maxLength: 6 }), (record, openId) => {
        const again = { ...record, hours: (record.hours * 100) / 100 };
        expect(recordFingerprint(openId, again)).toBe(recordFingerprint(openId, record));
      }),
    );
  });
});
