import { parsePeriodKey } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Person } from '../org/person';
import { loadUnitTree } from './compute.service';
import { classOf, publishedFacts } from './ranking-doc';
import { kindOfKey, periodEnd, periodLabel } from './ranking-period';
import { latestPublication, latestPublications, rankingsOfPeriod, type StoredPublication } from './ranking.repository';
import { assertRankingAdmin } from './review.service';
import { reviewView } from './review-view';
import { CITY_SCOPE } from './unit-tree';
import { unitAnnouncementView } from './view-models';
import type { ReviewView, UnitAnnouncementView } from './views';

export type RankAnswer = { type: 'none'; text: string } | { type: 'ranking'; view: UnitAnnouncementView; note: string | null };

const KIND_ORDER = { half: 0, quarter: 1, month: 2, training: 3 } as const;

/**
 * /排名 [期间]: the latest published ranking of the caller's scope (or the one for the period asked),
 * as their unit's announcement shows it — their unit's row highlighted when it is ranked.
 */
export async function latestRankingFor(deps: CoreDeps, actor: Person, periodText: string): Promise<RankAnswer> {
  const tree = await loadUnitTree(deps);
  const scope = tree.scopeOf(actor.unitId) ?? CITY_SCOPE;
  const wanted = normalisedKey(periodText);
  const all = (await latestPublications(deps.db, { scope })).filter((p) => (wanted ? p.periodKey.toUpperCase() === wanted : p.kind !== 'training'));
  const latest = all.sort(newestFirst)[0];
  if (!latest) {
    const text = wanted ? `${safeLabel(periodText)}没有公布的单位排名。发送“排名”查看最近一次公布的排名。` : '目前还没有公布的单位排名。排名经公务员局审核发布后，可在这里查看。';
    return { type: 'none', text };
  }
  const own = tree.rankedUnitOf(actor.unitId);
  const view = unitAnnouncementView(latest.doc, own, { topN: deps.rules.unit_rating.announce_top_n, previous: null });
  const note = latest.version > 1 ? `本排名已更正（第 ${latest.version} 版），以上为更正后的结果。` : null;
  return { type: 'ranking', view, note };
}

function newestFirst(a: StoredPublication, b: StoredPublication): number {
  const end = periodEnd(b.periodKey).localeCompare(periodEnd(a.periodKey));
  return end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.publishedAt.localeCompare(a.publishedAt);
}

/** "2026-1" and "2026-q4" as stored ("2026-01", "2026-Q4"), upper-cased for comparison; "" for none. */
function normalisedKey(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  try {
    return parsePeriodKey(t).key.toUpperCase();
  } catch {
    return t.toUpperCase();
  }
}

function safeLabel(text: string): string {
  try {
    return periodLabel(text.trim());
  } catch {
    return `“${text.trim()}”`;
  }
}

/** /排名 审核: the rankings awaiting the admin — never published, or changed since they were. */
export async function pendingReviews(deps: CoreDeps, actor: Person): Promise<ReviewView[]> {
  assertRankingAdmin(actor);
  const rows = await deps.db.selectFrom('unit_rankings').select(['period_key']).distinct().orderBy('period_key').execute();
  const out: ReviewView[] = [];
  for (const { period_key } of rows) {
    for (const ranking of await rankingsOfPeriod(deps.db, period_key)) {
      const latest = await latestPublication(deps.db, ranking.id);
      if (!latest || publishedFacts(latest.doc) !== publishedFacts(ranking.doc)) out.push(reviewView(ranking, latest));
    }
  }
  return out;
}

export const UNIT_RANKING_COLUMNS = ['period', 'rank', 'unit_id', 'unit', 'score', 'class'] as const;

/**
 * `export unit-ranking --period KEY`: the latest published version of each scope's ranking, in rank
 * order (units without data last, with rank and score empty). An unpublished draft is not exported.
 */
export async function* unitRankingRecords(deps: CoreDeps, periodKey: string) {
  const published = (await latestPublications(deps.db, { periodKey })).sort((a, b) => a.scope.localeCompare(b.scope));
  if (published.length === 0 && (await rankingsOfPeriod(deps.db, periodKey)).length > 0) {
    throw new DomainError('NOT_FOUND', `${periodLabel(periodKey)}的单位排名尚未发布（草稿待审核），发布后再导出。`);
  }
  for (const p of published) {
    if (kindOfKey(p.periodKey) === 'training') continue;
    for (const row of p.doc.rows) {
      yield { period: p.periodKey, rank: row.rank ?? '', unit_id: row.unitId, unit: row.unitName, score: row.score ?? '', class: classOf(row) ?? '' };
    }
  }
}
