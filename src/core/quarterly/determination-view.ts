import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { formatMonthLabel, formatPeriodLabel, formatQuarterLabel } from '../calendar/periods';
import { formatScore } from '../numbers';
import { basisLabel, instantLabel, quotaRuleText, scoreText } from './format';
import { monthlyResultsForQuarter, type PersonMonths } from './month-results';
import { isDeterminerOf, peopleByOpenId } from './people.repository';
import { orderedForCard, pageCount, pageOf } from './pool-pages';
import { pageRevision, poolRevision } from './pool-revision';
import { bindingRules, type BindingRule } from './proposal';
import { fitPoolToQuota } from './quota';
import { findLock, findPoolResults, findScopeQuarterResults, type PoolKey, type QuarterResult } from './results.repository';
import { unitLabel, type UnitIndex } from './scope';
import { quotaRulesFor } from './quota-share';
import { seatsOfScope } from './scope-quota';
import { findSignoffs } from './signoff.repository';
import { tierOptions } from './tier-choice';
import type { DeterminationView } from './views';
import { summariesForQuarter, summaryPeriodOfQuarter } from '../summary/summary-excerpts';

type Db = Kysely<Database>;

/** Every page of a pool's determination card; empty when the pool has nobody. */
export async function determinationPages(db: Db, rules: Rules, units: UnitIndex, pool: PoolKey, notice: string | null = null): Promise<DeterminationView[]> {
  // The pool is read once for all its pages: a large organ's pool has dozens.
  const data = await readPool(db, rules, units, pool);
  const first = await determinationView(db, rules, units, pool, 1, notice, data);
  if (!first) return [];
  const rest = [];
  for (let page = 2; page <= first.pages; page++) rest.push((await determinationView(db, rules, units, pool, page, notice, data))!);
  return [first, ...rest];
}

/** What every page of a pool is built from (null: the pool has nobody), read once for several pages. */
export type PoolData = Awaited<ReturnType<typeof readPool>>;

export async function readPool(db: Db, baseRules: Rules, units: UnitIndex, pool: PoolKey) {
  const results = await findPoolResults(db, pool);
  if (results.length === 0) return null;
  const { rules, note: shareNote } = await quotaRulesFor(db, baseRules, pool.scopeId, pool.quarterKey, { units });
  const lock = await findLock(db, pool);
  const signoffs = await findSignoffs(db, pool);
  const people = await peopleByOpenId(db, [...results.map((r) => r.openId), ...(lock ? [lock.lockedBy] : []), ...signoffs.map((s) => s.signedBy)]);
  const scope = await findScopeQuarterResults(db, pool.scopeId, pool.quarterKey);
  // Months still ungraded, for the whole pool at once (each page shows its own people's).
  const members = new Set(results.map((r) => r.openId));
  const monthly = lock ? [] : await monthlyResultsForQuarter(db, pool.quarterKey, { openIds: [...members] });
  // What every page shares, computed once: the order, the seats and what they ask of the proposals.
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const ordered = orderedForCard(results, nameOf);
  const alloc = seatsOfScope(scope.map((r) => ({ personId: r.openId, pool: r.pool, tier: r.tier })), rules);
  const seats = alloc.seats[pool.pool] ?? 0;
  // What the seats ask of the proposals as they came from the months, whatever was adjusted since.
  const fit = fitPoolToQuota(
    results.map((r) => ({ personId: r.openId, proposedTier: r.proposedTier, score: r.score, work: r.work, conduct: r.conduct, goodMonths: r.goodMonths })),
    seats,
    rules,
  );
  const byId = new Map(results.map((r) => [r.openId, r]));
  const determiners = results.map((r) => people.get(r.openId)).filter((p) => p && isDeterminerOf(p, pool.scopeId, units));
  const revision = poolRevision(results);
  const rated = results.filter((r) => r.tier !== '不定等次').length;
  const goodCount = results.filter((r) => r.tier === '好').length;
  const notes = ruleNotes(results, rules);
  // The pool's own (the card counts them against the pool's size).
  const summaries = await summariesForQuarter(db, baseRules, pool.quarterKey, results.map((r) => r.openId));
  return { results, rules, shareNote, lock, signoffs, people, monthly, nameOf, ordered, alloc, seats, fit, byId, determiners, revision, rated, goodCount, notes, summaries };
}

