import { larkCard } from '../helpers/cards';
import { describe, expect, it } from 'vitest';
import { claimApprovalCard } from '../../src/features/credits/credits-claim-approval.card';
import { claimFormCard, claimSubmittedCard } from '../../src/features/credits/credits-claim-form.card';
import { creditsCheckpointCard } from '../../src/features/credits/credits-checkpoint.card';
import { creditsProgressCard } from '../../src/features/credits/credits-progress.card';
import { creditsUnitCard } from '../../src/features/credits/credits-unit.card';
import { defaultRules } from '../../src/core/rules/rules';
import type { PersonCredits } from '../../src/core/credits/credits-views';
import { yearProgress } from '../../src/core/credits/progress';
import type { StoredTrainingRecord } from '../../src/core/credits/training-records.repository';
import { unitCompletion } from '../../src/core/credits/unit-summary';
import type { Person } from '../../src/core/org/person';

const training = defaultRules().training;

const person: Person = {
  openId: 'ou_zhao',
  userId: 'zhaomin',
  name: '赵敏',
  unitId: 'D110',
  leaderOpenId: 'ou_li',
  level: '一般干部',
  roles: ['staff'],
  active: true,
  promptOptOut: false,
  joinedAt: '2026-01-01T00:00:00.000Z',
  joinedOn: '2026-01-01',
  probationUntil: null,
};

function stored(over: Partial<StoredTrainingRecord>): StoredTrainingRecord {
  return {
    id: 'tr_1',
    openId: 'ou_zhao',
    year: 2026,
    date: '2026-03-01',
    title: '网络专题',
    kind: 'online',
    hours: 20,
    required: true,
    source: 'import',
    status: 'approved',
    note: null,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    createdAt: '2026-03-02T01:00:00.000Z',
    examResult: null,
    ...over,
  };
}

const records = [
  stored({ id: 'tr_4', date: '2026-11-10', title: '依法行政*专题*', kind: 'offline', hours: 16, required: false, source: 'claim', status: 'pending' }),
  stored({ id: 'tr_3', date: '2026-09-01', title: '档案讲座', kind: 'lecture', hours: 3, required: false, source: 'claim', status: 'rejected', decisionNote: '缺少证明' }),
  stored({ id: 'tr_2', date: '2026-05-12', title: '处级干部轮训', kind: 'offline', hours: 32, required: true }),
  stored({ id: 'tr_1' }),
];

function credits(list: StoredTrainingRecord[]): PersonCredits {
  return { person, unitName: '办公室', progress: yearProgress(list, training, { year: 2026 }), recent: list, recordCount: list.length };
}

describe('credits cards', () => {
  it('own progress, behind, with pending and rejected claims', () => {
    expect(larkCard(creditsProgressCard(credits(records), { own: true }))).toMatchSnapshot();
  });

  it('a colleague’s progress seen by an admin, requirement met', () => {
    const met = [stored({ id: 'tr_9', hours: 60, kind: 'online' }), stored({ id: 'tr_8', kind: 'offline', hours: 90, required: false })];
    expect(larkCard(creditsProgressCard(credits(met), { own: false }))).toMatchSnapshot();
  });

  it('no records yet', () => {
    expect(larkCard(creditsProgressCard(credits([]), { own: true }))).toMatchSnapshot();
  });

  it('unit summary, with someone short only of online hours', () => {
    const member = (openId: string, name: string, list: StoredTrainingRecord[]) => ({ openId, name, progress: yearProgress(list, training, { year: 2026 }) });
    const completion = unitCompletion([
      member('ou_a', '赵敏', [stored({ hours: 60 }), stored({ kind: 'offline', hours: 90 })]),
      member('ou_b', '孙浩', [stored({ kind: 'offline', hours: 95 })]),
      member('ou_c', '张丽', [stored({ hours: 12.5 })]),
    ]);
    expect(larkCard(creditsUnitCard({ unitId: 'D110', unitName: '办公室', year: 2026, completion }, { subtitle: '年中学时进度提醒' }))).toMatchSnapshot();
  });

  it('claim form, fresh and after a refused submit', () => {
    expect(larkCard(claimFormCard({ values: {}, today: '2026-11-20', hoursPerDay: 8 }))).toMatchSnapshot();
    expect(larkCard(
      claimFormCard({
        values: { title: '依法行政', date: '2026-12-31', hours: '0', kind: 'lecture', note: '备注' },
        today: '2026-11-20',
        hoursPerDay: 8,
        problems: ['培训日期 2026-12-31 晚于今天，请培训结束后再申报', '学时不合理：“0” 须大于 0'],
      }),
    )).toMatchSnapshot();
  });

  it('claim submitted', () => {
    expect(larkCard(claimSubmittedCard({ record: records[0]!, approverNames: ['陈思远'] }))).toMatchSnapshot();
  });

  it('approval card, pending, approved and rejected', () => {
    const view = { claimId: 'tr_4', claimantName: '赵敏', unitName: '办公室', record: records[0]!, note: '市委党校 <b>结业</b>', submittedAt: '2026-11-20' };
    expect(larkCard(claimApprovalCard(view))).toMatchSnapshot();
    expect(larkCard(claimApprovalCard({ ...view, record: { ...records[0]!, status: 'approved' }, decidedByName: '陈思远' }))).toMatchSnapshot();
    expect(larkCard(claimApprovalCard({ ...view, record: { ...records[0]!, status: 'rejected' }, decidedByName: '陈思远', decisionNote: '缺少证明' }))).toMatchSnapshot();
  });

  it('a failed 结业考试 is listed and not counted', () => {
    const list = [stored({ id: 'tr_7', kind: 'offline', hours: 24, title: '公文写作培训班', examResult: 'fail' }), stored({ id: 'tr_6', kind: 'offline', hours: 70, examResult: 'pass' })];
    const card = JSON.stringify(creditsProgressCard(credits(list), { own: true }));
    expect(card).toContain('结业考试未通过，不计入');
    expect(card).toContain('24 学时因结业考试未通过未计入');
    expect(card).toContain('**集中培训** 70 / 90 学时（还差 20）');
  });

  it('checkpoint notices', () => {
    const p = yearProgress([stored({ hours: 30 })], training, { year: 2026 });
    expect(larkCard(creditsCheckpointCard(p, 'midyear'))).toMatchSnapshot();
    expect(larkCard(creditsCheckpointCard(p, 'yearend'))).toMatchSnapshot();
  });
});
