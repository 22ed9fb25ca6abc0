import { larkCard } from '../helpers/cards';
import { describe, expect, it } from 'vitest';
import { objectionOutcomeCard } from '../../src/features/quarterly/quarterly-objection-outcome.card';
import { objectionReviewCard } from '../../src/features/quarterly/quarterly-objection-review.card';
import { quarterDeterminationCard } from '../../src/features/quarterly/quarterly-determination.card';
import { undeterminedReason } from '../../src/core/quarterly/feedback.service';
import { quarterFeedbackCard } from '../../src/features/quarterly/quarterly-feedback.card';
import { quarterTeamSummaryCard } from '../../src/features/quarterly/quarterly-team-summary.card';
import { correctionNoticeCard } from '../../src/features/quarterly/quarterly-correction-notice.card';
import { quarterTeamProposalsCard } from '../../src/features/quarterly/quarterly-team-proposals.card';
import { tierOverviewCard } from '../../src/features/annual/annual-tier-overview.card';
import type { TierOverviewView } from '../../src/core/annual/views';
import type { DeterminationView, ObjectionReviewView } from '../../src/core/quarterly/views';

const TIERS = ['好', '较好', '一般', '较差', '不定等次'];

const determination: DeterminationView = {
  scopeId: 'R0',
  scopeName: '某市某局',
  quarterKey: '2026-Q2',
  quarterLabel: '2026年第二季度',
  pool: '一般干部',
  page: 1,
  pages: 1,
  poolSize: 4,
  rated: 3,
  quota: 1,
  quotaRule: '全机关参评 7 人 × 40%，向下取整，共 2 人；按最大余数法分到各组，有参评人员的组至少 1 人：正职 0 人、副职 1 人、一般干部 1 人',
  quotaBasis: '地方通行做法；按本机关参评人数计算：国家规定',
  goodCount: 2,
  ruleNotes: ['本季度计入考核的月份少于 2 个的，建议不定等次，不计入“好”等次名额基数（依据：本系统默认）'],
  rows: [
    { openId: 'ou_a', name: '江海燕', unitName: '综合处', score: '95', proposedTier: '好', tier: '好', basis: '2026-04 95 分、2026-05 95 分、2026-06 95 分；3 个月平均 95 分，分数段为“好”，建议“好”' },
    { openId: 'ou_b', name: '程立新', unitName: '综合处', score: '92', proposedTier: '好', tier: '好', basis: '3 个月平均 92 分，分数段为“好”，建议“好”' },
    { openId: 'ou_c', name: '白雪梅', unitName: '法规处', score: '92', proposedTier: '好', tier: '较好', basis: '3 个月平均 92 分，分数段为“好”，建议“好”' },
    { openId: 'ou_d', name: '新*同志_', unitName: '法规处', score: '—', proposedTier: '不定等次', tier: '不定等次', basis: '2026-06-08 入职，本季度 2 个月不在考核期内；本季度计入考核的月份 1 个，少于 2 个，建议季度不定等次（不占“好”等次名额，不计入名额基数）' },
  ],
  mustMove: { count: 0, names: [] },
  tie: { count: 2, names: ['程立新（92 分）', '白雪梅（92 分）'], seats: 0 },
  tierOptions: TIERS,
  pending: [],
  recusal: null,
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
  seats: 3,
  goodCount: 3,
  swapCandidates: [
    { openId: 'ou_d', label: '丁建国（91 分）' },
    { openId: 'ou_c', label: '白雪梅（92 分）' },
  ],
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
    deferred: false,
    honourLoss: null,
  },
};

