import type { Kysely } from 'kysely';
import type { TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import { formatMonthLabel, formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, locked, notFound, staleCard } from '../errors';
import { isAdminOf, type Person } from '../org/person';
import { monthlyResultsForQuarter } from './month-results';
import { formatScore } from '../numbers';
import { assertNoProblems } from '../problems';
import { deliverQuarterFeedback } from './feedback.service';
import { computeUnitProposals, sameProposal } from './proposal.service';
import { basisLabel, instantLabel, quotaRuleText, scoreText } from './format';
import { peopleByOpenId, unitName } from './people.repository';
import {
  confirmResult,
  findLock,
  findPoolResults,
  insertLock,
  setProposedTier,
  type PoolKey,
  type QuarterLock,
  type QuarterResult,
} from './results.repository';
import { poolRevision } from './pool-revision';
import { tierField, tierOptions } from './tier-choice';
import type { DeterminationView } from './views';
import { checkDetermination, fitPoolToQuota, quotaMessage, goodQuota } from './quota';
import { isTierOrUndetermined } from '../tiers';

type Db = Kysely<Database>;


export function assertDeterminer(actor: Person | null, unitId: string): asserts actor is Person {
  if (!actor || !isAdminOf(actor, unitId)) throw forbidden('只有本单位考核管理员（或公务员局管理员）可以审定本单位的季度等次。');
}

function lockedError(lock: QuarterLock, byName: string): DomainError {
  return locked(`本季度已审定锁定（${byName}，${instantLabel(lock.lockedAt)}），不能再调整或重复确认。如需更正，请通过异议流程办理。`);
}

/** The card an admin sees for one pool, from the stored proposals; null when the pool is empty. */
export async function determinationView(db: Db, rules: Rules, pool: PoolKey, notice: string | null = null): Promise<DeterminationView | null> {
  const results = await findPoolResults(db, pool);
  if (results.length === 0) return null;
  const lock = await findLock(db, pool);
  const people = await peopleByOpenId(db, [...results.map((r) => r.openId), ...(lock ? [lock.lockedBy] : [])]);
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const byId = new Map(results.map((r) => [r.openId, r]));
  // What the quota asks of the proposals as they came from the months, whatever was adjusted since.
  const fit = fitPoolToQuota(
    results.map((r) => ({ personId: r.openId, proposedTier: r.proposedTier, score: r.score, work: r.work, conduct: r.conduct, goodMonths: r.goodMonths })),
    rules,
  );
  const withScore = (id: string) => `${nameOf(id)}（${scoreText(byId.get(id)?.score ?? null)} 分）`;
  const rows = [...results]
    .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || nameOf(a.openId).localeCompare(nameOf(b.openId), 'zh-CN'))
    .map((r) => ({
      openId: r.openId,
      name: nameOf(r.openId),
      score: scoreText(r.score),
      proposedTier: r.proposedTier,
      tier: r.tier,
      basis: proposalBasis(r),
    }));
  return {
    unitId: pool.unitId,
    unitName: await unitName(db, pool.unitId),
    quarterKey: pool.quarterKey,
    quarterLabel: formatQuarterLabel(pool.quarterKey),
    level: pool.level,
    poolSize: results.length,
    quota: fit.quota,
    quotaRule: quotaRuleText(results.length, rules),
    quotaBasis: basisLabel('quarterly.good_quota.max_share'),
    goodCount: results.filter((r) => r.tier === '好').length,
    rows,
    mustMove: fit.mustMove.map(withScore),
    tie: fit.undecidedTie.length > 0 ? { names: fit.undecidedTie.map(withScore), seats: fit.tieSeats } : null,
    tierOptions: tierOptions(rules),
    pending: lock ? [] : await pendingMonths(db, pool, nameOf),
    locked: lock ? { byName: nameOf(lock.lockedBy), atLabel: instantLabel(lock.lockedAt) } : null,
    notice,
    revision: poolRevision(results),
  };
}

