import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { computeRankings } from '../../src/core/ranking/compute.service';
import type { RankingDoc } from '../../src/core/ranking/ranking-doc';
import { insertLeave } from '../../src/core/org/leave.repository';
import { insertTrainingRecord } from '../../src/core/credits/training-records.repository';
import { insertLog } from '../../src/core/weekly/weekly.repository';
import { fixedClock } from '../../src/core/clock';
import { InProcess } from '../helpers/in-process';
import { rankingOrg } from './helpers';

/** November 2026's weeks are W45–W48 (the weeks whose last workday falls in November). */
const WEEKS = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'];

async function log(p: InProcess, name: string, week: string, late: boolean) {
  const at = '2026-11-27T09:00:00.000Z';
  await insertLog(p.app.deps.db, {
    id: newId('wl'),
    openId: p.openId(name),
    weekKey: week,
    done: '完成工作',
    plan: '',
    bonusClaim: null,
    state: 'submitted',
    late,
    revision: 1,
    submittedAt: at,
    updatedAt: at,
    reviewerOpenId: null,
    reviewComment: null,
    reviewedAt: null,
  });
}

async function month(p: InProcess, name: string, total: number, tier: string) {
  const at = '2026-11-28T02:00:00.000Z';
  await p.app.deps.db
    .insertInto('monthly_reviews')
    .values({ id: newId('mr'), open_id: p.openId(name), month_key: '2026-11', unit_id: 'A2', level: '一般干部', reviewer_open_id: null, work_score: total, conduct_score: total, bonuses: '[]', deductions: '[]', bonus: 0, deduction: 0, total, suggested_tier: tier, tier, override_reason: null, comment: null, status: 'submitted', revision: 1, created_at: at, updated_at: at })
    .execute();
}

async function training(p: InProcess, name: string, hours: number, kind: 'offline' | 'online' = 'offline') {
  await insertTrainingRecord(p.app.deps.db, { id: newId('tr'), openId: p.openId(name), date: '2026-05-10', title: `专题培训（${kind}）`, kind, hours, required: true, source: 'import', status: 'approved', fingerprint: null, note: null, createdAt: '2026-05-10T02:00:00.000Z' });
}

describe('automatic indicators from the other features’ data (default weights 0.2 / 0.1 / 0.3 / 0.2 / 0.2)', () => {
  let p: InProcess;
  afterEach(async () => p?.close());

  it('counts records owed, written and on time, the monthly mean and low tiers, and 学时 on track at the checkpoint', async () => {
    p = await InProcess.start({ org: rankingOrg(), now: '2026-10-01T10:00:00+08:00' });
    // Everyone was there all year (the org file's joined_on), so the mid-year checkpoint counts them.
    await p.app.deps.db.updateTable('people').set({ joined_on: '2026-01-01' }).execute();
    // 市教育局 (A2): 赵局长 4 on time; 赵科员一 3 written (one late), 1 missing; 赵科员二 2 on time, on leave W47, 1 missing.
    for (const w of WEEKS) await log(p, '赵局长', w, false);
    for (const [w, late] of [[WEEKS[0], false], [WEEKS[1], true], [WEEKS[2], false]] as const) await log(p, '赵科员一', w!, late);
    for (const w of [WEEKS[0], WEEKS[1]]) await log(p, '赵科员二', w!, false);
    await insertLeave(p.app.deps.db, { id: newId('lv'), openId: p.openId('赵科员二'), startDate: '2026-11-16', endDate: '2026-11-20', kind: '请假', note: null }, 'test', new Date());
    await month(p, '赵局长', 90, '好');
    await month(p, '赵科员一', 75, '一般');
    await month(p, '赵科员二', 85, '较好');
    // On track at the mid-year checkpoint means half of each requirement: ≥ 45 of 90 集中 and ≥ 25 of 50 网络.
    await training(p, '赵局长', 50);
    await training(p, '赵局长', 25, 'online');
    await training(p, '赵科员一', 20);

    const deps = { ...p.app.deps, clock: fixedClock(new Date('2026-12-10T10:00:00+08:00')) };
    const doc: RankingDoc = (await computeRankings(deps, '2026-11'))[0]!.doc;
    const a2 = doc.rows.find((r) => r.unitId === 'A2')!;
    expect(a2.indicators).toEqual({
      weekly_completion: { value: 9 / 11, score: 81.82, detail: '9/11 份' }, // owed 4 + 4 + 3 (leave week owes nothing)
      weekly_on_time: { value: 8 / 9, score: 88.89, detail: '8/9 份' },
      avg_monthly_score: { value: 250 / 3, score: 83.33, detail: '3 人次' },
      low_tier_share: { value: 1 / 3, score: 66.67, detail: '1/3 人次' },
      training: { value: 1 / 3, score: 33.33, detail: '1/3 人' },
    });
    // 0.2 × 81.82 + 0.1 × 88.89 + 0.3 × 83.33 + 0.2 × 66.67 + 0.2 × 33.33 = 70.252
    expect(a2.score).toBe(70.25);

    // 市财政局 (A1) wrote nothing: 16 records owed and missing is data (0 %), not missing data; with no
    // record written there is no on-time rate, and no grading means no monthly figures.
    const a1 = doc.rows.find((r) => r.unitId === 'A1')!;
    expect(a1.indicators.weekly_completion).toEqual({ value: 0, score: 0, detail: '0/16 份' });
    expect(a1.indicators.weekly_on_time).toEqual({ value: null, score: null });
    expect(a1.indicators.avg_monthly_score).toEqual({ value: null, score: null });
    expect(a1.indicators.training).toEqual({ value: 0, score: 0, detail: '0/4 人' });
  });

  it('leaves 学时 out before the first checkpoint of the year (re-weighting the rest)', async () => {
    p = await InProcess.start({ org: rankingOrg(), now: '2026-01-01T10:00:00+08:00' });
    await training(p, '赵局长', 50);
    const deps = { ...p.app.deps, clock: fixedClock(new Date('2026-04-14T10:00:00+08:00')) };
    const doc: RankingDoc = (await computeRankings(deps, '2026-03'))[0]!.doc;
    expect(doc.rows.find((r) => r.unitId === 'A2')!.indicators.training).toEqual({ value: null, score: null });
  });
});
