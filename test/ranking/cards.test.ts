import { larkCard } from '../helpers/cards';
import { describe, expect, it } from 'vitest';
import type { RankingDoc } from '../../src/core/ranking/ranking-doc';
import type { StoredPublication } from '../../src/core/ranking/ranking.repository';
import { reviewView } from '../../src/core/ranking/review-view';
import { cityAnnouncementView, unitAnnouncementView } from '../../src/core/ranking/view-models';
import { cityAnnouncementCards } from '../../src/features/ranking/ranking-city.card';
import { rankingReviewCard } from '../../src/features/ranking/ranking-review.card';
import { rankingReviewPages } from '../../src/features/ranking/ranking-review-pages.card';
import { unitAnnouncementCard } from '../../src/features/ranking/ranking-unit.card';
import { rankTable, ratingRules, unitOf } from './pure-helpers';

const rating = ratingRules({ imported: [{ name: '安全生产事故', veto: true }] });
const base = rankTable(rating, [
  unitOf(rating, 'P', { weekly_completion: 1, avg_monthly_score: 100, training: 1 }),
  unitOf(rating, 'Q', { weekly_completion: 0.9, avg_monthly_score: 90, training: null }),
  unitOf(rating, 'S', { weekly_completion: 0.8, avg_monthly_score: 80, training: 0.8 }),
  unitOf(rating, 'R', { weekly_completion: 0.6, avg_monthly_score: 50, training: 0.5 }),
  unitOf(rating, 'V', { weekly_completion: 0.9, avg_monthly_score: 95, training: 1, 安全生产事故: 1 }),
  unitOf(rating, 'N', {}),
]);
const doc: RankingDoc = {
  ...base,
  rows: base.rows.map((r) =>
    r.unitId === 'S' ? { ...r, adjustment: { class: '工作提示单位', reason: '专项检查发现台账不全', by: 'ou_admin', byName: '马管理', at: '2026-12-10T03:00:00.000Z' } } : r,
  ),
};
const stored = { id: 'ur_1', periodKey: '2026-11', scope: 'all', kind: 'month' as const, status: 'draft' as const, revision: 4, doc, updatedAt: doc.computedAt };
const first: StoredPublication = { id: 'up_1', rankingId: 'ur_1', periodKey: '2026-11', scope: 'all', kind: 'month', version: 1, doc: base, publishedBy: 'ou_admin', publishedAt: '2026-12-10T02:30:00.000Z', announceAfter: '2026-12-10T02:30:00.000Z', announcedAt: '2026-12-10T02:30:00.000Z' };

describe('评优评差 cards', () => {
  it('review card: counts, the units outside 一般 with their reasons, missing data, adjust form, 重新计算 and 发布', () => {
    const card = rankingReviewCard(reviewView(stored, null));
    expect(larkCard(card)).toMatchSnapshot();
  });

  it('review card after publishing with a pending change offers 发布更正', () => {
    const card = rankingReviewCard(reviewView({ ...stored, status: 'published' }, first));
    expect(JSON.stringify(card)).toContain('发布更正');
    expect(larkCard(card)).toMatchSnapshot();
  });

  it('review page: the full table with reasons and the chart', () => {
    const pages = rankingReviewPages(reviewView(stored, null));
    expect(pages).toHaveLength(1);
    expect(larkCard(pages[0])).toMatchSnapshot();
  });

  it('a unit’s announcement: position, reason, what pulled it down, table with its own row, chart', () => {
    const card = unitAnnouncementCard(unitAnnouncementView(doc, 'R', { topN: 3, previous: null }));
    expect(larkCard(card)).toMatchSnapshot();
  });

  it('shows a missing indicator as missing on the unit’s own card', () => {
    const text = JSON.stringify(unitAnnouncementCard(unitAnnouncementView(doc, 'Q', { topN: 3, previous: null })));
    expect(text).toContain('本单位各项指标：周记完成率 90%、月度考核平均分 90、学时达标率 缺数据。缺数据的指标不计入综合得分，由其余指标按权重折算。');
  });

  it('a correction names what changed for the unit', () => {
    const card = unitAnnouncementCard(unitAnnouncementView(doc, 'S', { topN: 10, previous: first }));
    expect(larkCard(card)).toMatchSnapshot();
  });

  it('the city announcement', () => {
    const cards = cityAnnouncementCards(cityAnnouncementView(doc, null));
    expect(cards).toHaveLength(1);
    expect(larkCard(cards[0])).toMatchSnapshot();
  });
});