async function pendingMonths(db: Db, pool: PoolKey, nameOf: (id: string) => string): Promise<string[]> {
  const monthly = await monthlyResultsForQuarter(db, pool.quarterKey, { unitId: pool.unitId, level: pool.level });
  return monthly
    .filter((p) => p.pendingMonths.length > 0)
    .map((p) => `${nameOf(p.openId)}（${p.pendingMonths.map(formatMonthLabel).join('、')}）`);
}

/** The stored scores say how the proposal was reached; the monthly detail is on the monthly ledger. */
function proposalBasis(r: QuarterResult): string {
  if (r.score === null) return '本季度没有可计入的月度评分，建议不定等次';
  const good = r.goodMonths > 0 ? `，月度“好”${r.goodMonths} 次` : '';
  return `月度平均 ${formatScore(r.score)} 分${good}，按分数段建议“${r.proposedTier}”`;
}

/** Reads the admin's choices from the form; a person missing from the form keeps the stored tier. */
function chosenTiers(results: readonly QuarterResult[], form: Record<string, unknown>): Record<string, TierOrUndetermined> {
  const chosen: Record<string, TierOrUndetermined> = {};
  for (const r of results) {
    const v = form[tierField(r.openId)];
    if (v === undefined || v === null || v === '') chosen[r.openId] = r.tier;
    else if (isTierOrUndetermined(v)) chosen[r.openId] = v;
    else throw invalidInput(`等次“${String(v)}”无效，请从 好、较好、一般、较差 中选择`);
  }
  return chosen;
}

/** The pool's open proposals, as of the card the admin clicked; a lock or a newer state refuses. */
async function openPool(db: Db, pool: PoolKey, cardRevision: string): Promise<QuarterResult[]> {
  const lock = await findLock(db, pool);
  if (lock) {
    const names = await peopleByOpenId(db, [lock.lockedBy]);
    throw lockedError(lock, names.get(lock.lockedBy)?.name ?? lock.lockedBy);
  }
  const all = await findPoolResults(db, pool);
  const results = all.filter((r) => r.status === 'proposed');
  if (results.length === 0) throw notFound('没有找到该审定池的季度建议等次，请发送“/审定”重新获取审定卡片。');
  if (poolRevision(all) !== cardRevision) throw staleCard('本池等次在卡片发出后已有调整，请发送“审定”获取最新的审定卡片');
  return results;
}

/**
 * The admin must confirm what the months now say: a month graded or re-graded after the card went
 * out makes the card stale, and confirming it would lock a result nobody saw.
 */
async function assertProposalsCurrent(db: Db, rules: Rules, pool: PoolKey, stored: readonly QuarterResult[]): Promise<void> {
  const unit = await computeUnitProposals(db, rules, pool.unitId, pool.quarterKey);
  const fresh = unit.pools.find((p) => p.level === pool.level)?.proposals ?? [];
  const byId = new Map(stored.map((r) => [r.openId, r]));
  const current = fresh.length === stored.length && fresh.every((f) => byId.has(f.openId) && sameProposal(byId.get(f.openId)!, f));
  if (!current) {
    throw new DomainError('CONFLICT', '本卡片发出后月度评鉴结果有更新，为免依据过时的建议审定，请发送“/审定”获取最新的审定卡片后再确认。');
  }
}

/**
 * Saves the admin's adjustments without confirming. Refused, with nothing saved, when it would
 * raise the number of 好 above the quota (lowering is always allowed, e.g. while a tie is open).
 */
export interface PoolChoice {
  pool: PoolKey;
  /** The pool revision the card was built from. */
  revision: string;
  /** The card's form: one tier select per person. */
  form: Record<string, unknown>;
}

