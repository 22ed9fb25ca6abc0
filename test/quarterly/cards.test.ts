import { describe, expect, it } from 'vitest';
import { objectionOutcomeCard } from '../../src/features/quarterly/quarterly-objection-outcome.card';
import { objectionReviewCard } from '../../src/features/quarterly/quarterly-objection-review.card';
import { quarterDeterminationCard } from '../../src/features/quarterly/quarterly-determination.card';
import { quarterFeedbackCard } from '../../src/features/quarterly/quarterly-feedback.card';
import { quarterTeamSummaryCard } from '../../src/features/quarterly/quarterly-team-summary.card';
import { tierOverviewCard } from '../../src/features/annual/annual-tier-overview.card';
import type { TierOverviewView } from '../../src/core/annual/views';
import type { DeterminationView, ObjectionReviewView } from '../../src/core/quarterly/views';

const TIERS = ['好', '较好', '一般', '较差', '不定等次'];

const determination: DeterminationView = {
  unitId: 'U1',
  unitName: '综合处',
  quarterKey: '2026-Q2',
  quarterLabel: '2026年第二季度',
  level: '一般干部',
  poolSize: 4,
  quota: 1,
  quotaRule: '4 人 × 40%，向下取整',
  quotaBasis: '地方通行做法',
  goodCount: 2,
  rows: [
    { openId: 'ou_a', name: '江海燕', score: '95', proposedTier: '好', tier: '好', basis: '月度平均 95 分，月度“好”3 次，按分数段建议“好”' },
    { openId: 'ou_b', name: '程立新', score: '92', proposedTier: '好', tier: '好', basis: '月度平均 92 分，月度“好”3 次，按分数段建议“好”' },
    { openId: 'ou_c', name: '白雪梅', score: '92', proposedTier: '好', tier: '较好', basis: '月度平均 92 分，月度“好”3 次，按分数段建议“好”' },
    { openId: 'ou_d', name: '新*同志_', score: '—', proposedTier: '不定等次', tier: '不定等次', basis: '本季度没有可计入的月度评分，建议不定等次' },
  ],
  mustMove: [],
  tie: { names: ['程立新（92 分）', '白雪梅（92 分）'], seats: 0 },
  tierOptions: TIERS,
  pending: [],
  locked: null,
  notice: null,
  revision: '3f2a9c0d1b7e4a55',
};

const months = [
  { label: '2026年4月', tier: '好', score: '95', comment: '牵头完成*专项*整治' },
  { label: '2026年5月', tier: '不定等次', score: '—', comment: null },
];

const review: ObjectionReviewView = {
  objectionId: 'ob_1',
  name: '方文静',
  unitName: '综合处',
  quarterLabel: '2026年第二季度',
  level: '一般干部',
  score: '90',
  tier: '较好',
  months,
  reason: '三个月均为好 [见附件](http://x)',
  filedAtLabel: '7月3日 10:00',
  tierOptions: TIERS,
  decided: null,
};

const overview: TierOverviewView = {
  name: '丁建国',
  own: true,
  year: '2026',
  months,
  quarters: [
    { label: '2026年第一季度', tier: '好', score: '91', corrected: false },
    { label: '2026年第二季度', tier: '较好', score: '88', corrected: true },
    { label: '2026年第三季度', tier: null, score: '—', corrected: false },
    { label: '2026年第四季度', tier: null, score: '—', corrected: false },
  ],
  annual: {
    eligible: false,
    goodQuarters: 1,
    lowQuarters: 0,
    reasons: ['2026-Q3、2026-Q4 平时考核结果尚未审定', '平时考核“好”等次 1 次，少于评优要求的 2 次'],
    creditsLabel: '尚未达标（年内仍可完成，发送“/学分”查看进度）',
    honourLoss: null,
  },
};

describe('季审定 cards', () => {
  it('determination: quota not binding, binding with moves, a tie, and locked', () => {
    expect(quarterDeterminationCard({ ...determination, tie: null, goodCount: 1, rows: determination.rows.slice(0, 1), poolSize: 1, quota: 0 })).toMatchSnapshot();
    expect(quarterDeterminationCard({ ...determination, tie: null, mustMove: ['白雪梅（92 分）'], pending: ['新*同志_（2026年6月）'], notice: '已保存调整，尚未确认审定。' })).toMatchSnapshot();
    expect(quarterDeterminationCard(determination)).toMatchSnapshot();
    expect(quarterDeterminationCard({ ...determination, tie: null, goodCount: 1, locked: { byName: '林管理', atLabel: '7月1日 09:30' }, notice: '已确认审定并锁定' })).toMatchSnapshot();
  });

  it('feedback, team summary and outcome', () => {
    const feedback = { name: '丁建国', quarterLabel: '2026年第二季度', level: '一般干部', tier: '较好', score: '91', deadlineLabel: '7月8日', objectionWorkdays: 5 };
    expect(quarterFeedbackCard({ ...feedback, months })).toMatchSnapshot();
    expect(quarterFeedbackCard({ ...feedback, months: [], tier: '不定等次', score: '—' })).toMatchSnapshot();
    expect(quarterTeamSummaryCard({ quarterLabel: '2026年第二季度', unitName: '综合处', level: '副职', rows: [{ name: '孙副一', score: '92', tier: '较好' }] })).toMatchSnapshot();
    expect(objectionOutcomeCard({ name: '庞晓东', quarterLabel: '2026年第二季度', upheld: true, oldTier: '一般', newTier: '较好', answer: '经核实更正' })).toMatchSnapshot();
    expect(objectionOutcomeCard({ name: '方文静', quarterLabel: '2026年第二季度', upheld: false, oldTier: '较好', newTier: '较好', answer: '名额所限' })).toMatchSnapshot();
  });

  it('objection review: open and decided; user text is escaped', () => {
    const open = objectionReviewCard(review);
    expect(JSON.stringify(open)).toContain('三个月均为好 &#91;见附件&#93;&#40;http://x&#41;');
    expect(open).toMatchSnapshot();
    expect(objectionReviewCard({ ...review, months: [], decided: { outcome: '维持原结果', answer: '名额*所限*', byName: '林管理', atLabel: '7月4日 11:00' } })).toMatchSnapshot();
  });

  it('tier overview: own, someone else’s, eligible with nothing graded yet', () => {
    expect(tierOverviewCard(overview)).toMatchSnapshot();
    expect(tierOverviewCard({ ...overview, own: false, annual: { ...overview.annual, honourLoss: '2026-Q1 平时考核为一般或较差，失去本年度评优评先资格' } })).toMatchSnapshot();
    expect(tierOverviewCard({ ...overview, months: [], annual: { ...overview.annual, eligible: true, reasons: [], creditsLabel: '已达标' } })).toMatchSnapshot();
  });
});
