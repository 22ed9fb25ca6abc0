import { larkCard } from '../helpers/cards';
import { afterEach, describe, expect, it } from 'vitest';
import { resultOf } from '../../src/core/ranking/composite';
import { indicatorDefs } from '../../src/core/ranking/indicator-defs';
import type { RankingDoc } from '../../src/core/ranking/ranking-doc';
import { buildRanking } from '../../src/core/ranking/ranking-table';
import { reviewView } from '../../src/core/ranking/review-view';
import { cityAnnouncementView, unitAnnouncementView } from '../../src/core/ranking/view-models';
import { rankingPublish } from '../../src/features/ranking/ranking-actions';
import { cityAnnouncementCards } from '../../src/features/ranking/ranking-city.card';
import { rankingReviewCard } from '../../src/features/ranking/ranking-review.card';
import { rankingReviewPages } from '../../src/features/ranking/ranking-review-pages.card';
import { unitAnnouncementCard } from '../../src/features/ranking/ranking-unit.card';
import { buildOrg } from '../../src/sandbox';
import { buttonValue, cardOf, expectToast } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { importIndicators, tableRows, titled } from './helpers';
import { ratingRules } from './pure-helpers';

const UNITS = 300;
/** A long name (20 characters) so the size budget, not the row count, decides the split. */
const unitName = (i: number) => `某某市某某区人民政府某某办公室第${String(i).padStart(3, '0')}号`;

function bigRanking(): RankingDoc {
  const rating = ratingRules();
  const defs = indicatorDefs(rating);
  const units = Array.from({ length: UNITS }, (_, i) => {
    const values: Record<string, number | null> = { weekly_completion: ((i * 37) % 100) / 100, avg_monthly_score: 40 + ((i * 53) % 60), training: i % 7 === 0 ? null : ((i * 11) % 100) / 100 };
    return { unitId: `U${String(i).padStart(3, '0')}`, unitName: unitName(i), results: Object.fromEntries(defs.map((d) => [d.name, resultOf(d, values[d.name] ?? null)])), negativeStreak: i % 5 === 0 ? 1 : 0 };
  });
  const doc = buildRanking({ kind: 'quarter', periodKey: '2026-Q4', scope: 'all', scopeName: '全市', defs, units, computedAt: '2027-01-12T02:00:00.000Z' }, rating);
  // Fifty units adjusted with reasons of the longest allowed length.
  return { ...doc, rows: doc.rows.map((r, i) => (i % 6 === 0 ? { ...r, adjustment: { class: '一般', reason: '经'.repeat(200), by: 'ou_admin', byName: '马管理', at: '2027-01-12T03:00:00.000Z' } } : r)) };
}

const stored = (doc: RankingDoc) => ({ id: 'ur_big', periodKey: doc.periodKey, scope: doc.scope, kind: doc.kind, status: 'draft' as const, revision: 3, doc, updatedAt: doc.computedAt });

describe('300 units within Lark’s card limits (our own count until the strict validator checks every send)', () => {
  const doc = bigRanking();

  it('splits the review and the city announcement over several cards, every unit once and in order', () => {
    const view = reviewView(stored(doc), null);
    const pages = rankingReviewPages(view);
    const city = cityAnnouncementCards(cityAnnouncementView(doc, null));
    for (const cards of [pages, city]) {
      expect(cards.length).toBeGreaterThan(1);
      expect(cards.flatMap((c) => tableRows(c).map((r) => r.unit))).toEqual(doc.rows.map((r) => r.unitName));
      for (const card of cards) larkCard(card);
    }
    larkCard(rankingReviewCard(view));
    // The review pages carry every reason, however long.
    expect(pages.flatMap((c) => tableRows(c).map((r) => r.reason))).toEqual(view.rows.map((r) => r.reason));
  });

  it('gives every unit an announcement with the top rows and its own', () => {
    for (const row of doc.rows) {
      const card = unitAnnouncementCard(unitAnnouncementView(doc, row.unitId, { topN: 10, previous: null }));
      larkCard(card);
      const units = tableRows(card).map((r) => r.unit);
      expect(units.slice(0, 10)).toEqual(doc.rows.slice(0, 10).map((r) => (r.unitId === row.unitId ? `▶ ${r.unitName}（本单位）` : r.unitName)));
      expect(units).toContain(`▶ ${row.unitName}（本单位）`);
    }
  });
});

describe('300 organs over HTTP with the sandbox', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('publishes one card to each of 300 unit chats and the whole table to the city chat, every card within the limits', async () => {
    const org = buildOrg({
      joinedOn: '2026-01-01',
      tenantKey: 'big_ranking',
      chats: ['oc_city_big'],
      units: Array.from({ length: UNITS }, (_, i) => ({
        id: `U${String(i).padStart(3, '0')}`,
        name: unitName(i),
        chatId: `oc_big_${i}`,
        leader: { name: `负责人${i}`, userId: `lead${i}`, ...(i === 0 ? { roles: ['staff', 'supervisor', 'admin'] as Array<'staff' | 'supervisor' | 'admin'> } : {}) },
      })),
    });
    h = await Harness.start({
      org,
      now: '2026-10-09T10:00:00+08:00',
      rules: { unit_rating: { city_chat_id: 'oc_city_big', periods: ['quarter'], imported: [{ name: '量化考评', weight: 1 }] } },
    });
    const imported = await importIndicators(h, Array.from({ length: UNITS }, (_, i) => `U${String(i).padStart(3, '0')},2026-Q3,量化考评,${(i * 37) % 101}`));
    expect(imported.error).toBeNull();
    // The month's drafts are due 7 workdays after the first workday of October (国庆 ends on the 8th).
    expect((await h.runJob('unit-ranking', '2026-10-16T10:00:00+08:00')).status).toBe('done');
    const review = titled(h, '负责人0', '审核 · 2026年第三季度');
    expect(review).toHaveLength(1);
    const answer = await h.click('负责人0', review[0]!, buttonValue(cardOf(review[0]!), rankingPublish));
    expectToast(answer, 'success', `通报已发往 ${UNITS} 个单位群`);
    for (let i = 0; i < UNITS; i++) {
      const cards = h.inbox(`oc_big_${i}`);
      expect(cards).toHaveLength(1);
      larkCard(cardOf(cards[0]!));
    }
    const city = h.inbox('oc_city_big');
    expect(city.length).toBeGreaterThan(1);
    for (const m of city) larkCard(cardOf(m));
    expect(city.flatMap((m) => tableRows(cardOf(m))).length).toBe(UNITS);
    for (const m of h.inbox('负责人0')) larkCard(cardOf(m));
  }, 180_000);
});
