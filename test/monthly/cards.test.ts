import { larkCard } from '../helpers/cards';
import { describe, expect, it } from 'vitest';
import { monthlyGradingCard } from '../../src/features/monthly/monthly-form.card';
import { monthlyResultCard } from '../../src/features/monthly/monthly-result.card';
import { defaultRules } from '../../src/core/rules/rules';
import type { MonthlyReview } from '../../src/core/monthly/review';
import type { GradingSheet } from '../../src/core/monthly/grading-sheet';

const rules = defaultRules();

const pending: MonthlyReview = {
  id: 'mr_test1',
  openId: 'ou_zhangli',
  monthKey: '2026-10',
  unitId: 'D110',
  level: '副职',
  reviewerOpenId: null,
  work: null,
  conduct: null,
  bonuses: [],
  deductions: [],
  bonus: null,
  deduction: null,
  total: null,
  suggestedTier: null,
  tier: null,
  overrideReason: null,
  comment: null,
  status: 'pending',
  revision: 0,
  updatedAt: '2026-11-02T01:00:00.000Z',
};

const graded: MonthlyReview = {
  ...pending,
  reviewerOpenId: 'ou_liminghua',
  work: 85,
  conduct: 85,
  bonuses: [{ points: 2, reason: '获市级表彰（*优秀*信息员）' }],
  deductions: [{ points: 1, reason: '信息报送迟报' }],
  bonus: 2,
  deduction: 1,
  total: 86,
  suggestedTier: '较好',
  tier: '好',
  overrideReason: '牵头完成全市专项检查',
  comment: '工作扎实，<建议>加强统筹',
  status: 'submitted',
  revision: 2,
  updatedAt: '2026-11-03T02:30:00.000Z',
};

function sheet(review: MonthlyReview, over: Partial<GradingSheet> = {}): GradingSheet {
  return {
    review,
    name: '张丽',
    unitName: '办公室',
    level: '副职',
    reviewerName: review.reviewerOpenId ? '李明华' : null,
    weeks: [
      { weekKey: '2026-W41', dueDate: '2026-10-10', status: 'confirmed', submittedAt: '2026-10-10T07:00:00.000Z', bonusClaim: '参与国庆 #防汛# 值班', done: '…' },
      { weekKey: '2026-W42', dueDate: '2026-10-16', status: 'late', submittedAt: '2026-10-19T01:00:00.000Z', bonusClaim: null, done: '…' },
      { weekKey: '2026-W43', dueDate: '2026-10-23', status: 'missing', submittedAt: null, bonusClaim: null, done: null },
      { weekKey: '2026-W44', dueDate: '2026-10-30', status: 'on_leave', submittedAt: null, bonusClaim: null, done: null },
    ],
    scoring: rules.scoring,
    allowUndetermined: true,
    ...over,
  };
}

describe('monthly grading cards', () => {
  it('grading form for a pending month, with the weekly records and claimed bonus items', () => {
    expect(larkCard(monthlyGradingCard(sheet(pending)))).toMatchSnapshot();
  });

  it('grading form for a month with no weekly records and 不定等次 not allowed', () => {
    expect(larkCard(monthlyGradingCard(sheet(pending, { weeks: [], allowUndetermined: false })))).toMatchSnapshot();
  });

  it('re-grading form prefilled with the stored grade', () => {
    expect(larkCard(monthlyGradingCard(sheet(graded)))).toMatchSnapshot();
  });

  it('read-only result of an overridden grade, user text escaped', () => {
    expect(larkCard(monthlyResultCard(sheet(graded)))).toMatchSnapshot();
  });

  it('read-only result of 不定等次 without scores', () => {
    const undetermined: MonthlyReview = {
      ...pending,
      reviewerOpenId: 'ou_liminghua',
      tier: '不定等次',
      overrideReason: '试用期未满',
      status: 'undetermined',
      revision: 1,
    };
    expect(larkCard(monthlyResultCard(sheet(undetermined)))).toMatchSnapshot();
  });
});
