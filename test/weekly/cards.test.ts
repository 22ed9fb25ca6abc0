import { larkCard } from '../helpers/cards';
import { describe, expect, it } from 'vitest';
import { weeklyDigestCard, type WeeklyDigestVm } from '../../src/features/weekly/weekly-digest.card';
import type { WeeklyFormVm, WeeklyReceiptVm, WeeklyReviewVm } from '../../src/core/weekly/weekly-view-models';
import { weeklyFormCard } from '../../src/features/weekly/weekly-form.card';
import { weeklyHistoryCard } from '../../src/features/weekly/weekly-history.card';
import { weeklyReceiptCard } from '../../src/features/weekly/weekly-receipt.card';
import { weeklyReturnedCard } from '../../src/features/weekly/weekly-returned.card';
import { weeklyReviewCard } from '../../src/features/weekly/weekly-review.card';
import { weeklyTeamCard } from '../../src/features/weekly/weekly-team.card';

const form: WeeklyFormVm = {
  weekKey: '2026-W47',
  weekLabel: '2026年第47周（11月16日—11月22日）',
  purpose: 'form',
  dueLabel: '11月20日（周五）18:00',
  late: false,
  done: '修改调研报告',
  plan: '',
  bonusClaim: '',
  prefilledFromPlan: true,
  amending: false,
  returnComment: null,
  maxChars: 4000,
  revision: 0,
};

const review: WeeklyReviewVm = {
  logId: 'wl_1',
  revision: 1,
  authorName: '赵敏',
  unitName: '办公室',
  weekLabel: form.weekLabel,
  timingLabel: '按时提交',
  late: false,
  submittedLabel: '11月19日（周四）10:00',
  amendedLabel: null,
  done: '1. 起草会议纪要\n2. *校对* [文件](x)',
  plan: '筹备年终总结会',
  bonusClaim: null,
  state: 'submitted',
  reviewerName: null,
  reviewComment: null,
  reviewedLabel: null,
};

const receipt: WeeklyReceiptVm = {
  weekKey: '2026-W47',
  weekLabel: form.weekLabel,
  statusLabel: '按时提交',
  late: false,
  revision: 1,
  savedLabel: '11月19日（周四）10:00',
  supervisorName: '李明华',
  done: '起草会议纪要',
  plan: '筹备年终总结会',
  bonusClaim: '获市级表彰',
  unchanged: false,
};

const digest: WeeklyDigestVm = {
  weekKey: '2026-W47',
  weekLabel: form.weekLabel,
  onTime: ['陈一', '李二', '张三'],
  late: ['王四'],
  missing: [],
  onLeave: ['赵五'],
  awaitingReview: 2,
};

describe('weekly cards', () => {
  it.each([
    ['form, prefilled from last week', form],
    ['form, empty and late', { ...form, done: '', prefilledFromPlan: false, late: true }],
    ['form, amending a returned record', { ...form, amending: true, prefilledFromPlan: false, returnComment: '请写明*具体*事项' }],
    ['prompt', { ...form, purpose: 'prompt' as const }],
    ['reminder', { ...form, purpose: 'reminder' as const, late: true }],
    ['nudge before the due time', { ...form, purpose: 'nudge' as const }],
  ])('form card: %s', (_name, vm) => {
    expect(larkCard(weeklyFormCard(vm))).toMatchSnapshot();
  });

  it.each([
    ['first submission', receipt],
    ['late amendment without supervisor', { ...receipt, late: true, statusLabel: '逾期补交', revision: 3, supervisorName: null, bonusClaim: null, plan: '' }],
    ['unchanged', { ...receipt, unchanged: true }],
  ])('receipt card: %s', (_name, vm) => {
    expect(larkCard(weeklyReceiptCard(vm))).toMatchSnapshot();
  });

  it.each([
    ['waiting', review],
    ['amended late', { ...review, late: true, timingLabel: '逾期补交', revision: 2, amendedLabel: '11月21日（周六）09:00', bonusClaim: '获表彰' }],
    ['confirmed', { ...review, state: 'confirmed' as const, reviewerName: '李明华', reviewComment: '很好', reviewedLabel: '11月20日（周五）09:00' }],
    ['returned', { ...review, state: 'returned' as const, reviewerName: '李明华', reviewComment: '请补充', reviewedLabel: '11月20日（周五）09:00' }],
  ])('review card: %s', (_name, vm) => {
    const json = weeklyReviewCard(vm);
    expect(larkCard(json)).toMatchSnapshot();
    // What staff typed is shown verbatim, never as markdown.
    expect(JSON.stringify(json)).toContain('&#42;校对&#42;');
  });

  it('returned card', () => {
    expect(larkCard(weeklyReturnedCard({ weekKey: '2026-W47', weekLabel: form.weekLabel, reviewerName: '李明华', comment: '请写明_具体_事项' }))).toMatchSnapshot();
  });

  it.each([
    ['with late and leave', digest],
    ['with missing people', { ...digest, onTime: [], missing: ['李二', '张三'], awaitingReview: 0 }],
    ['empty team', { ...digest, onTime: [], late: [], onLeave: [], awaitingReview: 0 }],
  ])('digest card: %s', (_name, vm) => {
    expect(larkCard(weeklyDigestCard(vm))).toMatchSnapshot();
  });

  it.each([
    [
      'typical',
      {
        weekKey: '2026-W47',
        weekLabel: form.weekLabel,
        scopeLabel: '直接下属',
        dueLabel: '11月20日（周五）18:00',
        rows: [
          { name: '陈一', status: '按时提交', submitted: '11月19日（周四）16:00' },
          { name: '李二', status: '未到截止时间', submitted: '—' },
        ],
        written: 1,
        expected: 2,
        owing: 1,
        lastWeek: false,
      },
    ],
    ['holiday week, nobody, asked for last week', { weekKey: '2026-W48', weekLabel: '2026年第48周', scopeLabel: '综合处', dueLabel: null, rows: [], written: 0, expected: 0, owing: 0, lastWeek: true }],
  ])('team card: %s', (_name, vm) => {
    expect(larkCard(weeklyTeamCard(vm))).toMatchSnapshot();
  });

  it.each([
    ['typical', [{ week: '2026年第47周', status: '已退回', submitted: '11月19日（周四）10:00', comment: '请补充' }, { week: '2026年第46周', status: '未提交', submitted: '—', comment: '' }]],
    ['one week', [{ week: '2026年第47周', status: '未到截止时间', submitted: '—', comment: '' }]],
  ])('history card: %s', (_name, rows) => {
    expect(larkCard(weeklyHistoryCard({ rows, lateWeeks: 1 }))).toMatchSnapshot();
  });
});