export async function saveAdjustments(deps: CoreDeps, actor: Person, { pool, revision, form }: PoolChoice): Promise<DeterminationView> {
  assertDeterminer(actor, pool.unitId);
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const results = await openPool(trx, pool, revision);
    const chosen = chosenTiers(results, form);
    const quota = goodQuota(results.length, deps.rules);
    const before = results.filter((r) => r.tier === '好').length;
    const after = Object.values(chosen).filter((t) => t === '好').length;
    if (deps.rules.quarterly.good_quota.hard_block && after > quota && after > before) {
      throw new DomainError('QUOTA_EXCEEDED', quotaMessage(results.length, quota, { goodCount: after }) + '，未保存。');
    }
    for (const r of results) {
      const tier = chosen[r.openId]!;
      if (tier === r.tier) continue;
      if (await setProposedTier(trx, r.id, tier, at)) {
        await audit(trx, at, {
          actor: actor.openId,
          action: 'grading.quarter.adjust',
          entityType: 'quarter_result',
          entityId: r.id,
          before: { tier: r.tier },
          after: { tier },
        });
      }
    }
  });
  return (await determinationView(deps.db, deps.rules, pool, '已保存调整，尚未确认审定。'))!;
}

/**
 * 确认审定: re-checks the quota on the server, writes the tiers, locks the pool, audits every tier
 * and — in the same transaction — queues each person's private feedback and each supervisor's
 * summary. The lock row is the claim, so a double click or two admins at once confirm only once.
 */
export async function confirmPool(
  deps: CoreDeps,
  actor: Person,
  { pool, revision, form }: PoolChoice,
): Promise<DeterminationView> {
  assertDeterminer(actor, pool.unitId);
  const at = deps.clock.now();
  let warnings: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const results = await openPool(trx, pool, revision);
    await assertProposalsCurrent(trx, deps.rules, pool, results);
    const chosen = chosenTiers(results, form);
    const names = await peopleByOpenId(trx, results.map((r) => r.openId));
    const check = checkDetermination(
      results.map((r) => ({ personId: r.openId, name: names.get(r.openId)?.name ?? r.openId })),
      chosen,
      deps.rules,
    );
    const overQuota = check.goodCount > check.quota;
    assertNoProblems(check.errors, overQuota ? 'QUOTA_EXCEEDED' : 'INVALID_INPUT');
    warnings = check.warnings;
    if (!(await insertLock(trx, pool, actor.openId, at))) {
      const lock = (await findLock(trx, pool))!;
      throw lockedError(lock, (await peopleByOpenId(trx, [lock.lockedBy])).get(lock.lockedBy)?.name ?? lock.lockedBy);
    }
    await audit(trx, at, {
      actor: actor.openId,
      action: 'grading.quarter.lock',
      entityType: 'quarter_lock',
      entityId: `${pool.unitId}:${pool.quarterKey}:${pool.level}`,
      after: { goodCount: check.goodCount, quota: check.quota, poolSize: results.length },
    });
    const confirmed: QuarterResult[] = [];
    for (const r of results) {
      const tier = chosen[r.openId]!;
      if (!(await confirmResult(trx, r.id, tier, actor.openId, at))) continue;
      await audit(trx, at, {
        actor: actor.openId,
        action: 'grading.quarter.confirm',
        entityType: 'quarter_result',
        entityId: r.id,
        before: { tier: r.tier, proposedTier: r.proposedTier, status: r.status },
        after: { tier, status: 'confirmed' },
      });
      confirmed.push({ ...r, tier, status: 'confirmed', confirmedBy: actor.openId, confirmedAt: at.toISOString(), feedbackAt: at.toISOString() });
    }
    await deliverQuarterFeedback(trx, deps, pool, confirmed, at);
  });
  const notice = warnings.length > 0 ? `已确认审定并锁定。提示：${warnings.join('；')}` : '已确认审定并锁定，结果已私信反馈本人及其主管领导。';
  return (await determinationView(deps.db, deps.rules, pool, notice))!;
}