/** One page of the card an admin sees for a pool, from the stored results; null when the pool is empty. */
export async function determinationView(
  db: Db,
  baseRules: Rules,
  units: UnitIndex,
  pool: PoolKey,
  page: number,
  notice: string | null = null,
  preloaded?: PoolData,
): Promise<DeterminationView | null> {
  const data = preloaded === undefined ? await readPool(db, baseRules, units, pool) : preloaded;
  if (!data) return null;
  const { results, rules, shareNote, lock, signoffs, monthly, nameOf, ordered, alloc, seats, fit, byId, determiners, revision, rated, goodCount, notes, summaries } = data;
  const size = rules.quarterly.card_page_size;
  const pages = pageCount(ordered.length, size);
  const current = Math.min(Math.max(1, page), pages);
  const rows = pageOf(ordered, current, size);
  const onPage = new Set(rows.map((r) => r.openId));
  const withScore = (id: string) => `${nameOf(id)}（${scoreText(byId.get(id)?.score ?? null)} 分）`;
  return {
    scopeId: pool.scopeId,
    scopeName: unitLabel(units, pool.scopeId),
    quarterKey: pool.quarterKey,
    quarterLabel: formatQuarterLabel(pool.quarterKey),
    pool: pool.pool,
    page: current,
    pages,
    poolSize: results.length,
    rated,
    quota: seats,
    quotaRule: quotaRuleText(alloc, rules),
    quotaBasis:
      rules.quarterly.quota_scope === 'organ'
        ? `${basisLabel('quarterly.good_quota.max_share')}；按本机关参评人数计算：${basisLabel('quarterly.quota_scope')}`
        : basisLabel('quarterly.good_quota.max_share'),
    goodCount,
    ruleNotes: [...(shareNote ? [shareNote] : []), ...notes],
    rows: rows.map((r) => ({
      openId: r.openId,
      name: nameOf(r.openId),
      unitName: unitLabel(units, r.unitId),
      score: scoreText(r.score),
      proposedTier: r.proposedTier,
      tier: r.tier,
      basis: r.basis ?? legacyBasis(r),
      summary: summaries.get(r.openId) ?? null,
    })),
    mustMove: { count: fit.mustMove.length, names: fit.mustMove.filter((id) => onPage.has(id)).map(withScore) },
    tie: fit.undecidedTie.length > 0 ? { count: fit.undecidedTie.length, names: fit.undecidedTie.filter((id) => onPage.has(id)).map(withScore), seats: fit.tieSeats } : null,
    tierOptions: tierOptions(rules),
    pending: lock ? [] : pendingMonths(monthly, onPage, nameOf),
    recusal:
      determiners.length > 0
        ? { members: determiners.map((p) => p!.name).sort((a, b) => a.localeCompare(b, 'zh-CN')), confirmedBy: signoffs.filter((s) => s.revision === revision).map((s) => nameOf(s.signedBy)) }
        : null,
    locked: lock
      ? {
          byName: nameOf(lock.lockedBy),
          atLabel: instantLabel(lock.lockedAt),
          countersignedBy: signoffs.filter((s) => s.signedBy !== lock.lockedBy).map((s) => nameOf(s.signedBy))[0] ?? null,
        }
      : null,
    notice,
    revision: pageRevision(rows, current, pages),
    ...(baseRules.self_summary.enabled
      ? { summaries: { periodLabel: formatPeriodLabel(summaryPeriodOfQuarter(baseRules, pool.quarterKey)), submitted: summaries.size, total: results.length } }
      : {}),
  };
}

const RULE_TEXT: Record<BindingRule, (rules: Rules) => string> = {
  month_caps: (rules) =>
    `月度等次封顶季度等次：${Object.entries(rules.quarterly.month_caps)
      .map(([month, cap]) => `有“${month}”月份的，季度至多“${cap}”`)
      .join('，')}（依据：${basisLabel('quarterly.month_caps')}）`,
  min_months: (rules) => `本季度计入考核的月份少于 ${rules.quarterly.min_months} 个的，建议不定等次，不计入“好”等次名额基数（依据：${basisLabel('quarterly.min_months')}）`,
  probation: () => `试用期内的月份不计入，试用期内不定等次（依据：${basisLabel('quarterly.probation')}）`,
};

/** The rules that decided someone's proposal in this pool, each citing its basis. */
function ruleNotes(results: readonly QuarterResult[], rules: Rules): string[] {
  const bound = new Set(results.flatMap((r) => bindingRules(r.basis)));
  return (Object.keys(RULE_TEXT) as BindingRule[]).filter((k) => bound.has(k)).map((k) => RULE_TEXT[k](rules));
}

function pendingMonths(monthly: readonly PersonMonths[], onPage: ReadonlySet<string>, nameOf: (id: string) => string): string[] {
  return monthly
    .filter((p) => onPage.has(p.openId) && p.pendingMonths.length > 0)
    .map((p) => `${nameOf(p.openId)}（${p.pendingMonths.map(formatMonthLabel).join('、')}）`);
}

/** Rows stored before the basis was recorded say what the stored scores show. */
function legacyBasis(r: QuarterResult): string {
  if (r.score === null) return '本季度没有可计入的月度评分，建议不定等次';
  const good = r.goodMonths > 0 ? `，月度“好”${r.goodMonths} 次` : '';
  return `月度平均 ${formatScore(r.score)} 分${good}，按分数段建议“${r.proposedTier}”`;
}