describe('季审定 cards', () => {
  it('determination: quota not binding, binding with moves, a tie, and locked', () => {
    expect(larkCard(quarterDeterminationCard({ ...determination, tie: null, goodCount: 1, rows: determination.rows.slice(0, 1), poolSize: 1, quota: 0, ruleNotes: [] }))).toMatchSnapshot();
    expect(larkCard(quarterDeterminationCard({ ...determination, tie: null, mustMove: { count: 1, names: ['白雪梅（92 分）'] }, pending: ['新*同志_（2026年6月）'], notice: '已保存调整，尚未确认审定。' }))).toMatchSnapshot();
    expect(larkCard(quarterDeterminationCard(determination))).toMatchSnapshot();
    expect(larkCard(quarterDeterminationCard({ ...determination, tie: null, goodCount: 1, locked: { byName: '林管理', atLabel: '7月1日 09:30', countersignedBy: null }, notice: '已确认审定并锁定' }))).toMatchSnapshot();
  });

  it('determination: a page of a large pool, with the recusal note and a second signature', () => {
    const page = { ...determination, page: 2, pages: 3, mustMove: { count: 12, names: [] }, recusal: { members: ['陈思远', '刘洋'], confirmedBy: ['陈思远'] } };
    const card = quarterDeterminationCard(page);
    expect(larkCard(card)).toMatchSnapshot();
    const text = JSON.stringify(card);
    expect(text).toContain('第 2/3 页');
    expect(text).toContain('本组含考核管理员 陈思远、刘洋 本人的等次，本人确认后须另一位考核管理员或公务员局管理员复核确认方可锁定');
    expect(text).toContain('陈思远 已确认当前结果，待另一位管理员复核');
    const locked = JSON.stringify(quarterDeterminationCard({ ...page, locked: { byName: '刘洋', atLabel: '7月9日 10:00', countersignedBy: '陈思远' } }));
    expect(locked).toContain('由 **刘洋** 审定并锁定，经 **陈思远** 复核');
  });

  it('feedback, team summary and outcome', () => {
    const feedback = { name: '丁建国', quarterLabel: '2026年第二季度', level: '一般干部', tier: '较好', score: '91', deadlineLabel: '7月8日', objectionWorkdays: 5 };
    expect(larkCard(quarterFeedbackCard({ ...feedback, months }))).toMatchSnapshot();
    const undetermined = larkCard(
      quarterFeedbackCard({
        ...feedback,
        months: [],
        tier: '不定等次',
        score: '—',
        undeterminedReason: undeterminedReason({ proposedTier: '不定等次', basis: '2026-09 无评分（不计入）；2026-08-20 入职，本季度 2 个月不在考核期内；本季度计入考核的月份 0 个，少于 2 个，建议季度不定等次（不占“好”等次名额，不计入名额基数）' }),
      }),
    );
    expect(JSON.stringify(undetermined)).toContain('为何不定等次：**2026-09 无评分（不计入）；2026-08-20 入职');
    expect(JSON.stringify(undetermined)).not.toContain('建议季度不定等次');
    expect(undetermined).toMatchSnapshot();
    expect(larkCard(quarterTeamSummaryCard({ quarterLabel: '2026年第二季度', unitName: '综合处', level: '副职', rows: [{ name: '孙副一', score: '92', tier: '较好' }] }))).toMatchSnapshot();
    expect(larkCard(objectionOutcomeCard({ name: '庞晓东', quarterLabel: '2026年第二季度', upheld: true, oldTier: '一般', newTier: '较好', answer: '经核实更正' }))).toMatchSnapshot();
    expect(larkCard(objectionOutcomeCard({ name: '方文静', quarterLabel: '2026年第二季度', upheld: false, oldTier: '较好', newTier: '较好', answer: '名额所限' }))).toMatchSnapshot();
    expect(larkCard(correctionNoticeCard({ name: '丁建国', quarterLabel: '2026年第二季度', oldTier: '好', newTier: '较好', reason: '方文静异议成立', deadlineLabel: '7月17日' }))).toMatchSnapshot();
    expect(larkCard(quarterTeamProposalsCard({ quarterLabel: '2026年第二季度', rows: [{ name: '孙副一', pool: '副职', score: '92', proposedTier: '好', tier: '较好', status: '待审定' }] }))).toMatchSnapshot();
  });

  it('objection review: open and decided; user text is escaped', () => {
    const open = objectionReviewCard(review);
    expect(JSON.stringify(open)).toContain('三个月均为好 &#91;见附件&#93;&#40;http://x&#41;');
    // The pool is full: the lowest-scoring 好 are offered to move to 较好 with an upheld 好.
    expect(JSON.stringify(open)).toContain('名额已满');
    expect(JSON.stringify(open)).toContain('"tag":"multi_select_static","name":"swap"');
    expect(larkCard(open)).toMatchSnapshot();
    expect(JSON.stringify(objectionReviewCard({ ...review, swapCandidates: [] }))).not.toContain('multi_select_static');
    expect(larkCard(objectionReviewCard({ ...review, months: [], decided: { outcome: '维持原结果', answer: '名额*所限*', byName: '林管理', atLabel: '7月4日 11:00' } }))).toMatchSnapshot();
  });

  it('tier overview: own, someone else’s, eligible with nothing graded yet', () => {
    expect(larkCard(tierOverviewCard(overview))).toMatchSnapshot();
    expect(larkCard(tierOverviewCard({ ...overview, own: false, annual: { ...overview.annual, honourLoss: '2026-Q1 平时考核为一般或较差，失去本年度评优评先资格' } }))).toMatchSnapshot();
    expect(larkCard(tierOverviewCard({ ...overview, months: [], annual: { ...overview.annual, eligible: true, reasons: [], creditsLabel: '已达标' } }))).toMatchSnapshot();
    expect(JSON.stringify(tierOverviewCard({ ...overview, annual: { ...overview.annual, deferred: true } }))).toContain('年度等次缓定');
  });
});
