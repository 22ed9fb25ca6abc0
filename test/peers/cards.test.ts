import { describe, expect, it } from 'vitest';
import { larkCard } from '../helpers/cards';
import { peerDoneCard, peerFormCard } from '../../src/features/peers/peer-form.card';
import { monthlyGradingCard } from '../../src/features/monthly/monthly-form.card';
import { monthlyResultCard } from '../../src/features/monthly/monthly-result.card';
import { quarterFeedbackCard } from '../../src/features/quarterly/quarterly-feedback.card';
import { parseRules } from '../../src/core/rules/rules';
import type { PeerFormView } from '../../src/core/peers/views';
import type { GradingSheet } from '../../src/core/monthly/grading-sheet';
import { TIERS } from '../../src/core/rules/terms';
import { pageSizeOf } from '../../src/core/peers/peer-answer.service';

const view: PeerFormView = {
  quarterKey: '2026-Q2',
  quarterLabel: '2026年第二季度',
  raterName: '江海燕',
  page: 1,
  pages: 1,
  roster: '0123456789abcdef',
  submitted: false,
  ratees: [
    { index: 0, name: '白雪梅', unitName: '综合处' },
    { index: 1, name: '程立新', unitName: '综合处' },
    { index: 2, name: '丁<建>国', unitName: '综合处' },
  ],
  items: ['综合评价'],
  options: TIERS.map((t) => ({ label: t, value: t })),
  minAnswers: 5,
  deadlineLabel: '7月8日 09:00',
};

describe('民主测评 cards', () => {
  it('the rating form: one select per colleague, no ids; a page already cast has no form', () => {
    const card = larkCard(peerFormCard(view));
    expect(card).toMatchSnapshot();
    expect(larkCard(peerFormCard({ ...view, submitted: true }))).toMatchSnapshot();
    expect(JSON.stringify(card)).not.toContain('ou_');
    expect(JSON.stringify(card)).toContain('丁&#60;建&#62;国');
  });

  it('a page of a 300-person organ with five items per colleague stays within Feishu’s limits', () => {
    const items = ['德', '能', '勤', '绩', '廉'];
    // Each select counts with its options: five items of 1–5 take a page down to 5 colleagues.
    const rules = parseRules({ peers: { items, scale: 'points' } });
    expect(pageSizeOf(rules)).toBe(5);
    expect(pageSizeOf(parseRules({}))).toBe(20);
    const ratees = Array.from({ length: pageSizeOf(rules) }, (_, i) => ({ index: i, name: `欧阳·${'明'.repeat(4)}${i}`, unitName: '政策法规与规范性文件审查处' }));
    const options = [5, 4, 3, 2, 1].map((n) => ({ label: `${n} 分`, value: String(n) }));
    larkCard(peerFormCard({ ...view, page: 75, pages: 75, ratees, items, options }));
    const one = parseRules({ peers: { organs: 'all' } });
    const wide = Array.from({ length: one.peers.card_page_size }, (_, i) => ({ index: i, name: `欧阳·${'明'.repeat(4)}${i}`, unitName: '政策法规与规范性文件审查处' }));
    larkCard(peerFormCard({ ...view, page: 15, pages: 15, ratees: wide }));
  });

  it('the thank-you card says how many were rated, never what', () => {
    expect(larkCard(peerDoneCard({ quarterLabel: '2026年第二季度', counted: 3, pagesLeft: 1 }))).toMatchSnapshot();
    expect(larkCard(peerDoneCard({ quarterLabel: '2026年第二季度', counted: 0, pagesLeft: 0 }))).toMatchSnapshot();
  });
});

describe('服务对象评价 on the supervisor’s grading card, and a composed score on the feedback card', () => {
  const rules = parseRules({ service_rating: { adjust: 'counts' } });
  const sheet: GradingSheet = {
    review: {
      id: 'mr_1', openId: 'ou_x', monthKey: '2026-05', unitId: 'U1', level: '一般干部', reviewerOpenId: 'ou_l', work: 90, conduct: 90,
      bonuses: [], deductions: [], bonus: 0, deduction: 0, total: 90, suggestedTier: '好', tier: '好', overrideReason: null, comment: null,
      status: 'submitted', revision: 1, updatedAt: '2026-06-01T02:00:00.000Z',
    },
    name: '庞晓东',
    unitName: '综合处',
    level: '一般干部',
    reviewerName: '钱处长',
    weeks: [],
    scoring: rules.scoring,
    allowUndetermined: true,
    service: [
      { periodKey: '2026-05', evidence: { good: 3, bad: 1, score: null } },
      { periodKey: '2026-Q2', evidence: { good: 10, bad: 0, score: 98 } },
    ],
    serviceRule: rules.service_rating,
  };

  it('shows the 好差评 as evidence with what the rules do with it', () => {
    const form = larkCard(monthlyGradingCard(sheet));
    expect(form).toMatchSnapshot();
    expect(JSON.stringify(form)).toContain('2026年5月：好评 3 条，差评 1 条');
    expect(JSON.stringify(larkCard(monthlyResultCard(sheet)))).toContain('2026年第二季度：好评 10 条，差评 0 条，评价得分 98 分');
    const evidenceOnly = { ...sheet, serviceRule: parseRules({}).service_rating };
    expect(JSON.stringify(larkCard(monthlyGradingCard(evidenceOnly)))).toContain('仅供评鉴参考，不自动计入得分');
    // No rating imported: the card is exactly as before.
    expect(JSON.stringify(monthlyGradingCard({ ...sheet, service: undefined, serviceRule: undefined }))).not.toContain('好差评');
  });

  it('the feedback card shows how the quarterly score was composed', () => {
    const card = larkCard(
      quarterFeedbackCard({
        name: '庞晓东', quarterLabel: '2026年第二季度', level: '一般干部', tier: '一般', score: '69.4', deadlineLabel: '7月15日', objectionWorkdays: 5, months: [],
        composition: '领导评鉴 75 分 × 70% + 民主测评 62 分 × 30%（5 份答卷） −1.7 分（服务对象评价） = 69.4 分',
      }),
    );
    expect(card).toMatchSnapshot();
  });
});
