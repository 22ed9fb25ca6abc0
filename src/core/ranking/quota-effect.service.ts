import { addDays, parsePeriodKey } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { basisLabel } from '../quarterly/format';
import type { UnitClass } from '../rules/terms';
import { basisRanking, shareForClass, type QuotaTarget } from './quota-effect';
import { classOf } from './ranking-doc';
import { periodLabel } from './ranking-period';
import { latestPublications, type StoredPublication } from './ranking.repository';
import { CITY_SCOPE } from './unit-tree';

/** An organ's quota share after its 评优评差 class, with the sentence the determination card shows. */
export interface QuotaShare {
  share: number;
  base: number;
  /** The published class that moved it; null when the share is the rules' default. */
  cause: { className: UnitClass; periodKey: string } | null;
  /** "因2026年下半年单位评优评差列为先进单位，年度考核“优秀”比例由 20% 调整为 25%（依据：国家规定）"; null without a cause. */
  text: string | null;
}

const LABELS: Record<QuotaTarget, string> = { good_share: '平时考核“好”等次比例', excellent_share: '年度考核“优秀”比例' };
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The published rankings an organ's share is taken from, read for a window (null: organs are not ranked). */
export interface ShareBasis {
  window: { from: string; to: string };
  publications: StoredPublication[] | null;
}

/**
 * The rankings the quarterly 好 shares of `quarterKey` come from: the latest published (of
 * `quota_effects.basis_periods`) that ended before the quarter began and within the year before it.
 * The same for every organ, so a quarter's close reads them once for all (80 organs read the same
 * rows 80 times, each a round trip) and every organ's proposals rest on the same publication.
 */
export async function goodShareBasis(deps: Pick<CoreDeps, 'db' | 'rules'>, quarterKey: string): Promise<ShareBasis> {
  const start = parsePeriodKey(quarterKey, 'quarter').start;
  return shareBasis(deps, { from: addDays(start, -366), to: addDays(start, -1) });
}

/**
 * The quarterly 好 share of an organ for `quarterKey`, moved by its class in the ranking of
 * goodShareBasis (read here unless given). To be called where the quarterly quota takes
 * `quarterly.good_quota.max_share`.
 */
export async function goodShareFor(deps: Pick<CoreDeps, 'db' | 'rules'>, organId: string, quarterKey: string, basis?: ShareBasis): Promise<QuotaShare> {
  return shareOf(deps.rules, organId, 'good_share', deps.rules.quarterly.good_quota.max_share, basis ?? (await goodShareBasis(deps, quarterKey)));
}

/**
 * The annual 优秀 share of an organ for `year`: moved by its class in the latest published ranking
 * that ended within that year. To be called where the annual ceiling takes `annual.excellent_max_share`.
 */
export async function excellentShareFor(deps: Pick<CoreDeps, 'db' | 'rules'>, organId: string, year: number): Promise<QuotaShare> {
  const basis = await shareBasis(deps, { from: `${year}-01-01`, to: `${year}-12-31` });
  return shareOf(deps.rules, organId, 'excellent_share', deps.rules.annual.excellent_max_share, basis);
}

async function shareBasis(deps: Pick<CoreDeps, 'db' | 'rules'>, window: { from: string; to: string }): Promise<ShareBasis> {
  // Organs have a class only when organs are ranked; 处室 rankings move no organ quota.
  if (deps.rules.unit_rating.ranked !== 'organs') return { window, publications: null };
  const endingIn = { from: Number(window.from.slice(0, 4)), to: Number(window.to.slice(0, 4)) };
  return { window, publications: await latestPublications(deps.db, { scope: CITY_SCOPE, endingIn }) };
}

function shareOf(rules: CoreDeps['rules'], organId: string, target: QuotaTarget, base: number, { window, publications }: ShareBasis): QuotaShare {
  const none: QuotaShare = { share: base, base, cause: null, text: null };
  if (publications === null) return none;
  const basis = basisRanking(publications, window, rules.unit_rating);
  const row = basis?.doc.rows.find((r) => r.unitId === organId);
  const className = row ? classOf(row) : null;
  const share = shareForClass(className, target, rules.unit_rating);
  if (!basis || !className || share === null || share === base) return none;
  const why = basisLabel(`unit_rating.quota_effects.classes.${className}.${target}`);
  return {
    share,
    base,
    cause: { className, periodKey: basis.periodKey },
    text: `因${periodLabel(basis.periodKey)}单位评优评差列为${className}，${LABELS[target]}由 ${pct(base)} 调整为 ${pct(share)}（依据：${why}）`,
  };
}
